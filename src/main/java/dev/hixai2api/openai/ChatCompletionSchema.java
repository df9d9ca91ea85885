package dev.hixai2api.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The request body of POST /v1/chat/completions as the OpenAPI document shows it. The gateway itself reads
 * bodies with {@link ChatCompletionRequestParser}, which names the offending field of a bad one.
 */
public record ChatCompletionSchema(String model, List<Message> messages, Boolean stream,
                                   @JsonProperty("stream_options") StreamOptions streamOptions) {

    /** {@code content} is a string or an array of {@code {"type":"text","text":…}} parts. */
    public record Message(String role, Object content) {
    }

    public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {
    }
}
