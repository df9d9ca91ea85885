package dev.hixai2api.anthropic;

import java.util.List;

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
            + "thinking, tools, tool_choice, service_tier …) are accepted and ignored.")
    public record AnthropicMessagesRequest(
            @Schema(description = "a model of GET /v1/models", requiredMode = Schema.RequiredMode.REQUIRED) String model,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @JsonProperty("max_tokens") Integer maxTokens,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<AnthropicInputMessage> messages,
            @Schema(description = "a string, or an array of text blocks") List<AnthropicContentBlock> system,
            @JsonProperty("stop_sequences") List<String> stopSequences,
            @Schema(description = "true: server-sent events message_start … message_stop") Boolean stream) {
    }

    @Schema(description = "POST /v1/messages/count_tokens: what a Messages request would send")
    public record AnthropicCountTokensRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String model,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<AnthropicInputMessage> messages,
            @Schema(description = "a string, or an array of text blocks") List<AnthropicContentBlock> system) {
    }

    public record AnthropicInputMessage(
            @Schema(allowableValues = {"user", "assistant"}) String role,
            @Schema(description = "a string, or an array of text, image and document blocks")
            List<AnthropicContentBlock> content) {
    }

    public record AnthropicContentBlock(
            @Schema(allowableValues = {"text", "image", "document"}) String type,
            @Schema(description = "of a text block") String text,
            @Schema(description = "of an image or document block") AnthropicSource source,
            @Schema(description = "of a document block: its file name") String title) {
    }

    public record AnthropicSource(
            @Schema(allowableValues = {"base64", "url", "text"}) String type,
            @JsonProperty("media_type") String mediaType,
            @Schema(description = "base64 bytes, or the text of a text source") String data,
            String url) {
    }

    @Schema(description = "The answer; a reasoning model's thinking block comes before the text block")
    public record AnthropicMessage(
            String id,
            @Schema(allowableValues = "message") String type,
            @Schema(allowableValues = "assistant") String role,
            String model,
            List<AnthropicOutputBlock> content,
            @JsonProperty("stop_reason") @Schema(allowableValues = {"end_turn", "max_tokens", "stop_sequence"})
            String stopReason,
            @JsonProperty("stop_sequence") String stopSequence,
            AnthropicUsage usage) {
    }

    public record AnthropicOutputBlock(
            @Schema(allowableValues = {"thinking", "text"}) String type,
            String text,
            String thinking,
            String signature) {
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
