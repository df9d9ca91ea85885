package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.simulator.Failure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OpenAiErrorsE2ETest extends GatewayTestSupport {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON            | {\"model\":                                          | ",
            "not an object             | [1,2]                                               | ",
            "missing model             | {\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}   | model",
            "model not a string        | {\"model\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | model",
            "missing messages          | {\"model\":\"gpt-4o\"}                                 | messages",
            "empty messages            | {\"model\":\"gpt-4o\",\"messages\":[]}                   | messages",
            "messages not an array     | {\"model\":\"gpt-4o\",\"messages\":\"hi\"}               | messages",
            "bad role                  | {\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"boss\",\"content\":\"x\"}]} | messages[0].role",
            "content a number          | {\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":7}]} | messages[0].content",
            "stream not a boolean      | {\"model\":\"gpt-4o\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} | stream",
    })
    void badRequestsAre400InvalidRequestError(String name, String body, String param) {
        seedCookie("tok-a", 100);

        HttpResponse<String> response = post("/v1/chat/completions", body, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = errorOf(response);
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).isNotBlank();
        if (param == null) {
            assertThat(error.get("param").isNull()).isTrue();
        } else {
            assertThat(error.path("param").asText()).isEqualTo(param);
        }
        assertThat(SIMULATOR.requests()).isEmpty();
    }

    @Test
    void unknownModelIs404ModelNotFound() {
        seedCookie("tok-a", 100);

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-9", false, "hi"), null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(errorOf(response).path("code").asText()).isEqualTo("model_not_found");
        assertThat(errorOf(response).path("param").asText()).isEqualTo("model");
    }

    @Test
    void inputOverTheModelLimitIs400ContextLengthExceeded() {
        seedCookie("tok-a", 100);

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "x".repeat(8001)), null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorOf(response).path("code").asText()).isEqualTo("context_length_exceeded");
        assertThat(errorOf(response).path("message").asText()).contains("8000");
        assertThat(SIMULATOR.requests()).isEmpty();
    }

    @Test
    void theLimitIsPerModel() {
        seedCookie("tok-a", 1000);

        HttpResponse<String> response = post("/v1/chat/completions",
                chatBody("claude-3-5-haiku-200k", false, "x".repeat(50_000)), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void noUsableCookieIs503NoValidCookiesAvailable() {
        seedCookie("tok-poor", 2);

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o", false, "hi"), null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(errorOf(response).path("message").asText()).startsWith("No valid cookies available");
        assertThat(SIMULATOR.requests()).isEmpty();
    }

    @Test
    void anAdvancedModelNeedsASubscriberCookie() {
        seedCookie("tok-standard", 10_000);

        HttpResponse<String> refused = post("/v1/chat/completions", chatBody("gpt4", false, "hi"), null);
        seedSubscriber("tok-sub", 100, 100);
        HttpResponse<String> served = post("/v1/chat/completions", chatBody("gpt4", false, "hi"), null);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(errorOf(refused).path("message").asText()).startsWith("No valid cookies available");
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(SIMULATOR.chatCalls()).extracting(c -> c.token()).containsExactly("tok-sub");
    }

    @Test
    void upstreamFailureIs502() {
        seedCookie("tok-a", 100);
        SIMULATOR.failAlways(Failure.SERVER_ERROR);

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(errorOf(response).path("type").asText()).isEqualTo("upstream_error");
        assertThat(errorOf(response).path("message").asText()).contains("HTTP 502").doesNotContain("tok-a");
    }

    @Test
    void htmlInsteadOfAStreamIs502BeforeTheStreamStarts() {
        seedCookie("tok-a", 100);
        SIMULATOR.failAlways(Failure.HTML_INSTEAD_OF_SSE);

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", true, "hi"), null);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(errorOf(response).path("message").asText()).contains("HTML");
    }

    @Test
    void cloudflareChallengeIs503WithTheProxyHint() {
        seedCookie("tok-a", 100);
        SIMULATOR.failAlways(Failure.CLOUDFLARE_CHALLENGE);

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(errorOf(response).path("message").asText()).contains("PROXY_URL").contains("Cloudflare");
    }

    @Test
    void wrongOrMissingApiKeyIs401OnceAKeyIsStored() {
        seedCookie("tok-a", 100);
        seedApiKey("sk-right-key-0001");

        HttpResponse<String> missing = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);
        HttpResponse<String> wrong = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), "Bearer sk-wrong-key-9999");
        HttpResponse<String> models = get("/v1/models", "sk-wrong-key-9999");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(models.statusCode()).isEqualTo(401);
        assertThat(errorOf(wrong).path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(wrong.body()).doesNotContain("sk-wrong-key-9999");
        assertThat(SIMULATOR.requests()).isEmpty();
    }

    @Test
    void theKeyWorksWithOrWithoutBearer() {
        seedCookie("tok-a", 100);
        seedApiKey("sk-right-key-0001");

        assertThat(post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), "Bearer sk-right-key-0001").statusCode()).isEqualTo(200);
        assertThat(post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), "sk-right-key-0001").statusCode()).isEqualTo(200);
        assertThat(get("/v1/models", "bearer sk-right-key-0001").statusCode()).isEqualTo(200);
    }

    @Test
    void anAnthropicClientsXApiKeyHeaderCarriesTheKeyToo() throws Exception {
        seedCookie("tok-a", 100);
        seedApiKey("sk-right-key-0001");

        HttpResponse<String> right = HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .header("x-api-key", "sk-right-key-0001").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chatBody("gpt-4o-mini", false, "hi"))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .header("x-api-key", "sk-wrong-key-0001").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chatBody("gpt-4o-mini", false, "hi"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong.body()).path("error").path("code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void withNoKeyStoredTheApiIsOpen() {
        seedCookie("tok-a", 100);

        assertThat(post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null).statusCode()).isEqualTo(200);
    }

    private static JsonNode errorOf(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json(response.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("error");
        assertThat(body.path("error").fieldNames()).toIterable().containsExactlyInAnyOrder("message", "type", "param", "code");
        return body.path("error");
    }
}
