package dev.hixai2api.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.simulator.HixSimulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The jar started outside the project folder, where there is no routes/ folder beside it. */
class PackagedRoutesIT {

    private static final String SECRET = "routes-secret-0123456789";

    @AutoClose
    private static final HixSimulator SIMULATOR = HixSimulator.start();

    @Test
    void withoutARoutesFolderTheJobsAndHooksPackagedInTheJarRun() throws Exception {
        Path elsewhere = Files.createTempDirectory("hixai2api-no-routes");
        SIMULATOR.addAccount("tok-packaged-01", 100);
        try (GatewayProcess gateway = GatewayProcess.start("packaged-routes", Map.of(
                "HIX_BASE_URL", SIMULATOR.baseUrl(), "BACKEND_SECRET", SECRET, "REQUEST_RATE_LIMIT", "0",
                "CREDIT_REFRESH_CRON", "0/1 * * * * ?", "DATA_DIR", elsewhere.resolve("data").toString()), elsewhere).awaitStarted(Duration.ofSeconds(90))) {
            gateway.send("PUT", "/api/cookie", "{\"cookie\":\"tok-packaged-01\"}", SECRET);
            SIMULATOR.addAccount("tok-packaged-01", 42);

            // the credit-refresh job of the packaged routes/jobs.yaml reads the new credit
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(gateway.send("GET", "/api/cookie/all", null, SECRET).path("data").get(0).path("credit").asInt())
                            .isEqualTo(42));
            // an answer passes through the hook routes of the packaged routes/hooks.yaml
            JsonNode answer = gateway.send("POST", "/v1/chat/completions",
                    "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", null);
            assertThat(answer.path("choices").get(0).path("message").path("content").asText()).isNotEmpty();
            assertThat(gateway.output()).contains("No routes/ folder in " + elsewhere.toRealPath());
        }
    }

    @Test
    void aRoutesDirThatIsNotAFolderStopsTheStartWithAMessageThatSaysSo() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start("missing-routes-dir", Map.of(
                "HIX_BASE_URL", SIMULATOR.baseUrl(), "BACKEND_SECRET", SECRET, "ROUTES_DIR", "no-such-routes"))) {
            assertThat(gateway.exitedWithin(Duration.ofSeconds(60))).isTrue();
            assertThat(gateway.output()).contains("ROUTES_DIR=no-such-routes is not a folder");
        }
    }
}
