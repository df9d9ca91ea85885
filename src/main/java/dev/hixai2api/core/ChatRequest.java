package dev.hixai2api.core;

import java.util.List;

/**
 * What a client asks, in no dialect: every front door parses its request into one of these.
 *
 * @param model       the model as the client named it (a search suffix included), echoed back in answers
 * @param messages    the whole history in order; a door with a separate system field puts it first as "system"
 * @param limits      where the answer is cut; {@link Limits#NONE} when the client set none
 * @param reasoning   how a reasoning model's thinking reaches the door
 * @param streamUsage whether a streamed answer reports usage (OpenAI chat only when stream_options.include_usage)
 * @param tools       the tools the model may call; {@link Tools#NONE} when the client offers none
 * @param format      the shape of the answer; {@link ResponseFormat#TEXT} when the client asked for none
 */
public record ChatRequest(String model, List<ChatMessage> messages, boolean stream, Limits limits,
                          ReasoningStyle reasoning, boolean streamUsage, Tools tools, ResponseFormat format) {

    public ChatRequest {
        messages = List.copyOf(messages);
    }

    public ChatRequest(String model, List<ChatMessage> messages, boolean stream, Limits limits,
                       ReasoningStyle reasoning, boolean streamUsage) {
        this(model, messages, stream, limits, reasoning, streamUsage, Tools.NONE, ResponseFormat.TEXT);
    }

    /** A request whose streamed answer reports usage, as the Anthropic and Responses dialects always do. */
    public ChatRequest(String model, List<ChatMessage> messages, boolean stream, Limits limits,
                       ReasoningStyle reasoning) {
        this(model, messages, stream, limits, reasoning, true);
    }

    public ChatRequest withTools(Tools offered) {
        return new ChatRequest(model, messages, stream, limits, reasoning, streamUsage, offered, format);
    }

    public ChatRequest withFormat(ResponseFormat shape) {
        return new ChatRequest(model, messages, stream, limits, reasoning, streamUsage, tools, shape);
    }
}
