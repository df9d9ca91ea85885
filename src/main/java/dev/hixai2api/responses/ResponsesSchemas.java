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

    @Schema(description = "POST /v1/responses. function and custom tools are emulated by prompt, a web_search tool "
            + "turns on HixAI's internet search, other hosted tools are refused; temperature, top_p, reasoning and "
            + "text.verbosity are accepted and ignored.")
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
            @JsonProperty("max_output_tokens") Integer maxOutputTokens,
            List<ResponsesTool> tools,
            @JsonProperty("tool_choice")
            @Schema(description = "none, auto, required, or {\"type\":\"function\"|\"custom\",\"name\":…}")
            Object toolChoice,
            @JsonProperty("parallel_tool_calls") @Schema(description = "default true") Boolean parallelToolCalls,
            ResponsesText text) {
    }

    public record ResponsesTool(
            @Schema(allowableValues = {"function", "custom", "web_search", "web_search_preview"}) String type,
            @Schema(description = "function and custom tools") String name,
            String description,
            @Schema(description = "a function's arguments as a JSON schema of an object") Object parameters,
            @Schema(description = "a function's: its arguments are validated against the schema in any case")
            Boolean strict,
            @Schema(description = "a custom tool's input: {\"type\":\"text\"} or {\"type\":\"grammar\","
                    + "\"syntax\",\"definition\"}") Object format) {
    }

    public record ResponsesText(
            @Schema(description = "{\"type\":\"text\"}, {\"type\":\"json_object\"} or "
                    + "{\"type\":\"json_schema\",\"name\",\"schema\",\"strict\"}") Object format,
            @Schema(allowableValues = {"low", "medium", "high"}, description = "accepted and ignored")
            String verbosity) {
    }

    public record ResponsesInputItem(
            @Schema(allowableValues = {"message", "reasoning", "function_call", "function_call_output",
                    "custom_tool_call", "custom_tool_call_output"}, description = "default message") String type,
            @Schema(allowableValues = {"user", "assistant", "system", "developer"}) String role,
            @Schema(description = "a string, or an array of input_text, input_image and input_file parts")
            List<ResponsesInputPart> content,
            @JsonProperty("call_id") @Schema(description = "of a call and of its output") String callId,
            @Schema(description = "the tool a call names") String name,
            @Schema(description = "a function call's arguments, JSON text") String arguments,
            @Schema(description = "a custom tool call's raw input") String input,
            @Schema(description = "a call's result: a string or input_text parts") Object output) {
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
            @Schema(description = "a reasoning item (reasoning models) before the message item, then the calls")
            List<ResponseOutputItem> output,
            @JsonProperty("previous_response_id") String previousResponseId,
            Boolean store,
            ResponseUsage usage) {
    }

    public record ResponseOutputItem(
            @Schema(description = "rs_…, msg_…, fc_… or ctc_…") String id,
            @Schema(allowableValues = {"reasoning", "message", "function_call", "custom_tool_call"}) String type,
            String status,
            String role,
            @Schema(description = "of a message: output_text parts") List<ResponseContentPart> content,
            @Schema(description = "of a reasoning item: summary_text parts") List<ResponseContentPart> summary,
            @JsonProperty("call_id") @Schema(description = "of a call: what its output item names") String callId,
            @Schema(description = "of a call: the tool") String name,
            @Schema(description = "of a function call: JSON text") String arguments,
            @Schema(description = "of a custom tool call: the raw input") String input) {
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
