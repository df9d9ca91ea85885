package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class OpenApiE2ETest extends GatewayTestSupport {

    static final List<String> OPERATIONS = List.of(
            "post /v1/chat/completions", "get /v1/models", "post /v1/messages", "post /v1/messages/count_tokens",
            "post /v1/responses", "get /v1/responses/{id}",
            "post /api/auth/verify", "put /api/key", "get /api/key/all", "post /api/key/update",
            "delete /api/key/{id}", "put /api/cookie", "get /api/cookie/all", "post /api/cookie/update",
            "delete /api/cookie/{id}", "post /api/cookie/credit/refresh", "get /api/status");

    @Test
    void theDocumentDescribesEveryOperationWithSchemasAndSecurity() {
        HttpResponse<String> response = get("/swagger/openapi.json", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = json(response.body());
        assertThat(operations(doc)).containsExactlyInAnyOrderElementsOf(OPERATIONS);
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode operation = op.getValue();
            assertThat(operation.path("responses").path("200").path("content").path("application/json").path("schema").path("$ref").asText())
                    .as("response schema of %s %s", op.getKey(), path.getKey()).isNotEmpty();
            assertThat(operation.path("security")).as("security of %s", path.getKey()).isNotEmpty();
        }));
        JsonNode chat = doc.path("paths").path("/v1/chat/completions").path("post");
        assertThat(chat.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText())
                .endsWith("ChatCompletionSchema");
        assertThat(chat.path("responses").path("404").path("content").path("application/json").path("schema").path("$ref").asText())
                .endsWith("OpenAiErrorBody");
        assertThat(doc.path("paths").path("/v1/responses").path("post").path("requestBody").toString())
                .contains("Request");
        assertThat(doc.path("paths").path("/v1/responses/{id}").path("get").path("responses").path("404").toString())
                .contains("OpenAiErrorBody");
        assertThat(doc.path("paths").path("/api/cookie").path("put").path("requestBody").toString()).contains("CookieRequest");
        assertThat(doc.path("components").path("schemas").path("ChatCompletionSchema").path("properties").has("messages")).isTrue();
        assertThat(doc.path("components").path("schemas").path("Completion").path("properties").has("choices")).isTrue();
        assertThat(doc.path("components").path("securitySchemes").path("apiKey").path("scheme").asText()).isEqualTo("bearer");
        assertThat(doc.path("components").path("securitySchemes").path("backendSecret").path("scheme").asText()).isEqualTo("bearer");
        // a relative server: Swagger UI calls the gateway it was loaded from, not a bind address like 0.0.0.0
        assertThat(doc.path("servers").get(0).path("url").asText()).isEmpty();
    }

    @Test
    void theAnthropicAndResponsesOperationsShowTheirRequestResponseAndErrorSchemas() {
        JsonNode doc = json(get("/swagger/openapi.json", null).body());
        JsonNode paths = doc.path("paths");
        JsonNode schemas = doc.path("components").path("schemas");

        JsonNode messages = paths.path("/v1/messages").path("post");
        assertThat(requestSchema(messages)).endsWith("/AnthropicMessagesRequest");
        assertThat(responseSchema(messages, "200")).endsWith("/AnthropicMessage");
        assertThat(responseSchema(messages, "401")).endsWith("/AnthropicErrorBody");
        assertThat(messages.path("security").get(0).has("anthropicApiKey")).isTrue();
        JsonNode countTokens = paths.path("/v1/messages/count_tokens").path("post");
        assertThat(requestSchema(countTokens)).endsWith("/AnthropicCountTokensRequest");
        assertThat(responseSchema(countTokens, "200")).endsWith("/AnthropicTokenCount");
        JsonNode create = paths.path("/v1/responses").path("post");
        assertThat(requestSchema(create)).endsWith("/ResponsesCreateRequest");
        assertThat(responseSchema(create, "200")).endsWith("/ResponseObject");
        assertThat(responseSchema(create, "400")).endsWith("/OpenAiErrorBody");
        assertThat(responseSchema(paths.path("/v1/responses/{id}").path("get"), "200")).endsWith("/ResponseObject");

        assertThat(schemas.path("AnthropicMessagesRequest").path("properties").fieldNames()).toIterable()
                .contains("model", "max_tokens", "messages", "system", "stop_sequences", "stream");
        assertThat(schemas.path("AnthropicMessagesRequest").path("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("model", "max_tokens", "messages");
        assertThat(schemas.path("AnthropicMessage").path("properties").fieldNames()).toIterable()
                .contains("content", "stop_reason", "usage");
        assertThat(schemas.path("AnthropicErrorBody").path("properties").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("type", "error");
        assertThat(schemas.path("ResponsesCreateRequest").path("properties").fieldNames()).toIterable()
                .contains("model", "input", "instructions", "stream", "previous_response_id", "store", "tools",
                        "tool_choice", "text");
        assertThat(schemas.path("ResponseObject").path("properties").fieldNames()).toIterable()
                .contains("id", "status", "output", "usage");
        assertThat(schemas.path("ResponseOutputItem").path("properties").path("type").path("enum"))
                .extracting(JsonNode::asText)
                .containsExactly("reasoning", "message", "function_call", "custom_tool_call");
        // the chat completion's schemas are still the OpenAI ones
        assertThat(schemas.path("ChatCompletionSchema").path("properties").has("messages")).isTrue();
    }

    @Test
    void swaggerUiIsServedWithItsAssetsFromTheGatewayItself() {
        HttpResponse<String> page = get("/swagger/index.html", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/swagger/openapi.json").doesNotContain("https://");
        Matcher assets = Pattern.compile("(?:src|href)=\"(/webjars/[^\"]+)\"").matcher(page.body());
        List<String> found = new ArrayList<>();
        while (assets.find()) {
            found.add(assets.group(1));
            assertThat(get(assets.group(1), null).statusCode()).as(assets.group(1)).isEqualTo(200);
        }
        assertThat(found).hasSize(2);
    }

    private static String requestSchema(JsonNode operation) {
        return operation.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText();
    }

    private static String responseSchema(JsonNode operation, String status) {
        return operation.path("responses").path(status).path("content").path("application/json").path("schema")
                .path("$ref").asText();
    }

    static List<String> operations(JsonNode doc) {
        List<String> operations = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> operations.add(method + " " + path.getKey())));
        return operations;
    }
}
