package dev.hixai2api.responses;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * POST /v1/responses as the OpenAPI document shows it. The gateway itself reads bodies with
 * {@link ResponsesRequestParser} and renders with {@link ResponseShape}; these records only describe them.
 */
public final class ResponsesSchema {

    private ResponsesSchema() {
    }

    /** {@code input} is a string or an array of message items. */
    public record Request(String model, Object input, String instructions, Boolean stream,
                          @JsonProperty("max_output_tokens") Integer maxOutputTokens, Boolean store,
                          @JsonProperty("previous_response_id") String previousResponseId) {
    }

    public record Response(String id, String object, @JsonProperty("created_at") Long createdAt, String status,
                           String model, List<OutputItem> output, Usage usage,
                           @JsonProperty("incomplete_details") IncompleteDetails incompleteDetails,
                           @JsonProperty("previous_response_id") String previousResponseId, Boolean store) {
    }

    /** A {@code reasoning} item (its {@code summary}) or a {@code message} item (its {@code content}). */
    public record OutputItem(String id, String type, String status, String role, List<Part> summary,
                             List<Part> content) {
    }

    /** {@code summary_text} or {@code output_text}. */
    public record Part(String type, String text) {
    }

    public record Usage(@JsonProperty("input_tokens") Integer inputTokens,
                        @JsonProperty("output_tokens") Integer outputTokens,
                        @JsonProperty("total_tokens") Integer totalTokens) {
    }

    public record IncompleteDetails(String reason) {
    }
}
