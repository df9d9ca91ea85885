package dev.hixai2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.api.BodyBudget;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The request gate's limits: AUTH_FAILURE_LIMIT (wrong credentials per client and minute) and
 * BODY_MEMORY_BUDGET (body bytes all requests in flight may hold). Clients are told apart by X-Forwarded-For
 * from the trusted loopback proxy.
 */
@TestPropertySource(properties = {"AUTH_FAILURE_LIMIT=3", "TRUSTED_PROXIES=127.0.0.1", "BODY_MEMORY_BUDGET=1MB",
        "MAX_BODY_SIZE=2MB"})
class RequestGateLimitsE2ETest extends GatewayTestSupport {

    private static final String KEY = "sk-gate-limits-right-0001";
    private static final String SECRET = "Bearer " + BACKEND_SECRET;

    @Autowired
    private BodyBudget budget;

    @Test
    void wrongApiKeysAreThrottledPerClientAndTheRightKeyStillWorksForOthers() throws Exception {
        seedApiKey(KEY);
        seedCookie("tok-gate-limits", 100);
        String guesser = "203.0.113.20";

        for (int i = 1; i <= 3; i++) {
            assertThat(from(guesser, "POST", "/v1/chat/completions", chat(), "Bearer sk-guess-000" + i).statusCode())
                    .isEqualTo(401);
        }
        HttpResponse<String> fourthGuess = from(guesser, "POST", "/v1/chat/completions", chat(), "Bearer sk-guess-0004");
        HttpResponse<String> rightKeyFromTheGuesser = from(guesser, "POST", "/v1/chat/completions", chat(), "Bearer " + KEY);
        HttpResponse<String> adminFromTheGuesser = from(guesser, "POST", "/api/auth/verify", null, SECRET);
        HttpResponse<String> otherClient = from("203.0.113.21", "POST", "/v1/chat/completions", chat(), "Bearer " + KEY);
        HttpResponse<String> otherGuesser = from("203.0.113.22", "GET", "/v1/models", null, "Bearer sk-guess-0005");

        assertThrottled(fourthGuess);
        assertThat(json(fourthGuess.body()).path("error").path("code").asText()).isEqualTo("too_many_auth_failures");
        assertThat(json(fourthGuess.body()).path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(fourthGuess.body()).doesNotContain("sk-guess");
        assertThrottled(rightKeyFromTheGuesser);
        assertThat(json(rightKeyFromTheGuesser.body()).path("error").path("code").asText())
                .as("a throttled client cannot tell a right key from a wrong one").isEqualTo("too_many_auth_failures");
        assertThrottled(adminFromTheGuesser);
        assertThat(json(adminFromTheGuesser.body()).path("code").asInt()).isEqualTo(1);
        assertThat(otherClient.statusCode()).as(otherClient.body()).isEqualTo(200);
        assertThat(otherGuesser.statusCode()).as("each client has its own failures").isEqualTo(401);
        assertThat(SIMULATOR.chatCalls()).hasSize(1);
    }

    @Test
    void wrongBackendSecretsAreThrottledOnTheAdminApiAndTheApi() throws Exception {
        seedApiKey(KEY);
        String guesser = "203.0.113.30";

        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> wrong = from(guesser, "GET", "/api/key/all", null, "Bearer not-the-secret-" + i);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(json(wrong.body()).path("code").asInt()).isEqualTo(1);
        }
        HttpResponse<String> fourthGuess = from(guesser, "GET", "/api/key/all", null, "Bearer not-the-secret-4");
        HttpResponse<String> apiFromTheGuesser = from(guesser, "GET", "/v1/models", null, "Bearer " + KEY);
        HttpResponse<String> operator = from("203.0.113.31", "GET", "/api/key/all", null, SECRET);

        assertThrottled(fourthGuess);
        JsonNode envelope = json(fourthGuess.body());
        assertThat(envelope.path("code").asInt()).isEqualTo(1);
        assertThat(envelope.path("message").asText()).contains("Try again in");
        assertThat(fourthGuess.body()).doesNotContain("not-the-secret");
        assertThrottled(apiFromTheGuesser);
        assertThat(json(apiFromTheGuesser.body()).path("error").path("code").asText()).isEqualTo("too_many_auth_failures");
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(json(operator.body()).path("code").asInt()).isZero();
    }

    @Test
    void aGuesserWritingForwardedForLinesOfItsOwnIsThrottledByTheAddressTheProxyAdded() throws Exception {
        seedApiKey(KEY);
        // the trusted proxy adds a header line of its own; the lines before it are the client's to write
        String guesser = "203.0.113.40";

        for (int i = 1; i <= 3; i++) {
            assertThat(from("198.51.100." + i + ", " + guesser, "GET", "/v1/models", null, "Bearer sk-guess-001" + i)
                    .statusCode()).isEqualTo(401);
        }
        HttpResponse<String> fourthGuess = HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/models")))
                .timeout(Duration.ofSeconds(30)).header("X-Forwarded-For", "198.51.100.4")
                .header("X-Forwarded-For", guesser).header("Authorization", "Bearer sk-guess-0014").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThrottled(fourthGuess);
    }

    @Test
    void aBodyTheBudgetCanNeverHoldIs413() {
        seedApiKey(KEY);
        seedCookie("tok-gate-limits", 100);

        HttpResponse<String> response = post("/v1/chat/completions", padded(chat(), 1536 * 1024), "Bearer " + KEY);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response.body()).path("error").path("code").asText()).isEqualTo("request_too_large");
        assertThat(SIMULATOR.chatCalls()).isEmpty();
    }

    @Test
    void whileABodyHoldsTheBudgetOthersAre503WithRetryAfterAndServedOnceItIsDone() throws Exception {
        seedApiKey(KEY);
        seedCookie("tok-gate-limits", 100);
        byte[] large = padded(chat(), 1000 * 1024).getBytes(StandardCharsets.UTF_8);

        try (Socket slowClient = new Socket("127.0.0.1", port)) {
            OutputStream out = slowClient.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + KEY + "\r\nContent-Length: " + large.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(large, 0, large.length / 2);
            out.flush();
            // the slow client's request has reached the gate (its share is taken before its body is read)
            await().atMost(Duration.ofSeconds(5)).until(() -> budget.inUse() >= large.length);

            HttpResponse<String> busy = post("/v1/chat/completions", padded(chat(), 200 * 1024), "Bearer " + KEY);
            HttpResponse<String> adminBusy = request("PUT", "/api/key",
                    padded("{\"apiKey\":\"sk-gate-limits-new-0002\",\"remark\":\"x\"}", 40 * 1024), SECRET);

            out.write(large, large.length / 2, large.length - large.length / 2);
            out.flush();
            String slowAnswer = new BufferedReader(new InputStreamReader(slowClient.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();

            assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
            assertThat(json(busy.body()).path("error").path("code").asText()).isEqualTo("server_busy");
            long retryAfter = Long.parseLong(busy.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 5L);
            assertThat(adminBusy.statusCode()).isEqualTo(503);
            assertThat(json(adminBusy.body()).path("code").asInt()).isEqualTo(1);
            assertThat(adminBusy.headers().firstValue("Retry-After")).isPresent();
            assertThat(slowAnswer).startsWith("HTTP/1.1 200");

            // a client honours Retry-After, then sends again
            Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());
            HttpResponse<String> retried = post("/v1/chat/completions", padded(chat(), 200 * 1024), "Bearer " + KEY);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        }
        awaitAfterAnswerWork();
        assertThat(budget.inUse()).as("every share is given back").isZero();
    }

    private static void assertThrottled(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Long.parseLong(v)).isBetween(1L, 20L));
    }

    private HttpResponse<String> from(String client, String method, String path, String body, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", client).header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String chat() {
        return chatBody("gpt-4o-mini", false, "hi");
    }

    /** The JSON followed by spaces up to {@code size} bytes: valid, and as large as wanted. */
    private static String padded(String json, int size) {
        char[] spaces = new char[size - json.length()];
        Arrays.fill(spaces, ' ');
        return json + new String(spaces);
    }
}
