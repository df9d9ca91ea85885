package dev.hixai2api.chat;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's SSE body while STREAM_KEEPALIVE is on. The request thread runs the attempts and then, as Camel's
 * binding copies this body, writes each frame of the answer to the client itself. Another thread calls
 * {@link #keepAlive} once an interval: when nothing went out for that long, it writes an SSE comment line, so
 * proxies in front never see an idle response. Both write under one lock (either may be a virtual thread, hence
 * no monitor), so a comment never lands inside a frame.
 * <p>
 * A comment due before the answer is in starts the response: its 200 head leaves ahead of Camel's binding, and
 * the answer, or its failure as the door's error event, then follows in the stream. An answer in before that
 * leaves as it would without keepalive; a failure keeps its own status.
 * <p>
 * No answer thread: one of its own cost each stream an exchange copy, a unit of work and a hand-off of the
 * answer to the request thread (docs/benchmark.md).
 */
public final class KeepaliveStream extends InputStream {

    static final byte[] COMMENT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    /** The frames of an answer, each whole: a comment line never splits one. */
    @FunctionalInterface
    public interface Frames {

        /** The next frame, waiting for it if need be; null at the end. */
        byte[] next() throws IOException;
    }

    private enum State {
        /** The attempts run; nothing was sent. */
        WAITING,
        /** The attempts run, or just ended; the head and comment lines are out. */
        STARTED,
        /** The answer is in before the response started: Camel's binding writes its head. */
        ANSWERED,
        /** The frames are being written. */
        WRITING,
        /** Every frame is out. */
        ENDED
    }

    private final ClientResponse client;
    private final Map<String, String> head;
    private final long intervalNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private State state = State.WAITING;
    /** The response is over, or the client left: nothing more is written, the upstream is cut. */
    private boolean closed;
    private IOException clientGone;
    private Frames frames;
    private Closeable source;
    private OutputStream out;
    private long lastWrite;
    private Future<?> check;

    /**
     * @param client the response written to
     * @param head   its headers when a comment line starts it before the answer is in
     */
    public KeepaliveStream(ClientResponse client, Map<String, String> head, Duration interval) {
        this.client = client;
        this.head = head;
        this.intervalNanos = interval.toNanos();
        this.lastWrite = System.nanoTime();
    }

    /**
     * The attempts are over.
     *
     * @return whether the response started before: the answer, or its failure, must then follow in this stream
     */
    public boolean attemptsOver() {
        lock.lock();
        try {
            if (state == State.WAITING) {
                state = State.ANSWERED;
            }
            return state == State.STARTED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * What this body writes.
     *
     * @param source closed to cut the upstream when the client leaves or the response ends first; may be null
     */
    public void answer(Frames answer, Closeable source) {
        boolean cut;
        lock.lock();
        try {
            this.frames = answer;
            this.source = source;
            cut = closed;
        } finally {
            lock.unlock();
        }
        if (cut) {
            closeQuietly(source);
        }
    }

    /**
     * Writes a comment line when nothing went out for one interval (starting the response if need be).
     *
     * @return nanoseconds until the next comment may be due, or -1 once the stream is over
     */
    public long keepAlive() {
        Closeable cut = null;
        lock.lock();
        try {
            if (closed || state == State.ENDED) {
                return -1;
            }
            long due = lastWrite + intervalNanos - System.nanoTime();
            if (due > 0) {
                return due;
            }
            if (state == State.ANSWERED) {
                return intervalNanos;  // Camel's binding is writing the head; the answer's first frame follows
            }
            if (state == State.WAITING) {
                client.start(head);
                out = client.body();
                state = State.STARTED;
            }
            write(COMMENT);
            return intervalNanos;
        } catch (IOException gone) {
            cut = clientGone(gone);
            return -1;
        } finally {
            lock.unlock();
            closeQuietly(cut);
        }
    }

    /** The timer's next check, cancelled when the stream closes. */
    public void checkedBy(Future<?> next) {
        boolean over;
        lock.lock();
        try {
            check = next;
            over = closed;
        } finally {
            lock.unlock();
        }
        if (over) {
            next.cancel(false);
        }
    }

    /** Camel's copy loop: the first read writes every frame to the client itself, then reads the end. */
    @Override
    public int read() throws IOException {
        return read(new byte[1], 0, 1);
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (startWriting()) {
            try {
                for (byte[] frame = frames.next(); frame != null && writeFrame(frame); frame = frames.next()) {
                    // each frame is written as it arrives
                }
            } catch (IOException | UncheckedIOException e) {
                if (gone() == null) {
                    throw e;
                }
            }
        }
        return end();
    }

    /** False when there is nothing (more) to write: the frames are out, or the response is over. */
    private boolean startWriting() throws IOException {
        lock.lock();
        try {
            if (closed || state == State.WRITING || state == State.ENDED) {
                return false;
            }
            if (out == null) {
                out = client.body();
            }
            state = State.WRITING;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The end of the body, or the failure of a client that left, after its upstream is cut. */
    private int end() throws IOException {
        IOException gone;
        lock.lock();
        try {
            if (state == State.WRITING) {
                state = State.ENDED;
            }
            gone = clientGone;
        } finally {
            lock.unlock();
        }
        if (gone != null) {
            closeQuietly(source);
            throw gone;  // the copy loop fails as it would on its own write
        }
        return -1;
    }

    private IOException gone() {
        lock.lock();
        try {
            return clientGone;
        } finally {
            lock.unlock();
        }
    }

    /** False once the client left. */
    private boolean writeFrame(byte[] frame) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            write(frame);
            return true;
        } catch (IOException gone) {
            clientGone(gone);
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        lastWrite = System.nanoTime();
    }

    /** Under the lock: the client left while something was written; the caller cuts the returned upstream. */
    private Closeable clientGone(IOException gone) {
        if (clientGone == null) {
            clientGone = gone;
        }
        return stop();
    }

    /** Under the lock: nothing more is written and the checks stop; the caller cuts the returned upstream. */
    private Closeable stop() {
        closed = true;
        if (check != null) {
            check.cancel(false);
        }
        return source;
    }

    /** The response is written or the client has gone: the checks stop and an unfinished upstream is cut. */
    @Override
    public void close() {
        Closeable cut;
        lock.lock();
        try {
            cut = closed ? null : stop();
        } finally {
            lock.unlock();
        }
        closeQuietly(cut);
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // the upstream is being dropped anyway
        }
    }
}
