package dev.hixai2api.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.persistence.MariaDbDatabase;
import dev.hixai2api.simulator.HixSimulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * kill -9 while the gateway is busy, then a restart on the same data: every committed cookie, key and
 * conversation is still there and the database opens cleanly, on H2 and on MySQL.
 */
class CrashSafetyIT {

    private static final String SECRET = "crash-secret-0123456789";

    @AutoClose
    private static final HixSimulator SIMULATOR = HixSimulator.start();

    @Test
    void theEmbeddedDatabaseKeepsEveryCommittedRowThroughAKill() throws Exception {
        Path dataDir = Files.createTempDirectory("hixai2api-crash-h2");
        Map<String, String> environment = environment(Map.of("DATA_DIR", dataDir.toString()));

        Snapshot committed = crashUnderLoad("h2", environment);

        GatewayProcess restarted = GatewayProcess.start("h2-restarted", environment).awaitStarted(Duration.ofSeconds(90));
        Snapshot after;
        try {
            after = Snapshot.of(restarted);
        } finally {
            restarted.close();
        }
        assertThat(after.cookies()).isEqualTo(committed.cookies());
        assertThat(after.keys()).isEqualTo(committed.keys());
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("hixai2api"), "sa", "")) {
            assertThat(count(h2, "conversation")).isGreaterThanOrEqualTo(committed.conversations());
        }
    }

    @Test
    void mySqlKeepsEveryCommittedRowThroughAKill() throws Exception {
        try (MariaDbDatabase database = MariaDbDatabase.create()) {
            Path dataDir = Files.createTempDirectory("hixai2api-crash-mysql");
            Map<String, String> environment = environment(Map.of("MYSQL_DSN", database.goDsn(), "DATA_DIR", dataDir.toString()));

            Snapshot committed = crashUnderLoad("mysql", environment);
            int conversationsAtKill;
            try (Connection mysql = DriverManager.getConnection(database.jdbcUrl())) {
                conversationsAtKill = count(mysql, "conversation");
            }

            GatewayProcess restarted = GatewayProcess.start("mysql-restarted", environment).awaitStarted(Duration.ofSeconds(90));
            try {
                Snapshot after = Snapshot.of(restarted);
                assertThat(after.cookies()).isEqualTo(committed.cookies());
                assertThat(after.keys()).isEqualTo(committed.keys());
            } finally {
                restarted.close();
            }
            try (Connection mysql = DriverManager.getConnection(database.jdbcUrl())) {
                assertThat(count(mysql, "conversation")).isEqualTo(conversationsAtKill).isGreaterThanOrEqualTo(committed.conversations());
            }
        }
    }

    /** Adds cookies and keys, keeps chats running, and kills the process with SIGKILL in the middle of them. */
    private static Snapshot crashUnderLoad(String name, Map<String, String> environment) throws Exception {
        GatewayProcess gateway = GatewayProcess.start(name, environment);
        try {
            return loadAndKill(name, gateway.awaitStarted(Duration.ofSeconds(90)));
        } finally {
            gateway.kill();
        }
    }

    private static Snapshot loadAndKill(String name, GatewayProcess gateway) throws Exception {
        for (int i = 0; i < 5; i++) {
            String token = name + "-crash-token-" + i;
            SIMULATOR.addAccount(token, 1_000_000);
            gateway.send("PUT", "/api/cookie", "{\"cookie\":\"" + token + "\",\"remark\":\"account " + i + "\"}", SECRET);
            gateway.send("PUT", "/api/key", "{\"apiKey\":\"sk-" + name + "-crash-key-" + i + "\",\"remark\":\"key " + i + "\"}", SECRET);
        }
        Snapshot committed = Snapshot.of(gateway);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(8);
        List<Integer> answered = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            load.submit(() -> {
                while (running.get()) {
                    try {
                        gateway.send("POST", "/v1/chat/completions",
                                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"busy\"}]}",
                                "sk-" + name + "-crash-key-0");
                        synchronized (answered) {
                            answered.add(1);
                        }
                    } catch (Exception | AssertionError e) {
                        return;  // the process is gone
                    }
                }
                return;
            });
        }
        Thread.sleep(2_000);
        int answersBeforeKill;
        synchronized (answered) {
            answersBeforeKill = answered.size();
        }
        // records of answers are written just after them: those of a second ago are surely committed
        Thread.sleep(1_000);
        gateway.kill();
        running.set(false);
        load.shutdown();
        load.awaitTermination(20, TimeUnit.SECONDS);
        assertThat(answersBeforeKill).as("chats were running when the process was killed").isPositive();
        return new Snapshot(committed.cookies(), committed.keys(), answersBeforeKill);
    }

    private static Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "HIX_BASE_URL", SIMULATOR.baseUrl(),
                "BACKEND_SECRET", SECRET,
                "REQUEST_RATE_LIMIT", "0"));
        environment.putAll(extra);
        return environment;
    }

    private static int count(Connection connection, String table) throws Exception {
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** What the admin API lists, and how many conversations were answered. */
    record Snapshot(List<String> cookies, List<String> keys, int conversations) {
        static Snapshot of(GatewayProcess gateway) throws Exception {
            return new Snapshot(rows(gateway.send("GET", "/api/cookie/all", null, SECRET), "cookie"),
                    rows(gateway.send("GET", "/api/key/all", null, SECRET), "apiKey"), 0);
        }

        private static List<String> rows(JsonNode listing, String secretField) {
            List<String> rows = new ArrayList<>();
            for (JsonNode row : listing.path("data")) {
                rows.add(row.path("id").asText() + "|" + row.path(secretField).asText() + "|" + row.path("remark").asText()
                        + "|" + row.path("createTime").asText());
            }
            return rows;
        }
    }
}
