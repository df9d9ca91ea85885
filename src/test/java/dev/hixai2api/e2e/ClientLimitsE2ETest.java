package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"REQUEST_RATE_LIMIT=3", "IP_BLACK_LIST=127.0.0.2, 10.1.2.3"})
class ClientLimitsE2ETest extends GatewayTestSupport {

    @Test
    void overTheRateLimitIs429WithRetryAfter() {
        seedCookie("tok-a", 100);

        for (int i = 0; i < 3; i++) {
            assertThat(get("/v1/models", null).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused.body()).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Long.parseLong(v)).isBetween(1L, 60L));
        assertThat(SIMULATOR.requests()).isEmpty();
    }

    @Test
    void aBlacklistedAddressIs403() throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = socket.getOutputStream();
            out.write("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 403").contains("\"code\":\"ip_blocked\"");
        }
    }
}
