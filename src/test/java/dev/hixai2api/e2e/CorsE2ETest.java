package dev.hixai2api.e2e;

import static dev.hixai2api.e2e.CorsSupport.assertNoCorsHeaders;
import static dev.hixai2api.e2e.CorsSupport.fromOrigin;
import static dev.hixai2api.e2e.CorsSupport.preflight;
import static dev.hixai2api.e2e.CorsSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CORS_ALLOWED_ORIGINS unset (any origin): a page of another origin calls /v1 as a browser does. */
class CorsE2ETest extends GatewayTestSupport {

    private static final String PAGE = "http://127.0.0.1:5173";

    @Test
    void aPreflightIsAnsweredAndTheStreamedChatThatFollowsIsReadable() {
        seedCookie("tok-a", 100);
        seedApiKey("sk-browser");

        HttpResponse<String> preflight = preflight(url("/v1/chat/completions"), PAGE, "POST", CorsSupport.REQUESTED_HEADERS);

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().allValues("Access-Control-Allow-Origin")).containsExactly("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST, OPTIONS");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue(CorsSupport.REQUESTED_HEADERS);
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("7200");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(preflight.body()).isEmpty();

        HttpResponse<String> stream = fromOrigin(url("/v1/chat/completions"), PAGE, "POST",
                chatBody("gpt-4o-mini", true, "hi"), "Bearer sk-browser");
        HttpResponse<String> plain = fromOrigin(url("/v1/chat/completions"), PAGE, "POST",
                chatBody("gpt-4o-mini", false, "hi"), "Bearer sk-browser");

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).contains("chat.completion.chunk").contains("data: [DONE]");
        assertThat(stream.headers().allValues("Access-Control-Allow-Origin")).containsExactly("*");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().allValues("Access-Control-Allow-Origin")).containsExactly("*");
        assertThat(plain.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                exposed -> assertThat(exposed).contains("Retry-After").contains("X-Request-Id"));
    }

    @Test
    void theAnthropicBrowserSdkMayCallMessagesWithItsOwnHeaders() {
        seedCookie("tok-a", 100);
        seedApiKey("sk-browser");
        String asked = "anthropic-dangerous-direct-browser-access, anthropic-version, content-type, x-api-key";

        HttpResponse<String> preflight = preflight(url("/v1/messages"), PAGE, "POST", asked);
        HttpResponse<String> message = send(HttpRequest.newBuilder(URI.create(url("/v1/messages")))
                .timeout(Duration.ofSeconds(30))
                .header("Origin", PAGE).header("x-api-key", "sk-browser").header("anthropic-version", "2023-06-01")
                .header("anthropic-dangerous-direct-browser-access", "true").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"max_tokens\":64,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build());

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue(asked);
        assertThat(preflight.headers().allValues("Access-Control-Allow-Origin")).containsExactly("*");
        assertThat(message.statusCode()).as(message.body()).isEqualTo(200);
        assertThat(json(message.body()).path("type").asText()).isEqualTo("message");
        assertThat(message.headers().allValues("Access-Control-Allow-Origin")).containsExactly("*");
    }

    @Test
    void errorsCarryTheAllowOriginHeaderSoThePageCanReadThem() {
        seedApiKey("sk-browser");

        HttpResponse<String> noKey = fromOrigin(url("/v1/models"), PAGE, "GET", null, null);
        HttpResponse<String> noCookie = fromOrigin(url("/v1/chat/completions"), PAGE, "POST",
                chatBody("gpt-4o-mini", true, "hi"), "Bearer sk-browser");
        HttpResponse<String> unknownPath = fromOrigin(url("/v1/nope"), PAGE, "GET", null, "Bearer sk-browser");

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(json(noKey.body()).path("error").path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(noCookie.statusCode()).isEqualTo(503);
        assertThat(json(noCookie.body()).path("error").path("code").asText()).isEqualTo("no_valid_cookies");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(json(unknownPath.body()).path("error").path("code").asText()).isEqualTo("unknown_url");
        for (HttpResponse<String> response : java.util.List.of(noKey, noCookie, unknownPath)) {
            assertThat(response.headers().allValues("Access-Control-Allow-Origin")).as(response.uri().getPath())
                    .containsExactly("*");
        }
    }

    @Test
    void aPreflightForAMethodTheApiDoesNotServeIsRefusedInTheOpenAiShape() {
        HttpResponse<String> preflight = preflight(url("/v1/models"), PAGE, "DELETE", null);

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(json(preflight.body()).path("error").path("code").asText()).isEqualTo("cors_method_not_allowed");
        assertNoCorsHeaders(preflight);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/key/all", "/api/status", "/api/auth/verify", "/", "/console/app.js",
            "/swagger/index.html", "/swagger/openapi.json"})
    void theAdminApiTheConsoleAndSwaggerNeverAllowAnotherOrigin(String path) {
        HttpResponse<String> preflight = preflight(url(path), PAGE, "POST", "authorization");
        HttpResponse<String> call = fromOrigin(url(path), PAGE, "GET", null, "Bearer " + BACKEND_SECRET);

        assertThat(preflight.statusCode()).isNotEqualTo(204);
        assertNoCorsHeaders(preflight);
        assertNoCorsHeaders(call);
    }
}
