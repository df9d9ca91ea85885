package dev.hixai2api.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class KeepaliveStreamTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    @Test
    void anAnswerWithinTheIntervalStartsWithoutAComment() throws Exception {
        KeepaliveStream stream = new KeepaliveStream(INTERVAL);
        stream.answered(null);
        stream.offer(bytes("data: a\n\n"));
        stream.finish();

        assertThat(stream.awaitAnswer()).isTrue();
        assertThat(readAll(stream)).isEqualTo("data: a\n\n");
    }

    @Test
    void noAnswerWithinTheIntervalStartsWithACommentAndCommentsFollowEveryInterval() throws Exception {
        KeepaliveStream stream = new KeepaliveStream(INTERVAL);
        CompletableFuture<Void> answerThread = CompletableFuture.runAsync(() -> {
            sleep(350);
            stream.answered(null);
            offer(stream, "data: late\n\n");
            stream.finish();
        });

        long start = System.nanoTime();
        assertThat(stream.awaitAnswer()).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(INTERVAL.toNanos());
        String body = readAll(stream);

        assertThat(body).startsWith(": keep-alive\n\n: keep-alive\n\n").endsWith("data: late\n\n");
        assertThat(body.split(": keep-alive\n\n", -1)).hasSizeBetween(3, 5);
        answerThread.get(1, TimeUnit.SECONDS);
    }

    @Test
    void closingCutsTheSourceAndStopsTheAnswerThread() throws Exception {
        KeepaliveStream stream = new KeepaliveStream(INTERVAL);
        AtomicBoolean cut = new AtomicBoolean();
        stream.answered(() -> cut.set(true));
        for (int i = 0; i < 16; i++) {
            assertThat(stream.offer(bytes("x"))).isTrue();
        }
        // a slow client: the answer thread waits for room
        CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> offer(stream, "y"));
        sleep(150);
        assertThat(blocked).isNotDone();

        stream.close();

        assertThat(cut).isTrue();
        assertThat(blocked.get(1, TimeUnit.SECONDS)).isFalse();
        assertThat(stream.read(new byte[10], 0, 10)).isEqualTo(-1);
    }

    @Test
    void aSourceAnsweredAfterTheClientLeftIsCutAtOnce() {
        KeepaliveStream stream = new KeepaliveStream(INTERVAL);
        stream.close();
        AtomicBoolean cut = new AtomicBoolean();

        stream.answered(() -> cut.set(true));

        assertThat(cut).isTrue();
    }

    @Test
    void onceTheBodyIsBeingWrittenTheAnswerThreadWritesEachFrameToTheClientItself() throws Exception {
        KeepaliveStream stream = new KeepaliveStream(Duration.ofSeconds(10));
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        stream.writeTo(() -> client);
        stream.answered(null);
        stream.offer(bytes("data: a\n\n"));  // queued: the head is not out yet

        CompletableFuture<Integer> copyLoop = CompletableFuture.supplyAsync(() -> read(stream));
        awaitContent(client, "data: a\n\n");
        assertThat(stream.offer(bytes("data: b\n\n"))).isTrue();

        // written by the offering thread, while the copy loop still waits for the end
        assertThat(client.toString(StandardCharsets.UTF_8)).isEqualTo("data: a\n\ndata: b\n\n");
        assertThat(copyLoop).isNotDone();
        stream.finish();
        assertThat(copyLoop.get(1, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(client.toString(StandardCharsets.UTF_8)).isEqualTo("data: a\n\ndata: b\n\n");
    }

    @Test
    void aSilentStreamWrittenDirectlyGetsACommentEveryInterval() throws Exception {
        KeepaliveStream stream = new KeepaliveStream(INTERVAL);
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        stream.writeTo(() -> client);
        stream.answered(null);
        CompletableFuture<Integer> copyLoop = CompletableFuture.supplyAsync(() -> read(stream));

        sleep(350);
        offer(stream, "data: late\n\n");
        stream.finish();

        assertThat(copyLoop.get(1, TimeUnit.SECONDS)).isEqualTo(-1);
        String body = client.toString(StandardCharsets.UTF_8);
        assertThat(body).startsWith(": keep-alive\n\n: keep-alive\n\n").endsWith("data: late\n\n");
        assertThat(body.split(": keep-alive\n\n", -1)).hasSizeBetween(3, 5);
    }

    @Test
    void aClientGoneWhileAFrameIsWrittenCutsTheSourceAndFailsTheCopyLoop() throws Exception {
        KeepaliveStream stream = new KeepaliveStream(Duration.ofSeconds(10));
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        OutputStream client = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (received.size() >= "data: a\n\n".length()) {
                    throw new IOException("Broken pipe");  // the client left after the first frame
                }
                received.write(b);
            }
        };
        stream.writeTo(() -> client);
        AtomicBoolean cut = new AtomicBoolean();
        stream.answered(() -> cut.set(true));
        stream.offer(bytes("data: a\n\n"));
        CompletableFuture<Integer> copyLoop = CompletableFuture.supplyAsync(() -> read(stream));
        awaitContent(received, "data: a\n\n");  // written by the copy loop: the stream now writes directly

        assertThat(stream.offer(bytes("data: b\n\n"))).isFalse();

        assertThat(cut).isTrue();
        assertThat(copyLoop).failsWithin(1, TimeUnit.SECONDS).withThrowableThat().havingRootCause()
                .isInstanceOf(IOException.class).withMessage("Broken pipe");
    }

    @Test
    void withoutAnHttpClientTheFramesAreReadAsBefore() throws Exception {
        KeepaliveStream stream = new KeepaliveStream(INTERVAL);
        stream.writeTo(() -> null);
        stream.answered(null);
        stream.offer(bytes("data: a\n\n"));
        stream.finish();

        assertThat(readAll(stream)).isEqualTo("data: a\n\n");
    }

    private static int read(KeepaliveStream stream) {
        try {
            return stream.read(new byte[64], 0, 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitContent(ByteArrayOutputStream client, String expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!client.toString(StandardCharsets.UTF_8).equals(expected) && System.nanoTime() < deadline) {
            sleep(5);
        }
        assertThat(client.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    private static String readAll(KeepaliveStream stream) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean offer(KeepaliveStream stream, String frame) {
        try {
            return stream.offer(bytes(frame));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
