package dev.hixai2api.responses;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The bodies of the OpenAI Responses API as the OpenAPI document shows them. The door itself reads requests
 * with its parser, which names the offending field of a bad one, and writes the Response object as a JSON tree;
 * these records only describe them. Their names are unique among the document's schemas.
 */
public final class ResponsesSchemas {

    private ResponsesSchemas() {
    }

    @Schema(description = "POST /v1/responses. tools are refused until tool calling exists; temperature, top_p "
            + "and reasoning are accepted and ignored.")
    public record ResponsesCreateRequest(
            @Schema(description = "a model of GET /v1/models", requiredMode = Schema.RequiredMode.REQUIRED) String model,
            @Schema(description = "a string (one user message), or an array of message items",
                    requiredMode = Schema.RequiredMode.REQUIRED) List<ResponsesInputItem> input,
            @Schema(description = "a system message ahead of the input") String instructions,
            @Schema(description = "true: server-sent events response.created … response.completed") Boolean stream,
            @JsonProperty("previous_response_id")
            @Schema(description = "continues that stored response's conversation with only the new input")
            String previousResponseId,
            @Schema(description = "keep the response for GET /v1/responses/{id} and previous_response_id "
                    + "(default true)") Boolean store,
            @JsonProperty("max_output_tokens") Integer maxOutputTokens) {
    }

    public record ResponsesInputItem(
            @Schema(allowableValues = {"message", "reasoning"}, description = "default message") String type,
            @Schema(allowableValues = {"user", "assistant", "system", "developer"}) String role,
            @Schema(description = "a string, or an array of input_text, input_image and input_file parts")
            List<ResponsesInputPart> content) {
    }

    public record ResponsesInputPart(
            @Schema(allowableValues = {"input_text", "output_text", "input_image", "input_file"}) String type,
            String text,
            @JsonProperty("image_url") @Schema(description = "a data: URI or an http(s) URL") String imageUrl,
            @JsonProperty("file_data") @Schema(description = "a data: URI") String fileData,
            String filename) {
    }

    @Schema(description = "The Response object")
    public record ResponseObject(
            String id,
            @Schema(allowableValues = "response") String object,
            @JsonProperty("created_at") Long createdAt,
            @Schema(allowableValues = {"completed", "incomplete", "in_progress", "failed"}) String status,
            String model,
            String instructions,
            @Schema(description = "a reasoning item (reasoning models) before the message item")
            List<ResponseOutputItem> output,
            @JsonProperty("previous_response_id") String previousResponseId,
            Boolean store,
            ResponseUsage usage) {
    }

    public record ResponseOutputItem(
            String id,
            @Schema(allowableValues = {"reasoning", "message"}) String type,
            String status,
            String role,
            @Schema(description = "of a message: output_text parts") List<ResponseContentPart> content,
            @Schema(description = "of a reasoning item: summary_text parts") List<ResponseContentPart> summary) {
    }

    public record ResponseContentPart(
            @Schema(allowableValues = {"output_text", "summary_text"}) String type,
            String text) {
    }

    public record ResponseUsage(
            @JsonProperty("input_tokens") Integer inputTokens,
            @JsonProperty("output_tokens") Integer outputTokens,
            @JsonProperty("total_tokens") Integer totalTokens) {
    }
}
