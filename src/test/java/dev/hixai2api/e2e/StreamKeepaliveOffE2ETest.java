package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** STREAM_KEEPALIVE=0: a slow stream is silent until HixAI answers, as before the setting existed. */
@TestPropertySource(properties = "STREAM_KEEPALIVE=0")
class StreamKeepaliveOffE2ETest extends GatewayTestSupport {

    @Test
    void noCommentLinesEvenWhenHixAiIsSlow() {
        seedCookie("tok-a", 100);
        SIMULATOR.createChatDelayMillis(700);
        SIMULATOR.pauseAfterFirstContentMillis(700);

        long start = System.nanoTime();
        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", true, "hi"), null);

        assertThat((System.nanoTime() - start) / 1_000_000).as("both waits happened").isGreaterThanOrEqualTo(1_400L);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(": keep-alive").startsWith("data: {").endsWith("data: [DONE]\n\n");
    }
}
