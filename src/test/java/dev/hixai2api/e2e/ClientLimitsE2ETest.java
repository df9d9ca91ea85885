package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** REQUEST_RATE_LIMIT, IP_BLACK_LIST, and X-Forwarded-For only from TRUSTED_PROXIES. */
@TestPropertySource(properties = {"REQUEST_RATE_LIMIT=3", "IP_BLACK_LIST=127.0.0.3, 10.1.2.3", "TRUSTED_PROXIES=127.0.0.1"})
class ClientLimitsE2ETest extends GatewayTestSupport {

    @Test
    void overTheRateLimitIs429WithRetryAfterAndEachClientHasItsOwnBudget() throws Exception {
        seedCookie("tok-a", 100);

        for (int i = 0; i < 3; i++) {
            assertThat(get("/v1/models", null).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "hi"), null);
        HttpResponse<String> otherClient = forwardedFor("203.0.113.9");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused.body()).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Long.parseLong(v)).isBetween(1L, 60L));
        assertThat(otherClient.statusCode()).as("a client behind the trusted proxy has its own budget").isEqualTo(200);
        assertThat(SIMULATOR.chatCalls()).isEmpty();
    }

    @Test
    void aBlacklistedAddressIs403DirectlyOrBehindTheTrustedProxy() throws Exception {
        assertThat(rawGet("127.0.0.3", null)).startsWith("HTTP/1.1 403").contains("\"code\":\"ip_blocked\"");
        assertThat(forwardedFor("10.1.2.3").statusCode()).isEqualTo(403);
        assertThat(forwardedFor("10.1.2.3, 127.0.0.1").statusCode()).as("trusted hops are skipped").isEqualTo(403);
    }

    @Test
    void theAdminApiIsNotRateLimitedNorCountedButHonoursTheBlacklist() throws Exception {
        long apiRequests = json(get("/api/status", "Bearer " + BACKEND_SECRET).body()).path("data").path("requests").asLong();
        for (int i = 0; i < 6; i++) {
            assertThat(get("/api/status", "Bearer " + BACKEND_SECRET).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> blocked = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/status")))
                .header("Authorization", "Bearer " + BACKEND_SECRET).header("X-Forwarded-For", "10.1.2.3").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(json(blocked.body()).path("code").asInt()).isEqualTo(1);
        assertThat(json(get("/api/status", "Bearer " + BACKEND_SECRET).body()).path("data").path("requests").asLong())
                .as("admin calls are not API traffic").isEqualTo(apiRequests);
    }

    @Test
    void xForwardedForFromAnUntrustedClientIsIgnored() throws Exception {
        assertThat(rawGet("127.0.0.2", "10.1.2.3")).startsWith("HTTP/1.1 200");
    }

    private HttpResponse<String> forwardedFor(String chain) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/models"))).header("X-Forwarded-For", chain).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request from another loopback address, which java.net.http cannot choose. */
    private String rawGet(String from, String forwardedFor) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
