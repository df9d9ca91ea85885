package dev.hixai2api.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The body's two writers, driven by hand: the request thread's frames and the timer's comment lines. */
class KeepaliveStreamTest {

    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final Map<String, String> HEAD = Map.of("Content-Type", "text/event-stream");
    private static final byte[] END = new byte[0];

    private final Client client = new Client();
    private final KeepaliveStream stream = new KeepaliveStream(client, HEAD, INTERVAL);

    @Test
    void anAnswerWithinTheIntervalLeavesWithoutACommentAndWithCamelsHead() throws Exception {
        assertThat(stream.keepAlive()).as("not due yet").isPositive();
        assertThat(stream.attemptsOver()).isFalse();
        stream.answer(frames("data: a\n\n", "data: b\n\n"), null);

        assertThat(stream.read(new byte[64], 0, 64)).isEqualTo(-1);

        assertThat(client.text()).isEqualTo("data: a\n\ndata: b\n\n");
        assertThat(client.head).isNull();
    }

    @Test
    void aCommentDueBeforeTheAnswerStartsTheResponseAndTheAnswerFollowsInIt() throws Exception {
        Thread.sleep(INTERVAL.toMillis() + 10);

        assertThat(stream.keepAlive()).isEqualTo(INTERVAL.toNanos());
        assertThat(client.head).isEqualTo(HEAD);
        assertThat(client.text()).isEqualTo(": keep-alive\n\n");

        assertThat(stream.attemptsOver()).as("the answer must follow in the started stream").isTrue();
        stream.answer(frames("data: late\n\n"), null);
        assertThat(stream.read(new byte[64], 0, 64)).isEqualTo(-1);
        assertThat(client.text()).isEqualTo(": keep-alive\n\ndata: late\n\n");
    }

    @Test
    void noCommentWhileCamelsBindingWritesTheHeadOfAnAnswerInTime() throws Exception {
        assertThat(stream.attemptsOver()).isFalse();
        Thread.sleep(INTERVAL.toMillis() + 10);

        assertThat(stream.keepAlive()).as("checked again an interval later").isEqualTo(INTERVAL.toNanos());
        assertThat(client.head).isNull();
        assertThat(client.text()).isEmpty();
    }

    @Test
    void aSilentAnswerGetsACommentBetweenItsFramesAndNoneRightAfterOne() throws Exception {
        BlockingQueue<byte[]> upstream = new LinkedBlockingQueue<>();
        stream.attemptsOver();
        stream.answer(() -> next(upstream), null);
        CompletableFuture<Integer> copyLoop = CompletableFuture.supplyAsync(() -> read(stream));
        upstream.add(bytes("data: a\n\n"));
        awaitText("data: a\n\n");

        assertThat(stream.keepAlive()).as("a frame just went out").isPositive();
        Thread.sleep(INTERVAL.toMillis() + 10);
        assertThat(stream.keepAlive()).isEqualTo(INTERVAL.toNanos());
        awaitText("data: a\n\n: keep-alive\n\n");
        upstream.add(bytes("data: b\n\n"));
        upstream.add(END);

        assertThat(copyLoop.get(1, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(client.text()).isEqualTo("data: a\n\n: keep-alive\n\ndata: b\n\n");
        assertThat(stream.keepAlive()).as("the stream is over").isEqualTo(-1);
    }

    @Test
    void aClientGoneWhileAFrameIsWrittenCutsTheUpstreamAndFailsTheCopyLoop() {
        client.failAfter("data: a\n\n".length());
        AtomicBoolean cut = new AtomicBoolean();
        stream.attemptsOver();
        stream.answer(frames("data: a\n\n", "data: b\n\n", "data: c\n\n"), () -> cut.set(true));

        assertThatThrownBy(() -> stream.read(new byte[64], 0, 64)).isInstanceOf(IOException.class)
                .hasMessage("Broken pipe");
        assertThat(cut).isTrue();
        assertThat(client.text()).isEqualTo("data: a\n\n");
    }

    @Test
    void aClientGoneDuringACommentCutsTheAnswerAsSoonAsItIsIn() throws Exception {
        client.failAfter(0);
        Thread.sleep(INTERVAL.toMillis() + 10);

        assertThat(stream.keepAlive()).isEqualTo(-1);
        assertThat(stream.attemptsOver()).isTrue();
        AtomicBoolean cut = new AtomicBoolean();
        stream.answer(frames("data: a\n\n"), () -> cut.set(true));

        assertThat(cut).as("cut before a frame is read").isTrue();
        assertThatThrownBy(() -> stream.read(new byte[64], 0, 64)).isInstanceOf(IOException.class);
    }

    @Test
    void closingStopsTheChecksAndCutsTheUpstream() {
        FutureTask<Void> check = new FutureTask<>(() -> null);
        stream.checkedBy(check);
        AtomicBoolean cut = new AtomicBoolean();
        stream.attemptsOver();
        stream.answer(frames("data: a\n\n"), () -> cut.set(true));

        stream.close();

        assertThat(check.isCancelled()).isTrue();
        assertThat(cut).isTrue();
        assertThat(stream.keepAlive()).isEqualTo(-1);
        FutureTask<Void> late = new FutureTask<>(() -> null);
        stream.checkedBy(late);
        assertThat(late.isCancelled()).as("a check scheduled as the stream closed").isTrue();
    }

    /** A client's response: the head it was started with, if any, and what reached its body. */
    private static final class Client implements ClientResponse {

        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private volatile Map<String, String> head;
        private volatile int failAfter = Integer.MAX_VALUE;

        @Override
        public void start(Map<String, String> headers) {
            head = headers;
        }

        @Override
        public OutputStream body() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    if (received.size() >= failAfter) {
                        throw new IOException("Broken pipe");
                    }
                    received.write(b);
                }
            };
        }

        void failAfter(int bytes) {
            failAfter = bytes;
        }

        String text() {
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    private void awaitText(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!client.text().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(client.text()).isEqualTo(expected);
    }

    private static KeepaliveStream.Frames frames(String... frames) {
        Iterator<String> each = List.of(frames).iterator();
        return () -> each.hasNext() ? bytes(each.next()) : null;
    }

    private static byte[] next(BlockingQueue<byte[]> upstream) throws IOException {
        try {
            byte[] frame = upstream.take();
            return frame == END ? null : frame;
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    private static int read(KeepaliveStream stream) {
        try {
            return stream.read(new byte[64], 0, 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
