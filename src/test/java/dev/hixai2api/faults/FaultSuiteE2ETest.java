package dev.hixai2api.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hixai2api.e2e.GatewayTestSupport;
import dev.hixai2api.simulator.Failure;
import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * What the gateway does when things break: every fault gives the client a clean OpenAI error (or an SSE error
 * event once the stream has started), releases what it held, and the gateway keeps serving.
 */
// CLIENT_TIMEOUT cuts slow-loris clients fast; idle keep-alive connections of the test client stay open; request
// threads beyond the pool's core end after 1 s idle, so a leak is not hidden by the pool's elasticity
@TestPropertySource(properties = {"UPSTREAM_FIRST_BYTE_TIMEOUT=500ms", "UPSTREAM_IDLE_TIMEOUT=500ms", "COOKIE_COOLDOWN=0s", "CLIENT_TIMEOUT=1s",
        "server.tomcat.keep-alive-timeout=60s", "spring.task.execution.pool.keep-alive=1s"})
class FaultSuiteE2ETest extends GatewayTestSupport {

    private static final int CONCURRENCY = 25;

    /** Faults before the first byte: an OpenAI error; after it: a 200 stream ending in an error event. */
    private static final List<Failure> FAULTS = List.of(Failure.SLOW_FIRST_BYTE, Failure.STALL_MID_STREAM,
            Failure.DROP_MID_STREAM, Failure.MALFORMED_SSE, Failure.HTML_INSTEAD_OF_SSE, Failure.SERVER_ERROR,
            Failure.CONNECTION_RESET);

    @Test
    void aThousandFaultyRequestsEachGetACleanAnswerAndLeaveNothingBehind() throws Exception {
        seedCookie("tok-fault-00001", 1_000_000);
        seedCookie("tok-fault-00002", 1_000_000);
        runHealthy(CONCURRENCY * 2);
        Resources before = Resources.now(this);

        int requests = 0;
        for (Failure fault : FAULTS) {
            SIMULATOR.failAlways(fault);
            List<HttpResponse<String>> answers = concurrently(144, i -> post("/v1/chat/completions",
                    chatBody("gpt-4o-mini", i % 2 == 0, "fault " + fault), null));
            requests += answers.size();
            for (int i = 0; i < answers.size(); i++) {
                assertClean(fault, i % 2 == 0, answers.get(i));
            }
        }
        SIMULATOR.failAlways(null);
        requests += disconnectMidStream(100);
        runHealthy(CONCURRENCY * 2);

        assertThat(requests).isGreaterThanOrEqualTo(1000);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Resources after = Resources.now(this);
            assertThat(after.leasedUpstreamConnections()).as("upstream connections held").isZero();
            assertThat(after.threads()).as("threads, before: %s", before.threads()).isLessThanOrEqualTo(before.threads() + 10);
            assertThat(after.heapMb()).as("heap after GC, before: %s MB", before.heapMb()).isLessThan(before.heapMb() + 48);
        });
    }

    @Test
    void slowLorisClientsAreCutOffAndNobodyElseWaits() throws Exception {
        seedCookie("tok-loris-00001", 1000);
        List<Socket> loris = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                OutputStream out = socket.getOutputStream();
                if (i % 2 == 0) {
                    // headers that never end
                    out.write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    // a body that never arrives
                    out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 500\r\n\r\n{\"model\":").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                loris.add(socket);
            }

            long start = System.nanoTime();
            HttpResponse<String> served = post("/v1/chat/completions", chatBody("gpt-4o-mini", false, "meanwhile"), null);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(tookMillis).as("a normal request beside 100 slow-loris clients").isLessThan(1000);
            for (Socket socket : loris) {
                socket.setSoTimeout(10_000);
                // the server gives up on each within CLIENT_TIMEOUT: an error status or a closed connection
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(answer).satisfiesAnyOf(a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 4"));
            }
        } finally {
            for (Socket socket : loris) {
                socket.close();
            }
        }
        assertThat(SIMULATOR.chatCalls()).hasSize(1);
    }

    private static void assertClean(Failure fault, boolean stream, HttpResponse<String> answer) {
        String body = answer.body();
        if (fault == Failure.MALFORMED_SSE) {
            // bad lines are skipped: the answer itself is fine
            assertThat(answer.statusCode()).as(body).isEqualTo(200);
            assertThat(body).doesNotContain("\"error\"");
            return;
        }
        boolean midStream = stream && (fault == Failure.STALL_MID_STREAM || fault == Failure.DROP_MID_STREAM);
        if (midStream) {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(body).contains("\"upstream_stream_interrupted\"").doesNotContain("data: [DONE]");
            return;
        }
        assertThat(answer.statusCode()).as(fault + ": " + body).isIn(502, 503);
        JsonNode error = json(body).path("error");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("code").asText()).isIn("upstream_failed", "all_attempts_failed");
    }

    /** Streams whose client leaves after the first chunk: the upstream answers must be cut, not drained. */
    private int disconnectMidStream(int count) throws Exception {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            pieces.add(" w" + i);
        }
        SIMULATOR.answerWith(pieces);
        SIMULATOR.eventDelayMillis(40);
        int abortedBefore = SIMULATOR.abortedStreams();
        concurrently(count, i -> {
            byte[] body = chatBody("gpt-4o-mini", true, "leave early").getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(body);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                String line;
                do {
                    line = in.readLine();
                } while (line != null && !line.contains("\" w0\""));
                return line;
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> SIMULATOR.abortedStreams() - abortedBefore == count);
        SIMULATOR.eventDelayMillis(0);
        SIMULATOR.answerWith(List.of("fine"));
        return count;
    }

    private void runHealthy(int count) throws Exception {
        for (HttpResponse<String> answer : concurrently(count, i -> post("/v1/chat/completions",
                chatBody("gpt-4o-mini", i % 2 == 0, "healthy"), null))) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
    }

    private static <T> List<T> concurrently(int count, IndexedCall<T> call) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Callable<T>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                calls.add(() -> call.run(index));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : clients.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            clients.shutdownNow();
        }
    }

    interface IndexedCall<T> {
        T run(int index) throws Exception;
    }

    record Resources(int threads, long heapMb, int leasedUpstreamConnections) {
        /** Threads of the gateway, not of the simulator or the test's own HTTP clients in the same JVM. */
        static int gatewayThreads() {
            return (int) Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !t.getName().startsWith("hix-simulator-") && !t.getName().startsWith("HttpClient-"))
                    .count();
        }

        static Resources now(FaultSuiteE2ETest test) {
            System.gc();
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
            PoolingHttpClientConnectionManager pool = (PoolingHttpClientConnectionManager)
                    test.camelContext.getComponent("http", HttpComponent.class).getClientConnectionManager();
            return new Resources(gatewayThreads(), heap, pool.getTotalStats().getLeased());
        }
    }
}
