package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.core.TokenCounter;
import org.junit.jupiter.api.Test;

/** {@code /v1/messages} and its count_tokens as Anthropic's clients call them, over real HTTP. */
class AnthropicMessagesE2ETest extends GatewayTestSupport {

    private static final String KEY = "sk-anthropic-e2e-0001";

    /** A POST with Anthropic's headers: the key as x-api-key (when given) and anthropic-version. */
    private HttpResponse<String> anthropic(String path, String body, String apiKey, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("x-api-key", apiKey);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return call(request.build());
    }

    private static HttpResponse<String> call(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertAnthropicError(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = json(response.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo(type);
        assertThat(body.at("/error/message").asText()).isNotBlank();
        assertThat(body.has("code")).isFalse();
    }

    @Test
    void countTokensCountsTheQuestionTheRequestWouldSend() {
        seedApiKey(KEY);
        HttpResponse<String> lone = anthropic("/v1/messages/count_tokens",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there, how are you?\"}]}",
                KEY, null);
        HttpResponse<String> folded = anthropic("/v1/messages/count_tokens",
                "{\"model\":\"gpt-4o-mini\",\"system\":[{\"type\":\"text\",\"text\":\"Be brief\"}],\"messages\":["
                        + "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hello!\"}]},"
                        + "{\"role\":\"user\",\"content\":\"How are you?\"}]}", null, "Bearer " + KEY);

        assertThat(lone.statusCode()).as(lone.body()).isEqualTo(200);
        assertThat(json(lone.body()).get("input_tokens").asInt()).isEqualTo(TokenCounter.count("Hello there, how are you?"));
        assertThat(folded.statusCode()).as(folded.body()).isEqualTo(200);
        assertThat(json(folded.body()).get("input_tokens").asInt()).isEqualTo(
                TokenCounter.count("System: Be brief\n\nUser: Hi\n\nAssistant: Hello!\n\nUser: How are you?"));
        assertThat(SIMULATOR.requests()).isEmpty();
    }

    @Test
    void theKeyMayComeAsXApiKeyOrBearerAndIsRefusedInAnthropicsShape() {
        seedApiKey(KEY);
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

        assertThat(anthropic("/v1/messages/count_tokens", body, KEY, null).statusCode()).isEqualTo(200);
        assertThat(anthropic("/v1/messages/count_tokens", body, null, "Bearer " + KEY).statusCode()).isEqualTo(200);
        assertAnthropicError(anthropic("/v1/messages/count_tokens", body, null, null), 401, "authentication_error");
        HttpResponse<String> wrong = anthropic("/v1/messages", body, "sk-wrong-key-0000", null);
        assertAnthropicError(wrong, 401, "authentication_error");
        assertThat(wrong.body()).doesNotContain("sk-wrong-key-0000");
        // x-api-key is Anthropic's header: the OpenAI routes keep to Authorization
        HttpResponse<String> openAi = anthropic("/v1/models", body, KEY, null);
        assertThat(openAi.statusCode()).isEqualTo(401);
        assertThat(json(openAi.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void badRequestsAreRefusedInAnthropicsShapeNamingTheField() {
        HttpResponse<String> noModel = anthropic("/v1/messages/count_tokens",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", null, null);
        assertAnthropicError(noModel, 400, "invalid_request_error");
        assertThat(json(noModel.body()).at("/error/message").asText()).startsWith("model:");

        HttpResponse<String> unknownModel = anthropic("/v1/messages/count_tokens",
                "{\"model\":\"claude-nonexistent\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", null, null);
        assertAnthropicError(unknownModel, 404, "not_found_error");

        HttpResponse<String> toolResult = anthropic("/v1/messages/count_tokens", "{\"model\":\"gpt-4o-mini\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":\"1\"}]}]}", null, null);
        assertAnthropicError(toolResult, 400, "invalid_request_error");
        assertThat(json(toolResult.body()).at("/error/message").asText()).contains("issue 14");

        assertAnthropicError(anthropic("/v1/messages/count_tokens", "{\"model\":", null, null), 400, "invalid_request_error");
    }

    @Test
    void errorsInFrontOfTheRoutesTakeAnthropicsShapeToo() {
        assertAnthropicError(anthropic("/v1/messages/nothing-here", "{}", null, null), 404, "not_found_error");
        HttpResponse<String> wrongMethod = call(HttpRequest.newBuilder(URI.create(url("/v1/messages")))
                .header("anthropic-version", "2023-06-01").GET().build());
        assertAnthropicError(wrongMethod, 405, "invalid_request_error");
        // the body cap (MAX_BODY_SIZE, 32 MB as Anthropic's) is the gate's, before any route
        HttpResponse<String> tooLarge = call(HttpRequest.newBuilder(URI.create(url("/v1/messages")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[33 * 1024 * 1024])).build());
        assertAnthropicError(tooLarge, 413, "request_too_large");
    }
}
