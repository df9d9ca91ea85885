package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import dev.hixai2api.simulator.Failure;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** UPSTREAM_FIRST_BYTE_TIMEOUT bounds the wait for HixAI's answer to start, UPSTREAM_IDLE_TIMEOUT any silence after. */
@TestPropertySource(properties = {"UPSTREAM_FIRST_BYTE_TIMEOUT=2s", "UPSTREAM_IDLE_TIMEOUT=400ms", "MAX_ATTEMPTS=1"})
class UpstreamTimeoutsE2ETest extends GatewayTestSupport {

    @Test
    void anAnswerThatStartsLaterThanTheIdleTimeoutButWithinTheFirstByteTimeoutIsServed() {
        seedCookie("tok-a", 100);
        SIMULATOR.firstByteDelayMillis(1_000);

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", true, "hi"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"content\":\"Hello\"").contains("data: [DONE]").doesNotContain("\"error\"");
    }

    @Test
    void anAnswerThatDoesNotStartWithinTheFirstByteTimeoutFailsAfterIt() {
        seedCookie("tok-a", 100);
        SIMULATOR.failNext(Failure.SLOW_FIRST_BYTE); // 3 s before the response head

        long start = System.nanoTime();
        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        assertThat(json(response.body()).path("error").path("message").asText()).contains("UPSTREAM_FIRST_BYTE_TIMEOUT");
        assertThat(tookMillis).as("the 2 s first-byte timeout, neither the 400 ms idle one nor the 3 s delay")
                .isBetween(1_900L, 2_900L);
    }

    @Test
    void aStreamSilentForTheIdleTimeoutEndsWithAnErrorEventLongBeforeTheFirstByteTimeout() {
        seedCookie("tok-a", 100);

        assertThat(millisToEndAStalledStream()).as("the 400 ms idle timeout, not the 2 s first-byte one").isLessThan(1_900L);
    }
}
