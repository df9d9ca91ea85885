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
 */
public record ChatRequest(String model, List<ChatMessage> messages, boolean stream, Limits limits,
                          ReasoningStyle reasoning, boolean streamUsage) {

    public ChatRequest {
        messages = List.copyOf(messages);
    }

    /** A request whose streamed answer reports usage, as the Anthropic and Responses dialects always do. */
    public ChatRequest(String model, List<ChatMessage> messages, boolean stream, Limits limits,
                       ReasoningStyle reasoning) {
        this(model, messages, stream, limits, reasoning, true);
    }
}
