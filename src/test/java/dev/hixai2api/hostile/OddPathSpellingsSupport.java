package dev.hixai2api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.hixai2api.e2e.GatewayTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Odd spellings of the API paths (path parameters, percent-encoding, {@code //}, {@code .} and {@code ..}) with
 * a 300 MB body and no or a wrong credential: each must be refused before the gateway reads the body, as the
 * plain spelling is. Measured per case: time to the answer, body bytes the client had sent when the answer came,
 * and bytes the JVM's threads allocated meanwhile (the gateway runs in this JVM).
 */
abstract class OddPathSpellingsSupport extends GatewayTestSupport {

    static final long BODY = 300L << 20;
    static final String KEY = "sk-odd-path-right-key-0001";
    /** The plain spelling is answered in milliseconds; reading 300 MB first took seconds. */
    static final long MAX_ANSWER_MILLIS = 1_000;
    /** Socket buffers on loopback and the container's swallow hold a few MB; a read body is all 300. */
    static final long MAX_SENT_BEFORE_ANSWER = BODY / 10;
    static final long MAX_ALLOCATED = BODY / 10;

    /** How the path is expected to be answered. */
    enum Door { OPENAI, ADMIN, NOT_ROUTED }

    record Spelling(String method, String path, Door door) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /**
     * The subclass's {@code static Stream<Arguments> cases()} lists its context's odd paths through this, and
     * {@code static Stream<String> oddButRoutedChatPaths()} those the router still serves.
     */
    static Stream<Arguments> withoutAndWithAWrongCredential(Stream<Spelling> spellings) {
        return spellings.flatMap(s -> Stream.of(
                Arguments.of(s, null),
                Arguments.of(s, s.door() == Door.ADMIN ? "Bearer not-the-backend-secret" : "Bearer sk-odd-path-wrong-0002")));
    }

    static Spelling chat(String path) {
        return new Spelling("POST", path, Door.OPENAI);
    }

    static Spelling admin(String method, String path) {
        return new Spelling(method, path, Door.ADMIN);
    }

    static Spelling notRouted(String path) {
        return new Spelling("POST", path, Door.NOT_ROUTED);
    }

    @BeforeEach
    void seed() {
        seedApiKey(KEY);
        seedCookie("tok-odd-path", 1000);
        // a client has been served before: the first request of a context also starts the dispatcher servlet
        assertThat(get(openAiBase() + "/models", "Bearer " + KEY).statusCode()).isEqualTo(200);
    }

    /** Where this context's OpenAI routes are. */
    abstract String openAiBase();

    @ParameterizedTest(name = "{0}, Authorization: {1}")
    @MethodSource("cases")
    void aLargeBodyWithoutTheRightCredentialIsRefusedBeforeItIsRead(Spelling spelling, String authorization)
            throws Exception {
        Answer answer = sendEndlessly(spelling, authorization);
        System.out.printf("%s (%s): %d after %d ms, %,d body bytes sent, %,d bytes allocated%n", spelling,
                authorization == null ? "no key" : "wrong key", answer.status, answer.millis, answer.sentBeforeAnswer,
                answer.allocated);

        switch (spelling.door()) {
            case OPENAI -> {
                assertThat(answer.status).as(spelling + " " + answer.body).isEqualTo(401);
                assertThat(json(answer.body).path("error").path("code").asText()).isEqualTo("invalid_api_key");
            }
            case ADMIN -> {
                assertThat(answer.status).as(spelling + " " + answer.body).isEqualTo(401);
                assertThat(json(answer.body).path("code").asInt()).isEqualTo(1);
            }
            case NOT_ROUTED -> assertThat(answer.status).as(spelling + " " + answer.body).isIn(404, 405);
        }
        assertThat(answer.millis).as(spelling + ": milliseconds to the answer").isLessThan(MAX_ANSWER_MILLIS);
        assertThat(answer.sentBeforeAnswer).as(spelling + ": body bytes sent before the answer")
                .isLessThan(MAX_SENT_BEFORE_ANSWER);
        assertThat(answer.allocated).as(spelling + ": bytes allocated by the JVM while answering")
                .isLessThan(MAX_ALLOCATED);
        assertThat(SIMULATOR.chatCalls()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddButRoutedChatPaths")
    void anOddSpellingThatRoutesIsServedWithTheRightKey(String path) {
        var response = post(path, chatBody("gpt-4o-mini", false, "hi"), "Bearer " + KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response.body()).path("object").asText()).isEqualTo("chat.completion");
    }

    record Answer(int status, String body, long millis, long sentBeforeAnswer, long allocated) {
    }

    /** Declares a 300 MB body and streams it from a generator until the gateway answers or closes. */
    private Answer sendEndlessly(Spelling spelling, String authorization) throws Exception {
        Map<Long, Long> allocatedBefore = allocatedPerThread();
        AtomicLong sent = new AtomicLong();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((spelling.method() + " " + spelling.path() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + BODY + "\r\nConnection: close\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            Thread writer = new Thread(() -> writeBody(out, sent), "odd-path-body-writer");
            writer.setDaemon(true);
            writer.start();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = line(in);
            long millis = (System.nanoTime() - start) / 1_000_000;
            long sentBeforeAnswer = sent.get();
            long allocated = allocatedSince(allocatedBefore);
            String body = readRest(in);
            socket.close();
            writer.join(10_000);
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), body, millis, sentBeforeAnswer, allocated);
        }
    }

    private static void writeBody(OutputStream out, AtomicLong sent) {
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) ' ');
        try {
            while (sent.get() < BODY) {
                int n = (int) Math.min(block.length, BODY - sent.get());
                out.write(block, 0, n);
                sent.addAndGet(n);
            }
        } catch (IOException e) {
            // the gateway answered and closed the connection: what was sent so far is the measure
        }
    }

    private static String readRest(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        if (headers.containsKey("content-length")) {
            return new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.writeBytes(in.readNBytes(size));
                line(in);
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static Map<Long, Long> allocatedPerThread() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> allocated = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            allocated.put(ids[i], bytes[i]);
        }
        return allocated;
    }

    /** Bytes allocated since {@code before} by every live thread, those started since included. */
    private static long allocatedSince(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : allocatedPerThread().entrySet()) {
            if (now.getValue() > 0) {
                total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
            }
        }
        return total;
    }
}
