package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * REQUEST_RATE_LIMIT, IP_BLACK_LIST (::1 in its short form), and X-Forwarded-For only from TRUSTED_PROXIES
 * (127.0.0.1, and 10.9.0.0/16 as the proxies behind it).
 */
@TestPropertySource(properties = {"REQUEST_RATE_LIMIT=3", "IP_BLACK_LIST=127.0.0.3, 10.1.2.0/24, 198.51.100.66, ::1",
        "TRUSTED_PROXIES=127.0.0.1, 10.9.0.0/16"})
class ClientLimitsE2ETest extends LoopbackBlacklistE2ETest {

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
        assertThat(rawGet("127.0.0.3")).startsWith("HTTP/1.1 403").contains("\"code\":\"ip_blocked\"");
        assertThat(forwardedFor("10.1.2.3").statusCode()).isEqualTo(403);
        assertThat(forwardedFor("10.1.2.3, 127.0.0.1").statusCode()).as("trusted hops are skipped").isEqualTo(403);
    }

    @Test
    void everyForwardedForLineCountsAndTheClientIsTheRightmostUntrustedHop() throws Exception {
        assertThat(rawGet("127.0.0.1", "198.51.100.66", "203.0.113.20")).as("the proxy appended the second line")
                .startsWith("HTTP/1.1 200");
        assertThat(rawGet("127.0.0.1", "203.0.113.21", "198.51.100.66, 10.9.0.4"))
                .as("the client wrote the first line; 10.9.0.4 is a trusted proxy").startsWith("HTTP/1.1 403")
                .contains("\"code\":\"ip_blocked\"");
    }

    @Test
    void ipv6ClientsOfOneSlash64ShareTheirBudget() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(forwardedFor("2001:db8:5:6::1").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> neighbour = forwardedFor("2001:db8:5:6:ffff:ffff:ffff:ffff");
        HttpResponse<String> nextSlash64 = forwardedFor("2001:db8:5:7::1");

        assertThat(neighbour.statusCode()).as("same /64").isEqualTo(429);
        assertThat(json(neighbour.body()).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(neighbour.headers().firstValue("Retry-After")).isPresent();
        assertThat(nextSlash64.statusCode()).as("another /64").isEqualTo(200);
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
}
