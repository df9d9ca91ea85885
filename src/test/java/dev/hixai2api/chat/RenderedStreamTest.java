package dev.hixai2api.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hixai2api.config.TestGatewayProperties;
import dev.hixai2api.core.ChatRequest;
import dev.hixai2api.core.TokenCounter;
import dev.hixai2api.hix.HixAdaptor;
import dev.hixai2api.hix.HixEvent;
import dev.hixai2api.hix.HixEventReader;
import dev.hixai2api.openai.ChatCompletionRequestParser;
import dev.hixai2api.openai.OpenAiChatDoor;
import org.junit.jupiter.api.Test;

/** The OpenAI chat door's SSE body as the engine builds it: HixAI events → canonical events → the door's frames. */
class RenderedStreamTest {

    private static final String CONTENT_ANSWER = "data: {\"id\":\"m1\"}\n\n"
            + "data: {\"content\":\"Hello\"}\n\n"
            + "data: {\"content\":\" world\"}\n\n"
            + "data: [DONE]\n\n";

    private static final String REASONING_ANSWER = "data: {\"reasoning_content\":\"Let me think\"}\n\n"
            + "data: {\"thinking_time\":3}\n\n"
            + "data: {\"content\":\"Hi\"}\n\n"
            + "data: [DONE]\n\n";

    private final ObjectMapper mapper = new ObjectMapper();
    private final HixAdaptor adaptor = new HixAdaptor(mapper);
    private final AtomicReference<String> completed = new AtomicReference<>();

    /** Builds the stream the way ReadAnswer does: the first event is read before the stream exists. */
    private RenderedStream stream(InputStream upstream, boolean hideReasoning, boolean includeUsage) {
        HixEventReader reader = new HixEventReader(upstream, adaptor);
        HixEvent first = reader.next();
        OpenAiChatDoor door = new OpenAiChatDoor(new ChatCompletionRequestParser(mapper), mapper,
                TestGatewayProperties.of(Map.of("reasoning-hide", hideReasoning)));
        ChatRequest request = door.parse(("{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":"
                + "{\"include_usage\":" + includeUsage + "},\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        return new RenderedStream(new ShapedAnswer(new HixAnswer(reader, first, request, "Say hello", true), request,
                question -> {
                    throw new AssertionError("a plain answer asks no further question");
                }, true, message -> completed.set(message.text())), door.streamRenderer(request));
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Splits an SSE body into the payloads of its {@code data:} frames, checking each frame's shape. */
    private static List<String> payloads(String body) {
        assertThat(body).endsWith("\n\n");
        List<String> payloads = new ArrayList<>();
        for (String frame : body.substring(0, body.length() - 2).split("\n\n", -1)) {
            assertThat(frame).startsWith("data: ").doesNotContain("\n");
            payloads.add(frame.substring(6));
        }
        return payloads;
    }

    private JsonNode json(String payload) throws IOException {
        return mapper.readTree(payload);
    }

    @Test
    void contentStreamYieldsRoleChunkContentChunksStopChunkThenDone() throws Exception {
        List<String> frames = payloads(readAll(stream(bytes(CONTENT_ANSWER), false, false)));
        assertThat(frames).hasSize(5);
        JsonNode role = json(frames.get(0));
        assertThat(role.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(role.path("id").asText()).startsWith("chatcmpl-");
        assertThat(role.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(role.path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        assertThat(json(frames.get(1)).path("choices").get(0).path("delta").path("content").asText()).isEqualTo("Hello");
        assertThat(json(frames.get(2)).path("choices").get(0).path("delta").path("content").asText()).isEqualTo(" world");
        JsonNode stop = json(frames.get(3));
        assertThat(stop.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(stop.has("usage")).isFalse();
        assertThat(frames.get(4)).isEqualTo("[DONE]");
        for (int i = 1; i < 4; i++) {
            assertThat(json(frames.get(i)).path("id")).isEqualTo(role.path("id"));
        }
        assertThat(completed.get()).isEqualTo("Hello world");
    }

    @Test
    void usageChunkComesBeforeDoneOnlyWhenIncludeUsage() throws Exception {
        List<String> frames = payloads(readAll(stream(bytes(CONTENT_ANSWER), false, true)));
        assertThat(frames).hasSize(6);
        assertThat(json(frames.get(3)).path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = json(frames.get(4));
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("prompt_tokens").asInt()).isEqualTo(TokenCounter.count("Say hello"));
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(TokenCounter.count("Hello world"));
        assertThat(usage.path("usage").path("total_tokens").asInt()).isEqualTo(
                usage.path("usage").path("prompt_tokens").asInt() + usage.path("usage").path("completion_tokens").asInt());
        assertThat(frames.get(5)).isEqualTo("[DONE]");

        List<String> without = payloads(readAll(stream(bytes(CONTENT_ANSWER), false, false)));
        assertThat(without).noneMatch(p -> p.contains("\"usage\""));
    }

    @Test
    void reasoningIsStreamedInsideThinkBlock() throws Exception {
        List<String> frames = payloads(readAll(stream(bytes(REASONING_ANSWER), false, false)));
        StringBuilder content = new StringBuilder();
        for (String frame : frames.subList(1, frames.size() - 2)) {
            content.append(json(frame).path("choices").get(0).path("delta").path("content").asText());
        }
        assertThat(content.toString()).isEqualTo("<think>\nLet me think\n</think>\n\nHi");
        assertThat(completed.get()).isEqualTo("<think>\nLet me think\n</think>\n\nHi");
    }

    @Test
    void hiddenReasoningLeavesOnlyTheAnswer() throws Exception {
        List<String> frames = payloads(readAll(stream(bytes(REASONING_ANSWER), true, false)));
        assertThat(frames).hasSize(4);
        assertThat(json(frames.get(1)).path("choices").get(0).path("delta").path("content").asText()).isEqualTo("Hi");
        assertThat(completed.get()).isEqualTo("Hi");
    }

    @Test
    void upstreamEndingWithoutDoneEndsWithErrorEventAndNoDone() throws Exception {
        String cut = "data: {\"content\":\"Hello\"}\n\ndata: {\"content\":\" wor\"}\n\n";
        List<String> frames = payloads(readAll(stream(bytes(cut), false, true)));
        assertThat(frames).hasSize(4);
        assertThat(json(frames.get(1)).path("choices").get(0).path("delta").path("content").asText()).isEqualTo("Hello");
        assertThat(json(frames.get(2)).path("choices").get(0).path("delta").path("content").asText()).isEqualTo(" wor");
        JsonNode error = json(frames.get(3));
        assertThat(error.fieldNames()).toIterable().containsExactly("error");
        assertThat(error.path("error").path("message").asText()).isNotBlank();
        assertThat(frames).doesNotContain("[DONE]");
        assertThat(frames).noneMatch(p -> p.contains("\"finish_reason\":\"stop\""));
        assertThat(completed.get()).isNull();
    }

    @Test
    void readAfterTheEndReturnsMinusOne() throws Exception {
        RenderedStream stream = stream(bytes(CONTENT_ANSWER), false, false);
        readAll(stream);
        assertThat(stream.read()).isEqualTo(-1);
        assertThat(stream.read(new byte[10], 0, 10)).isEqualTo(-1);
        assertThat(stream.read(new byte[10], 0, 0)).isZero();
    }

    @Test
    void singleByteReadsGiveTheSameBody() throws Exception {
        RenderedStream stream = stream(bytes(CONTENT_ANSWER), false, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = stream.read(); b >= 0; b = stream.read()) {
            out.write(b);
        }
        List<String> frames = payloads(out.toString(StandardCharsets.UTF_8));
        assertThat(frames).hasSize(5).endsWith("[DONE]");
    }

    @Test
    void eachReadReturnsAtMostOneFrame() throws Exception {
        RenderedStream stream = stream(bytes(CONTENT_ANSWER), false, false);
        byte[] buffer = new byte[64 * 1024];
        List<String> reads = new ArrayList<>();
        for (int n = stream.read(buffer, 0, buffer.length); n > 0; n = stream.read(buffer, 0, buffer.length)) {
            reads.add(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        assertThat(reads).hasSize(5).allSatisfy(r -> assertThat(r).startsWith("data: ").endsWith("\n\n"));
    }

    /** An upstream that hands out one queued piece per read and blocks while the queue is empty. */
    private static final class QueueStream extends InputStream {
        private static final byte[] EOF = new byte[0];
        final BlockingQueue<byte[]> pieces = new LinkedBlockingQueue<>();
        final AtomicBoolean closed = new AtomicBoolean();

        void offer(String text) {
            pieces.add(text.getBytes(StandardCharsets.UTF_8));
        }

        void end() {
            pieces.add(EOF);
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("the reader reads arrays");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            byte[] piece;
            try {
                piece = pieces.poll(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
            if (piece == null) {
                throw new IOException("test upstream starved");
            }
            if (piece == EOF) {
                return -1;
            }
            System.arraycopy(piece, 0, b, off, piece.length);
            return piece.length;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static String readFrame(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        int n = in.read(buffer, 0, buffer.length);
        return n < 0 ? null : new String(buffer, 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void eachChunkIsReadableAsSoonAsItsUpstreamEventArrived() throws Exception {
        QueueStream upstream = new QueueStream();
        upstream.offer("data: {\"content\":\"Hello\"}\n\n");
        RenderedStream stream = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> stream(upstream, false, false));
        upstream.offer("data: {\"content\":\" world\"}\n\n");
        // the upstream now blocks: reading the chunks already available must not wait for more
        List<String> early = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> List.of(readFrame(stream), readFrame(stream), readFrame(stream)));
        assertThat(early.get(0)).contains("\"role\":\"assistant\"");
        assertThat(early.get(1)).contains("\"content\":\"Hello\"");
        assertThat(early.get(2)).contains("\"content\":\" world\"");

        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return readFrame(stream);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, executor);
            Thread.sleep(150);
            assertThat(next).as("a read with no upstream event available waits for one").isNotDone();
            upstream.offer("data: [DONE]\n\n");
            assertThat(next.get(2, TimeUnit.SECONDS)).contains("\"finish_reason\":\"stop\"");
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(2), () -> readFrame(stream)))
                    .isEqualTo("data: [DONE]\n\n");
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(2), () -> readFrame(stream))).isNull();
            assertThat(completed.get()).isEqualTo("Hello world");
            assertThat(upstream.closed).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void firstFrameIsReadableWithoutTouchingTheUpstreamAgain() {
        QueueStream upstream = new QueueStream();
        upstream.offer("data: {\"content\":\"Hello\"}\n\n");
        RenderedStream stream = stream(upstream, false, false);
        // nothing more is queued: a read that went upstream would block for 10 s
        List<String> frames = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> List.of(readFrame(stream), readFrame(stream)));
        assertThat(frames.get(0)).contains("\"role\":\"assistant\"");
        assertThat(frames.get(1)).contains("\"content\":\"Hello\"");
        stream.close();
        assertThat(upstream.closed).isTrue();
    }

    @Test
    void closeBeforeTheEndCutsTheUpstream() throws Exception {
        QueueStream upstream = new QueueStream();
        upstream.offer("data: {\"content\":\"Hello\"}\n\n");
        RenderedStream stream = stream(upstream, false, false);
        readFrame(stream);
        stream.close();
        assertThat(upstream.closed).isTrue();
        assertThat(stream.read(new byte[100], 0, 100)).isEqualTo(-1);
        assertThat(completed.get()).isNull();
    }
}
