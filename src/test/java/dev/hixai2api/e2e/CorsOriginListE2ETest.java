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
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A list of origins, under a ROUTE_PREFIX: only those origins are allowed, answered with their own name and
 * Vary: Origin. The throttle test poses as its own client through a trusted proxy, so it blocks no other test.
 */
@TestPropertySource(properties = {"CORS_ALLOWED_ORIGINS=http://127.0.0.1:5173, HTTP://LOCALHOST:3000/",
        "ROUTE_PREFIX=hf", "TRUSTED_PROXIES=127.0.0.1", "AUTH_FAILURE_LIMIT=2"})
class CorsOriginListE2ETest extends GatewayTestSupport {

    private static final String ALLOWED = "http://127.0.0.1:5173";
    private static final String OTHER = "http://127.0.0.1:6666";

    @Test
    void anAllowedOriginIsNamedInThePreflightAndTheAnswer() {
        seedCookie("tok-a", 100);

        HttpResponse<String> preflight = preflight(url("/hf/v1/models"), ALLOWED, "GET", "authorization");
        HttpResponse<String> models = fromOrigin(url("/hf/v1/models"), ALLOWED, "GET", null, null);

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().allValues("Access-Control-Allow-Origin")).containsExactly(ALLOWED);
        assertThat(preflight.headers().allValues("Vary")).anySatisfy(vary -> assertThat(vary).contains("Origin"));
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(json(models.body()).path("data").size()).isPositive();
        assertThat(models.headers().allValues("Access-Control-Allow-Origin")).containsExactly(ALLOWED);
        assertThat(models.headers().allValues("Vary")).anySatisfy(vary -> assertThat(vary).contains("Origin"));
    }

    @Test
    void originsCompareWithoutCaseAndTheSettingsTrailingSlash() {
        HttpResponse<String> preflight = preflight(url("/hf/v1/chat/completions"), "http://localhost:3000", "POST",
                "content-type");

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().allValues("Access-Control-Allow-Origin")).containsExactly("http://localhost:3000");
    }

    @Test
    void anOriginNotInTheListIsRefusedAndItsAnswersCarryNoAllowOrigin() {
        seedCookie("tok-a", 100);

        HttpResponse<String> preflight = preflight(url("/hf/v1/chat/completions"), OTHER, "POST", "authorization");
        HttpResponse<String> chat = fromOrigin(url("/hf/v1/chat/completions"), OTHER, "POST",
                chatBody("gpt-4o-mini", false, "hi"), null);

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(json(preflight.body()).path("error").path("code").asText()).isEqualTo("cors_origin_not_allowed");
        assertThat(json(preflight.body()).path("error").path("message").asText()).contains(OTHER);
        assertNoCorsHeaders(preflight);
        // a server-side client that sends an Origin is served; only a browser would refuse the page the answer
        assertThat(chat.statusCode()).isEqualTo(200);
        assertNoCorsHeaders(chat);
        assertThat(chat.headers().allValues("Vary")).anySatisfy(vary -> assertThat(vary).contains("Origin"));
    }

    @Test
    void thePathIsJudgedAsTheRouterSeesIt() {
        HttpResponse<String> oddSpelling = preflight(url("/hf/%76%31;x=1/./models"), ALLOWED, "GET", "authorization");
        HttpResponse<String> unprefixed = preflight(url("/v1/models"), ALLOWED, "GET", "authorization");

        assertThat(oddSpelling.statusCode()).isEqualTo(204);
        assertThat(oddSpelling.headers().allValues("Access-Control-Allow-Origin")).containsExactly(ALLOWED);
        // without the ROUTE_PREFIX there is no client API to call
        assertNoCorsHeaders(unprefixed);
    }

    @Test
    void theThrottlesTooManyAuthFailuresIsReadableToo() {
        seedApiKey("sk-right");
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(send(HttpRequest.newBuilder(URI.create(url("/hf/v1/models"))).timeout(Duration.ofSeconds(30))
                    .header("Origin", ALLOWED).header("Authorization", "Bearer sk-wrong")
                    .header("X-Forwarded-For", "198.51.100.7").GET().build()));
        }

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(401, 401, 429, 429);
        HttpResponse<String> throttled = answers.get(3);
        assertThat(json(throttled.body()).path("error").path("code").asText()).isEqualTo("too_many_auth_failures");
        assertThat(throttled.headers().allValues("Access-Control-Allow-Origin")).containsExactly(ALLOWED);
        assertThat(throttled.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                exposed -> assertThat(exposed).contains("Retry-After"));
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    }
}
