package dev.hixai2api.e2e;

import static dev.hixai2api.e2e.CorsSupport.assertNoCorsHeaders;
import static dev.hixai2api.e2e.CorsSupport.fromOrigin;
import static dev.hixai2api.e2e.CorsSupport.preflight;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** CORS_ALLOWED_ORIGINS set empty: no origin is allowed, and the preflight says why. */
@TestPropertySource(properties = "CORS_ALLOWED_ORIGINS=")
class CorsOffE2ETest extends GatewayTestSupport {

    private static final String PAGE = "http://127.0.0.1:5173";

    @Test
    void preflightsAreRefusedAndAnswersCarryNoCorsHeaders() {
        seedCookie("tok-a", 100);

        HttpResponse<String> preflight = preflight(url("/v1/chat/completions"), PAGE, "POST", "authorization");
        HttpResponse<String> chat = fromOrigin(url("/v1/chat/completions"), PAGE, "POST",
                chatBody("gpt-4o-mini", false, "hi"), null);

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(json(preflight.body()).path("error").path("code").asText()).isEqualTo("cors_origin_not_allowed");
        assertThat(json(preflight.body()).path("error").path("message").asText()).contains("CORS_ALLOWED_ORIGINS");
        assertNoCorsHeaders(preflight);
        assertThat(chat.statusCode()).isEqualTo(200);
        assertNoCorsHeaders(chat);
    }

    @Test
    void aRefusedPreflightForMessagesAnswersInAnthropicsErrorShape() {
        HttpResponse<String> preflight = preflight(url("/v1/messages"), PAGE, "POST", "x-api-key");

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(json(preflight.body()).path("type").asText()).isEqualTo("error");
        assertThat(json(preflight.body()).path("error").path("type").asText()).isEqualTo("permission_error");
        assertThat(json(preflight.body()).path("error").path("message").asText()).contains("CORS_ALLOWED_ORIGINS");
        assertNoCorsHeaders(preflight);
    }
}
