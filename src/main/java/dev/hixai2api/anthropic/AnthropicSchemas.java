package dev.hixai2api.anthropic;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The bodies of the Anthropic Messages API as the OpenAPI document shows them. The door itself reads requests
 * with its parser, which names the offending field of a bad one, and writes its answers as JSON trees; these
 * records only describe them. Their names are unique among the document's schemas.
 */
public final class AnthropicSchemas {

    private AnthropicSchemas() {
    }

    @Schema(description = "POST /v1/messages. Other documented fields (temperature, top_p, top_k, metadata, "
            + "thinking, service_tier …) are accepted and ignored.")
    public record AnthropicMessagesRequest(
            @Schema(description = "a model of GET /v1/models", requiredMode = Schema.RequiredMode.REQUIRED) String model,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @JsonProperty("max_tokens") Integer maxTokens,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<AnthropicInputMessage> messages,
            @Schema(description = "a string, or an array of text blocks") List<AnthropicContentBlock> system,
            @JsonProperty("stop_sequences") List<String> stopSequences,
            @Schema(description = "true: server-sent events message_start … message_stop") Boolean stream,
            @Schema(description = "custom tools the model may call (emulated by prompt); server tools are refused")
            List<AnthropicTool> tools,
            @JsonProperty("tool_choice") AnthropicToolChoice toolChoice,
            @Schema(description = "{\"type\":\"json_schema\",\"schema\":{…}}: the answer is JSON meeting the schema")
            @JsonProperty("output_format") Object outputFormat) {
    }

    @Schema(description = "POST /v1/messages/count_tokens: what a Messages request would send")
    public record AnthropicCountTokensRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String model,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<AnthropicInputMessage> messages,
            @Schema(description = "a string, or an array of text blocks") List<AnthropicContentBlock> system,
            @Schema(description = "counted as the question states them") List<AnthropicTool> tools,
            @JsonProperty("tool_choice") AnthropicToolChoice toolChoice) {
    }

    @Schema(description = "A custom tool; its input_schema is checked as a JSON schema")
    public record AnthropicTool(
            @Schema(allowableValues = "custom", description = "absent or custom") String type,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^[a-zA-Z0-9_-]{1,128}$") String name,
            String description,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "a JSON schema of type object")
            @JsonProperty("input_schema") Map<String, Object> inputSchema,
            @Schema(description = "example inputs, shown to the model with the description")
            @JsonProperty("input_examples") List<Map<String, Object>> inputExamples,
            @Schema(description = "the gateway checks every call's input against input_schema anyway") Boolean strict) {
    }

    @Schema(description = "auto (the default), any (must call a tool), tool (must call the named tool) or none")
    public record AnthropicToolChoice(
            @Schema(allowableValues = {"auto", "any", "tool", "none"}, requiredMode = Schema.RequiredMode.REQUIRED)
            String type,
            @Schema(description = "with type tool: one of the request's tools") String name,
            @JsonProperty("disable_parallel_tool_use") Boolean disableParallelToolUse) {
    }

    public record AnthropicInputMessage(
            @Schema(allowableValues = {"user", "assistant"}) String role,
            @Schema(description = "a string, or an array of text, image, document, tool_use (assistant) and "
                    + "tool_result (user) blocks") List<AnthropicContentBlock> content) {
    }

    public record AnthropicContentBlock(
            @Schema(allowableValues = {"text", "image", "document", "tool_use", "tool_result"}) String type,
            @Schema(description = "of a text block") String text,
            @Schema(description = "of an image or document block") AnthropicSource source,
            @Schema(description = "of a document block: its file name") String title,
            @Schema(description = "of a tool_use block: the call's id") String id,
            @Schema(description = "of a tool_use block: the tool called") String name,
            @Schema(description = "of a tool_use block: the call's arguments") Map<String, Object> input,
            @Schema(description = "of a tool_result block: the tool_use it answers (in the message before)")
            @JsonProperty("tool_use_id") String toolUseId,
            @Schema(description = "of a tool_result block: a string, or text, image and document blocks")
            List<AnthropicContentBlock> content,
            @Schema(description = "of a tool_result block: the output is an error") @JsonProperty("is_error")
            Boolean isError) {
    }

    public record AnthropicSource(
            @Schema(allowableValues = {"base64", "url", "text"}) String type,
            @JsonProperty("media_type") String mediaType,
            @Schema(description = "base64 bytes, or the text of a text source") String data,
            String url) {
    }

    @Schema(description = "The answer; a reasoning model's thinking block comes before the text block, the "
            + "tool_use blocks of the calls after it")
    public record AnthropicMessage(
            String id,
            @Schema(allowableValues = "message") String type,
            @Schema(allowableValues = "assistant") String role,
            String model,
            List<AnthropicOutputBlock> content,
            @JsonProperty("stop_reason") @Schema(allowableValues = {"end_turn", "max_tokens", "stop_sequence",
            "tool_use"})
            String stopReason,
            @JsonProperty("stop_sequence") String stopSequence,
            AnthropicUsage usage) {
    }

    public record AnthropicOutputBlock(
            @Schema(allowableValues = {"thinking", "text", "tool_use"}) String type,
            String text,
            String thinking,
            String signature,
            @Schema(description = "of a tool_use block: toolu_…, which the tool_result names") String id,
            @Schema(description = "of a tool_use block: the tool called") String name,
            @Schema(description = "of a tool_use block: the arguments, checked against the tool's input_schema")
            Map<String, Object> input) {
    }

    public record AnthropicUsage(
            @JsonProperty("input_tokens") Integer inputTokens,
            @JsonProperty("cache_creation_input_tokens") Integer cacheCreationInputTokens,
            @JsonProperty("cache_read_input_tokens") Integer cacheReadInputTokens,
            @JsonProperty("output_tokens") Integer outputTokens) {
    }

    public record AnthropicTokenCount(@JsonProperty("input_tokens") Integer inputTokens) {
    }
}
