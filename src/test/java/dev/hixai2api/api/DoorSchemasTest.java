package dev.hixai2api.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.hixai2api.anthropic.AnthropicErrorBody;
import dev.hixai2api.anthropic.AnthropicSchemas;
import dev.hixai2api.responses.ResponsesSchemas;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.apache.camel.openapi.RestModelConverters;
import org.junit.jupiter.api.Test;

/**
 * The schemas of the Anthropic and Responses doors as the REST DSL's OpenAPI reader renders a verb's type and
 * outType (camel-openapi-java's model converters; OpenAPI 3.0, its default and the gateway's document): the wire
 * names of the fields, what is required, and names that do not collide with the OpenAI schemas of the document.
 */
class DoorSchemasTest {

    private static final RestModelConverters CONVERTERS = new RestModelConverters(false);

    @Test
    void theAnthropicMessagesRequestShowsItsWireFields() {
        Map<String, Schema<?>> schemas = read(AnthropicSchemas.AnthropicMessagesRequest.class);

        Schema<?> request = schemas.get("AnthropicMessagesRequest");
        assertThat(request.getProperties()).containsOnlyKeys("model", "max_tokens", "messages", "system",
                "stop_sequences", "stream", "tools", "tool_choice", "output_format");
        assertThat(request.getRequired()).containsExactlyInAnyOrder("model", "max_tokens", "messages");
        assertThat(schemas).containsKeys("AnthropicInputMessage", "AnthropicContentBlock", "AnthropicSource");
        assertThat(schemas.get("AnthropicSource").getProperties()).containsKey("media_type");
        assertThat(schemas.get("AnthropicContentBlock").getProperties().get("type").getEnum())
                .containsExactly("text", "image", "document", "tool_use", "tool_result");
        assertThat(schemas.get("AnthropicContentBlock").getProperties())
                .containsKeys("tool_use_id", "is_error", "input");
        assertThat(schemas.get("AnthropicTool").getProperties()).containsKeys("name", "description", "input_schema");
        assertThat(schemas.get("AnthropicTool").getRequired()).containsExactlyInAnyOrder("name", "input_schema");
        assertThat(schemas.get("AnthropicToolChoice").getProperties().get("type").getEnum())
                .containsExactly("auto", "any", "tool", "none");
        assertThat(schemas.get("AnthropicToolChoice").getProperties()).containsKey("disable_parallel_tool_use");
    }

    @Test
    void theAnthropicAnswersShowThinkingBeforeTextUsageAndTheErrorShape() {
        Map<String, Schema<?>> message = read(AnthropicSchemas.AnthropicMessage.class);
        Map<String, Schema<?>> error = read(AnthropicErrorBody.class);
        Map<String, Schema<?>> count = read(AnthropicSchemas.AnthropicTokenCount.class);

        assertThat(message.get("AnthropicMessage").getProperties()).containsKeys("id", "content", "stop_reason",
                "stop_sequence", "usage");
        assertThat(message.get("AnthropicOutputBlock").getProperties()).containsKeys("type", "text", "thinking",
                "id", "name", "input");
        assertThat(message.get("AnthropicOutputBlock").getProperties().get("type").getEnum()).contains("tool_use");
        assertThat(message.get("AnthropicMessage").getProperties().get("stop_reason").getEnum()).contains("tool_use");
        assertThat(message.get("AnthropicUsage").getProperties()).containsKeys("input_tokens", "output_tokens");
        assertThat(error.get("AnthropicErrorBody").getProperties()).containsOnlyKeys("type", "error");
        assertThat(error.get("AnthropicErrorDetail").getProperties()).containsOnlyKeys("type", "message");
        assertThat(count.get("AnthropicTokenCount").getProperties()).containsOnlyKeys("input_tokens");
        assertThat(read(AnthropicSchemas.AnthropicCountTokensRequest.class).get("AnthropicCountTokensRequest")
                .getRequired()).containsExactlyInAnyOrder("model", "messages");
    }

    @Test
    void theResponsesRequestAndResponseObjectShowTheirWireFields() {
        Map<String, Schema<?>> request = read(ResponsesSchemas.ResponsesCreateRequest.class);
        Map<String, Schema<?>> response = read(ResponsesSchemas.ResponseObject.class);

        assertThat(request.get("ResponsesCreateRequest").getProperties()).containsOnlyKeys("model", "input",
                "instructions", "stream", "previous_response_id", "store", "max_output_tokens", "tools", "tool_choice",
                "parallel_tool_calls", "text");
        assertThat(request.get("ResponsesCreateRequest").getRequired()).containsExactlyInAnyOrder("model", "input");
        assertThat(request.get("ResponsesInputPart").getProperties()).containsKeys("image_url", "file_data");
        assertThat(response.get("ResponseObject").getProperties()).containsKeys("id", "object", "created_at",
                "status", "output", "previous_response_id", "usage");
        assertThat(response.get("ResponseOutputItem").getProperties().get("type").getEnum())
                .containsExactly("reasoning", "message", "function_call", "custom_tool_call");
        assertThat(response.get("ResponseOutputItem").getProperties()).containsKeys("call_id", "name", "arguments");
        assertThat(request.get("ResponsesTool").getProperties()).containsKeys("type", "name", "parameters", "strict");
        assertThat(request.get("ResponsesInputItem").getProperties()).containsKeys("call_id", "output");
        assertThat(response.get("ResponseUsage").getProperties()).containsOnlyKeys("input_tokens", "output_tokens",
                "total_tokens");
    }

    @Test
    void noNameCollidesWithTheOpenAiSchemasOfTheDocument() {
        List<Class<?>> doors = List.of(AnthropicSchemas.AnthropicMessagesRequest.class,
                AnthropicSchemas.AnthropicMessage.class, AnthropicSchemas.AnthropicCountTokensRequest.class,
                AnthropicSchemas.AnthropicTokenCount.class, AnthropicErrorBody.class,
                ResponsesSchemas.ResponsesCreateRequest.class, ResponsesSchemas.ResponseObject.class);
        List<Class<?>> openAi = List.of(dev.hixai2api.openai.ChatCompletionSchema.class,
                dev.hixai2api.openai.OpenAiResponses.Completion.class, dev.hixai2api.openai.OpenAiModelList.ModelList.class,
                dev.hixai2api.openai.OpenAiErrorBody.class);

        assertThat(names(doors)).doesNotContainAnyElementsOf(names(openAi));
    }

    private static Map<String, Schema<?>> read(Class<?> type) {
        return CONVERTERS.readClass(new OpenAPI(), type).stream()
                .collect(Collectors.toMap(DoorSchemasTest::documentName, schema -> schema, (a, b) -> a));
    }

    /** The converters name a schema by its class's full name; the document keeps the part after the last dot. */
    private static String documentName(Schema<?> schema) {
        return schema.getName().substring(schema.getName().lastIndexOf('.') + 1);
    }

    private static List<String> names(List<Class<?>> types) {
        return types.stream().flatMap(type -> read(type).keySet().stream()).toList();
    }
}
