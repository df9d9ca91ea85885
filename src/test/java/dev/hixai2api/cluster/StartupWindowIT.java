package dev.hixai2api.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.persistence.MariaDbDatabase;
import dev.hixai2api.simulator.HixSimulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Clients that keep calling a restarting gateway: from the first connection the port accepts, every answer is
 * the real one or a 503 with Retry-After in the API's own shape, never Spring's 404 or a wrong 401.
 */
class StartupWindowIT {

    private static final String SECRET = "startup-secret-0123456789";
    private static final String KEY = "sk-startup-window-0001";
    private static final int ANSWERS_AFTER_READY = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @AutoClose
    private static final HixSimulator SIMULATOR = HixSimulator.start();

    @Test
    void onH2() throws Exception {
        hammerARestart("startup-h2", Map.of("DATA_DIR", Files.createTempDirectory("hixai2api-startup").resolve("data").toString()));
    }

    @Test
    void onMySql() throws Exception {
        try (MariaDbDatabase database = MariaDbDatabase.create()) {
            hammerARestart("startup-mysql", Map.of("MYSQL_DSN", database.goDsn(),
                    "DATA_DIR", Files.createTempDirectory("hixai2api-startup").resolve("data").toString()));
        }
    }

    private void hammerARestart(String name, Map<String, String> storage) throws Exception {
        Map<String, String> environment = new HashMap<>(storage);
        environment.putAll(Map.of("HIX_BASE_URL", SIMULATOR.baseUrl(), "BACKEND_SECRET", SECRET, "REQUEST_RATE_LIMIT", "0"));
        SIMULATOR.addAccount("tok-" + name, 100);
        // a client that waits for liveness (as awaitStarted does) is served by the routes at once
        try (GatewayProcess first = GatewayProcess.start(name, environment).awaitStarted(Duration.ofSeconds(90))) {
            first.send("PUT", "/api/key", "{\"apiKey\":\"" + KEY + "\"}", SECRET);
            first.send("PUT", "/api/cookie", "{\"cookie\":\"tok-" + name + "\"}", SECRET);
        }

        ExecutorService clients = Executors.newFixedThreadPool(2);
        try (GatewayProcess restarted = GatewayProcess.start(name, environment)) {
            CompletableFuture<Tally> models = CompletableFuture.supplyAsync(() -> hammer(restarted, "/v1/models", KEY,
                    body -> body.path("error").path("code").asText().equals("not_ready")
                            && body.path("error").path("type").asText().equals("service_unavailable")
                            && body.path("error").has("param") && !body.path("error").path("message").asText().isEmpty(),
                    body -> body.path("object").asText().equals("list") && body.path("data").size() > 0), clients);
            CompletableFuture<Tally> cookies = CompletableFuture.supplyAsync(() -> hammer(restarted, "/api/cookie/all", SECRET,
                    body -> body.path("code").asInt() == 1 && body.path("data").isNull()
                            && !body.path("message").asText().isEmpty(),
                    body -> body.path("code").asInt() == 0 && body.path("data").size() == 1), clients);

            List<Tally> tallies = List.of(models.get(), cookies.get());
            tallies.forEach(tally -> System.out.println(name + " " + tally));
            for (Tally tally : tallies) {
                assertThat(tally.unexpected).as(tally.path + ": answers neither real nor 503").isEmpty();
                assertThat(tally.ok).isEqualTo(ANSWERS_AFTER_READY);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Calls the path back to back from the moment the process starts, counting refused connections, 503s in the
     * right shape and real answers, until {@link #ANSWERS_AFTER_READY} real ones came.
     */
    private static Tally hammer(GatewayProcess gateway, String path, String credential,
                                Predicate<JsonNode> notReadyShape, Predicate<JsonNode> realAnswer) {
        Tally tally = new Tally(path);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + credential).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long firstAnswer = 0;
        while (tally.ok < ANSWERS_AFTER_READY && System.nanoTime() < deadline) {
            HttpResponse<String> response;
            try {
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                tally.refused++;
                pause();
                continue;
            } catch (IOException e) {
                tally.unexpected.add("I/O failure after connecting: " + e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            firstAnswer = firstAnswer == 0 ? System.nanoTime() : firstAnswer;
            JsonNode body = parse(response.body());
            if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isPresent()
                    && body != null && notReadyShape.test(body)) {
                tally.notReady++;
            } else if (response.statusCode() == 200 && body != null && realAnswer.test(body)) {
                if (tally.ok++ == 0) {
                    tally.millisToFirstRealAnswer = (System.nanoTime() - firstAnswer) / 1_000_000;
                }
            } else {
                tally.unexpected.add(response.statusCode() + " " + response.headers().firstValue("Retry-After").orElse("-")
                        + " " + response.body());
            }
        }
        return tally;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The port is not open yet: try again at once, without spinning a core the starting gateway needs. */
    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Tally {
        final String path;
        int refused;
        int notReady;
        int ok;
        long millisToFirstRealAnswer;
        final List<String> unexpected = new ArrayList<>();

        Tally(String path) {
            this.path = path;
        }

        @Override
        public String toString() {
            return path + ": " + refused + " connections refused, " + notReady + " x 503 not ready, " + ok + " x 200 (the first "
                    + millisToFirstRealAnswer + " ms after the first answer), " + unexpected.size() + " unexpected " + unexpected.stream().limit(3).toList();
        }
    }
}
