package dev.hixai2api.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.conversation.ChatCompletedRoutes;
import dev.hixai2api.hix.Credits;
import dev.hixai2api.security.ApiKeyRepository;
import dev.hixai2api.pool.CookieRepository;
import dev.hixai2api.persistence.MariaDbDatabase;
import dev.hixai2api.security.ApiKeyAuthenticator;
import dev.hixai2api.simulator.Failure;
import dev.hixai2api.simulator.HixSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The gateway on a random port with its own H2 database, talking to the HixAI simulator: every end-to-end
 * test goes through real HTTP on 127.0.0.1. Subclasses without extra properties share one application context.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// every test client is 127.0.0.1: only the limits test sets a rate limit; only the monitoring test exports
// MBeans, as several cached contexts of one JVM would register the same names
// credit re-reads after answers follow within CREDIT_RECHECK_INTERVAL (10 s in production; a test class may set
// its own); many tests present wrong credentials on purpose, so only the throttle's own test lowers
// AUTH_FAILURE_LIMIT; the scheduled jobs wait until 2099 (ScheduledJobsE2ETest sets its own), so the hourly credit
// refresh never calls the simulator in the middle of a test that counts its calls; each cached context keeps a
// small pool that shrinks when idle, so the cached contexts (at most 12, src/test/resources/spring.properties)
// stay within the 151 connections a default MariaDB server allows
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=5",
        "spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.idle-timeout=10000", "CREDIT_REFRESH_CRON=0 0 0 1 1 ? 2099", "CHAT_CLEANUP_CRON=0 0 0 1 1 ? 2099",
        "REQUEST_RATE_LIMIT=0", "BACKEND_SECRET=" + GatewayTestSupport.BACKEND_SECRET,
        "spring.jmx.enabled=false", "CREDIT_RECHECK_INTERVAL=100ms", "AUTH_FAILURE_LIMIT=1000000"})
public abstract class GatewayTestSupport {

    protected static final String BACKEND_SECRET = "test-backend-secret-0123456789";
    protected static final HixSimulator SIMULATOR = HixSimulator.start();
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path DATA_DIR = tempDir();
    /** {@code -Dhixai2api.test.database=mariadb} runs every end-to-end test on MySQL (the build's second pass). */
    private static final MariaDbDatabase MARIADB = "mariadb".equals(System.getProperty("hixai2api.test.database"))
            ? mariaDbForThisRun() : null;

    @LocalServerPort
    protected int port;
    @Autowired
    protected CookieRepository cookies;
    @Autowired
    protected ApiKeyRepository apiKeys;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    private ApiKeyAuthenticator authenticator;
    @Autowired
    protected CamelContext camelContext;
    @Autowired
    private ChatCompletedRoutes chatCompletedRoutes;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("hixai2api.hix-base-url", SIMULATOR::baseUrl);
        registry.add("hixai2api.data-dir", DATA_DIR::toString);
        if (MARIADB != null) {
            registry.add("hixai2api.mysql-dsn", MARIADB::goDsn);
        }
    }

    @BeforeEach
    void cleanState() {
        SIMULATOR.reset();
        jdbc.sql("DELETE FROM conversation").update();
        jdbc.sql("DELETE FROM stored_response").update();
        jdbc.sql("DELETE FROM hix_cookie").update();
        cookies.invalidate();
        jdbc.sql("DELETE FROM api_key").update();
        authenticator.reload();
    }

    /**
     * A test's background work (credit re-reads after answers) must not reach the next test's simulator, which
     * every cached context shares: each context settles its own before any other test runs.
     */
    @AfterEach
    void settleAfterAnswerWork() {
        awaitAfterAnswerWork();
    }

    /** Waits until earlier requests are done and the credit re-reads after their answers too. */
    protected void awaitAfterAnswerWork() {
        await().atMost(Duration.ofSeconds(10)).until(() -> camelContext.getInflightRepository().size() == 0
                && !chatCompletedRoutes.creditChecksPending());
    }

    /**
     * Streams a chat whose HixAI answer falls silent after its first events, checks the client got those events
     * and an error event instead of [DONE], and returns how long the gateway took to end the stream.
     */
    protected long millisToEndAStalledStream() {
        SIMULATOR.failNext(Failure.STALL_MID_STREAM);
        long start = System.nanoTime();
        HttpResponse<String> response = post("/v1/chat/completions", chatBody("gpt-4o-mini", true, "hi"), null);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"content\":\"Hello\"").contains("upstream_stream_interrupted")
                .doesNotContain("data: [DONE]");
        return tookMillis;
    }

    /** An account at the simulator and the same cookie in the pool. */
    protected long seedCookie(String token, int standardCredit) {
        SIMULATOR.addAccount(token, standardCredit);
        return cookies.insert(token, "test", new Credits(standardCredit, 0, false));
    }

    protected long seedSubscriber(String token, int standardCredit, int advancedCredit) {
        SIMULATOR.addSubscriber(token, standardCredit, advancedCredit);
        return cookies.insert(token, "test", new Credits(standardCredit, advancedCredit, true));
    }

    protected void seedApiKey(String key) {
        apiKeys.insert(key, "test");
        authenticator.reload();
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    protected HttpResponse<String> post(String path, String body, String authorization) {
        return request("POST", path, body, authorization);
    }

    protected HttpResponse<String> get(String path, String authorization) {
        return request("GET", path, null, authorization);
    }

    protected HttpResponse<String> request(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /**
     * A client that sends a streamed chat over a plain socket, reads the answer's lines until one matches, then
     * leaves (closes the connection). Returns that line, or null when the stream ended without it.
     */
    protected String streamUntilThenLeave(String chatBody, Predicate<String> leaveAt) throws IOException {
        byte[] body = chatBody.getBytes(StandardCharsets.UTF_8);
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
            } while (line != null && !leaveAt.test(line));
            return line;
        }
    }

    protected static String chatBody(String model, boolean stream, String userText) {
        return JSON.createObjectNode()
                .put("model", model)
                .put("stream", stream)
                .set("messages", JSON.createArrayNode().add(JSON.createObjectNode()
                        .put("role", "user").put("content", userText)))
                .toString();
    }

    protected static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static MariaDbDatabase mariaDbForThisRun() {
        MariaDbDatabase database = MariaDbDatabase.create();
        Runtime.getRuntime().addShutdownHook(new Thread(database::close));
        return database;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("hixai2api-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
