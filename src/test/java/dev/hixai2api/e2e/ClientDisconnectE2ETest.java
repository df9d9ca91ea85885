package dev.hixai2api.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

class ClientDisconnectE2ETest extends GatewayTestSupport {

    @Test
    void aClientLeavingMidStreamCutsTheUpstreamAnswer() throws Exception {
        seedCookie("tok-a", 100);
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            pieces.add(" w" + i);
        }
        SIMULATOR.answerWith(pieces);
        SIMULATOR.eventDelayMillis(50);
        String reached = streamUntilThenLeave(chatBody("gpt-4o-mini", true, "long answer"),
                line -> line.contains("\"content\":\" w0\""));
        assertThat(reached).isNotNull();

        // 40 events take 2 s: the upstream connection must be closed long before that
        await().atMost(Duration.ofMillis(1500)).until(() -> SIMULATOR.abortedStreams() == 1);
        assertThat(SIMULATOR.completedStreams()).isZero();
    }
}
