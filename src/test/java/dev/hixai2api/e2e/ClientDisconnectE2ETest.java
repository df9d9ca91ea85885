package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        byte[] body = chatBody("gpt-4o-mini", true, "long answer").getBytes(StandardCharsets.UTF_8);

        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.contains("\"content\":\" w0\""));
            assertThat(line).isNotNull();
        }

        // 40 events take 2 s: the upstream connection must be closed long before that
        await().atMost(Duration.ofMillis(1500)).until(() -> SIMULATOR.abortedStreams() == 1);
        assertThat(SIMULATOR.completedStreams()).isZero();
    }
}
