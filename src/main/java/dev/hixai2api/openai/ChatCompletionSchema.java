package dev.hixai2api.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The request body of POST /v1/chat/completions as the OpenAPI document shows it. The gateway itself reads
 * bodies with {@link ChatCompletionRequestParser}, which names the offending field of a bad one.
 */
public record ChatCompletionSchema(String model, List<Message> messages, Boolean stream,
                                   @JsonProperty("stream_options") StreamOptions streamOptions,
                                   @Schema(description = "a string or an array of up to 4 strings") Object stop,
                                   @JsonProperty("max_tokens") Integer maxTokens,
                                   @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
                                   @JsonProperty("response_format") ChatResponseFormat responseFormat,
                                   @Schema(allowableValues = {"think", "reasoning_content", "hide"})
                                   @JsonProperty("reasoning_format") String reasoningFormat,
                                   List<ChatTool> tools, @JsonProperty("tool_choice") Object toolChoice,
                                   @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls) {

    /**
     * {@code content} is a string or an array of {@code {"type":"text","text":…}} parts; an assistant message may
     * carry {@code tool_calls}, a {@code tool} message names the call it answers.
     */
    public record Message(String role, Object content,
                          @JsonProperty("tool_calls") List<OpenAiResponses.ToolCallJson> toolCalls,
                          @JsonProperty("tool_call_id") String toolCallId) {
    }

    /** {@code type} is {@code function}. */
    public record ChatTool(String type, ChatFunction function) {
    }

    /** {@code parameters} is the JSON schema of the arguments. */
    public record ChatFunction(String name, String description, Object parameters) {
    }

    /** {@code type} text, json_object or json_schema (then with {@code json_schema}). */
    public record ChatResponseFormat(@Schema(allowableValues = {"text", "json_object", "json_schema"}) String type,
                                     @JsonProperty("json_schema") ChatJsonSchema jsonSchema) {
    }

    public record ChatJsonSchema(String name, String description, Object schema, Boolean strict) {
    }

    public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {
    }
}
