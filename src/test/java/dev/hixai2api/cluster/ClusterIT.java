package dev.hixai2api.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.persistence.MariaDbDatabase;
import dev.hixai2api.simulator.ChatCall;
import dev.hixai2api.simulator.HixSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Two gateway processes on one MySQL database, as a cluster behind a load balancer would run them. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String SECRET = "cluster-secret-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HixSimulator simulator;
    private static MariaDbDatabase database;
    private static GatewayProcess first;
    private static GatewayProcess second;

    @BeforeAll
    static void startCluster() throws Exception {
        simulator = HixSimulator.start();
        database = MariaDbDatabase.create();
        Map<String, String> environment = Map.of(
                "MYSQL_DSN", database.goDsn(),
                "HIX_BASE_URL", simulator.baseUrl(),
                "BACKEND_SECRET", SECRET,
                "REQUEST_RATE_LIMIT", "0",
                "CREDIT_REFRESH_CRON", "0/2 * * * * ?");
        first = GatewayProcess.start("first", environment);
        // the second instance starts once the first has migrated the schema
        first.awaitStarted(Duration.ofSeconds(90));
        second = GatewayProcess.start("second", environment).awaitStarted(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {first, second, database, simulator}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    @Order(1)
    void theScheduledJobRunsOnceAcrossTheCluster() throws Exception {
        simulator.addAccount("tok-job-000001", 100);
        first.send("PUT", "/api/cookie", "{\"cookie\":\"tok-job-000001\"}", SECRET);
        Thread.sleep(500);
        int before = usageCalls();

        Thread.sleep(10_000);

        // every 2 s for 10 s: 5 fires (one more or less at the edges); both instances firing would be about 10
        assertThat(usageCalls() - before).isBetween(4, 6);
    }

    @Test
    @Order(2)
    void aConversationContinuesWhenItsNextTurnLandsOnTheOtherInstance() throws Exception {
        simulator.addAccount("tok-conversation", 1000);
        second.send("PUT", "/api/cookie", "{\"cookie\":\"tok-conversation\"}", SECRET);
        simulator.answerWith(List.of("Hi", " Ada."));
        JsonNode firstTurn = chat(first, "[{\"role\":\"user\",\"content\":\"I am Ada.\"}]");
        String answer = firstTurn.path("choices").get(0).path("message").path("content").asText();
        String chatId = last().chatId();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            chat(second, "[{\"role\":\"user\",\"content\":\"I am Ada.\"},{\"role\":\"assistant\",\"content\":\""
                    + answer + "\"},{\"role\":\"user\",\"content\":\"Who am I?\"}]");
            assertThat(last().chatId()).isEqualTo(chatId);
            assertThat(last().question()).isEqualTo("Who am I?");
        });
    }

    @Test
    @Order(3)
    void cookieStateChangesAreSeenByEveryInstance() throws Exception {
        simulator.addAccount("tok-dying-00001", 100);
        long dying = first.send("PUT", "/api/cookie", "{\"cookie\":\"tok-dying-00001\"}", SECRET)
                .path("data").path("id").asLong();
        simulator.account("tok-dying-00001").setLoggedIn(false);

        // the cluster finds out the session died: through a chat on the first instance that picked that cookie
        // (selection is random), or through the scheduled credit refresh, whichever comes first
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            chat(first, "[{\"role\":\"user\",\"content\":\"hello\"}]");
            return cookieState(second, dying).equals("disabled");
        });
        int callsBefore = simulator.chatCalls().size();
        int requestsBefore = simulator.requests().size();
        for (int i = 0; i < 10; i++) {
            chat(second, "[{\"role\":\"user\",\"content\":\"hello again\"}]");
        }

        // a chat that tried the dead session disabled it at once: it was never tried twice
        assertThat(chatsCreatedWith("tok-dying-00001", 0)).isLessThanOrEqualTo(1);
        assertThat(chatsCreatedWith("tok-dying-00001", requestsBefore)).isZero();
        assertThat(simulator.chatCalls().subList(callsBefore, simulator.chatCalls().size()))
                .extracting(ChatCall::token).doesNotContain("tok-dying-00001").isNotEmpty();
    }

    @Test
    @Order(4)
    void aStoppingInstanceLetsItsOpenStreamFinish() throws Exception {
        simulator.addAccount("tok-shutdown-01", 1000);
        second.send("PUT", "/api/cookie", "{\"cookie\":\"tok-shutdown-01\"}", SECRET);
        simulator.answerWith(List.of(" one", " two", " three", " four", " five", " six", " seven", " eight"));
        simulator.eventDelayMillis(250);
        int callsBefore = simulator.chatCalls().size();
        var stream = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(second.url("/v1/chat/completions")))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        // stop while the answer is on its way: its first words are out, the rest take about 2 s
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.chatCalls().size() > callsBefore);
        Thread.sleep(300);

        second.stop();
        HttpResponse<String> answer = stream.get();

        assertThat(answer.body()).contains("\" eight\"").endsWith("data: [DONE]\n\n");
        assertThat(second.exitedWithin(Duration.ofSeconds(30))).isTrue();
    }

    private static int usageCalls() {
        return (int) simulator.requests().stream().filter(r -> r.path().contains("subUsage.getSubUsage")).count();
    }

    private static long chatsCreatedWith(String token, int fromRequest) {
        var requests = simulator.requests();
        return requests.subList(fromRequest, requests.size()).stream()
                .filter(r -> r.path().endsWith("createChat"))
                .filter(r -> r.headers().getOrDefault("cookie", "").contains(token)).count();
    }

    private static ChatCall last() {
        List<ChatCall> calls = simulator.chatCalls();
        return calls.get(calls.size() - 1);
    }

    private static String cookieState(GatewayProcess gateway, long id) throws Exception {
        for (JsonNode cookie : gateway.send("GET", "/api/cookie/all", null, SECRET).path("data")) {
            if (cookie.path("id").asLong() == id) {
                return cookie.path("state").asText();
            }
        }
        throw new AssertionError("cookie " + id + " not listed");
    }

    private static JsonNode chat(GatewayProcess gateway, String messages) throws Exception {
        return gateway.send("POST", "/v1/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"messages\":" + messages + "}", null);
    }
}
