package dev.hixai2api.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.simulator.HixSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The benchmark's floor relay answers like an OpenAI stream, event by event, and aborts with its client. */
class FloorRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GPT_4O_MINI = 86;
    private static final List<String> ANSWER = List.of("Miso", ", Pepper", " or Luna", ".");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HixSimulator simulator;
    private FloorRelay relay;

    @BeforeEach
    void start() throws InterruptedException {
        simulator = HixSimulator.start();
        simulator.addAccount("floor-relay-token-a", 1_000_000);
        simulator.addAccount("floor-relay-token-b", 1_000_000);
        simulator.answerWith(ANSWER);
        relay = FloorRelay.start(0, simulator.baseUrl(), List.of("floor-relay-token-a", "floor-relay-token-b"),
                GPT_4O_MINI, RelayWork.NONE);
    }

    @AfterEach
    void stop() {
        relay.close();
        simulator.close();
    }

    @Test
    void relaysEachEventAsAChunkOnReusedUpstreamConnections() throws Exception {
        for (int turn = 1; turn <= 3; turn++) {
            HttpResponse<String> response = http.send(request("{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Name \\\"a\\\" cat " + turn + "\"}]}"),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            List<String> data = response.body().lines().filter(line -> line.startsWith("data: "))
                    .map(line -> line.substring(6)).toList();
            assertThat(data).last().isEqualTo("[DONE]");
            List<JsonNode> chunks = new ArrayList<>();
            for (String event : data.subList(0, data.size() - 1)) {
                chunks.add(JSON.readTree(event));
            }
            assertThat(chunks).allSatisfy(chunk -> {
                assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
                assertThat(chunk.path("model").asText()).isEqualTo("gpt-4o-mini");
            });
            assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
            assertThat(chunks.subList(1, chunks.size() - 1)).extracting(c -> c.at("/choices/0/delta/content").asText())
                    .containsExactlyElementsOf(ANSWER);
            assertThat(chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        }
        // the question reached HixAI escaped and whole, one chat per request
        assertThat(simulator.chatCalls()).extracting(call -> call.question())
                .containsExactly("Name \"a\" cat 1", "Name \"a\" cat 2", "Name \"a\" cat 3");
        assertThat(simulator.completedStreams()).isEqualTo(3);
    }

    @Test
    void spendsTheWorkItIsGivenAndStillRelaysEveryEvent() throws Exception {
        relay.close();
        // per answer of 4 content events: 20 + 4 × 5 + 20 ms on the event loop, 30 ms on the background thread
        relay = FloorRelay.start(0, simulator.baseUrl(), List.of("floor-relay-token-a"), GPT_4O_MINI,
                RelayWork.parse("before=20000,event=5000,end=20000,background=30000"));
        HttpRequest hello = request("{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
        // the first answer loads the relay's classes; the second one's CPU is its work and little else
        assertThat(http.send(hello, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        long loopsBefore = cpuOfThreads("nioEventLoopGroup");

        HttpResponse<String> response = http.send(hello, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Miso", ", Pepper", " or Luna", "data: [DONE]");
        assertThat(cpuOfThreads("nioEventLoopGroup") - loopsBefore).isGreaterThanOrEqualTo(Duration.ofMillis(60).toNanos());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cpuOfThreads("relay-background-work") >= Duration.ofMillis(60).toNanos());
    }

    /** CPU time so far of the live threads whose names start with the prefix. */
    private static long cpuOfThreads(String prefix) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith(prefix))
                .mapToLong(thread -> Math.max(0, threads.getThreadCpuTime(thread.getId()))).sum();
    }

    @Test
    void aClientThatLeavesMidStreamClosesTheUpstreamStream() throws Exception {
        simulator.eventDelayMillis(200);
        HttpResponse<InputStream> response = http.send(request("{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.contains("\"content\""));
            assertThat(line).contains("Miso");
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.abortedStreams() == 1);
        assertThat(simulator.completedStreams()).isZero();
    }

    @Test
    void refusesWhatItDoesNotRelayInOpenAisShape() throws Exception {
        HttpResponse<String> notStreamed = http.send(request("{\"model\":\"gpt-4o-mini\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> notJson = http.send(request("{\"model\":"), HttpResponse.BodyHandlers.ofString());

        assertThat(notStreamed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notStreamed.body()).at("/error/code").asText()).isEqualTo("unsupported");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notJson.body()).at("/error/code").asText()).isEqualTo("invalid_json");
        assertThat(simulator.requests()).isEmpty();
    }

    private HttpRequest request(String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relay.port() + FloorRelay.PATH))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
