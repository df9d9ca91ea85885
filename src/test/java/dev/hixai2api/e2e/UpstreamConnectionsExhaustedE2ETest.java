package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.hixai2api.pool.HixCookie;
import dev.hixai2api.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With every connection to HixAI in use for UPSTREAM_CONNECT_TIMEOUT, a request is refused at once with 503 in its
 * door's shape: the gateway is at its own limit, so no cookie is blamed and none is tried in its place.
 */
@TestPropertySource(properties = {"UPSTREAM_MAX_CONNECTIONS=1", "UPSTREAM_CONNECT_TIMEOUT=400ms", "MAX_ATTEMPTS=3"})
class UpstreamConnectionsExhaustedE2ETest extends GatewayTestSupport {

    @Test
    void aRequestThatFindsNoFreeConnectionIsRefusedWith503AndNoCookieIsBlamed() {
        seedCookie("tok-a", 100);
        seedCookie("tok-b", 100);
        // the first request's chat call holds the only connection while HixAI takes 3 s to answer
        SIMULATOR.firstByteDelayMillis(3_000);
        CompletableFuture<HttpResponse<String>> first = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chatBody("gpt-4o-mini", false, "first"))).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> count("/api/hix/chat") == 1);

        HttpResponse<String> openAi = post("/v1/chat/completions", chatBody("gpt-4o-mini", true, "second"), null);
        HttpResponse<String> anthropic = post("/v1/messages", """
                {"model":"gpt-4o-mini","max_tokens":50,"messages":[{"role":"user","content":"third"}]}""", null);

        assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(503);
        assertThat(openAi.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(openAi.body()).path("error").path("code").asText()).isEqualTo("upstream_connections_exhausted");
        assertThat(json(openAi.body()).path("error").path("message").asText()).contains("UPSTREAM_MAX_CONNECTIONS");
        assertThat(anthropic.statusCode()).as(anthropic.body()).isEqualTo(503);
        assertThat(json(anthropic.body()).path("type").asText()).isEqualTo("error");
        assertThat(json(anthropic.body()).path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(count("/api/trpc/hixChat.createChat")).as("neither refused request reached HixAI, on any cookie")
                .isEqualTo(1);
        assertThat(cookies.findAll()).extracting(HixCookie::displayState).containsOnly("active");
        assertThat(cookies.findAll()).extracting(HixCookie::lastError).containsOnlyNulls();

        HttpResponse<String> answered = first.join();
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    }

    private static long count(String path) {
        return SIMULATOR.requests().stream().map(RecordedRequest::path).filter(path::equals).count();
    }
}
