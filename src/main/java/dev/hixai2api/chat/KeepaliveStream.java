package dev.hixai2api.chat;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's SSE body while STREAM_KEEPALIVE is on. The answer thread (which waits for HixAI and reads its
 * stream) {@link #offer offers} frames; the client's copy loop {@link #read reads} them and gets an SSE comment
 * line instead whenever none came for one interval, so proxies in front never see an idle response. Locks and
 * conditions rather than monitors: either side may be a virtual thread.
 */
public final class KeepaliveStream extends InputStream {

    static final byte[] COMMENT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    /** Frames the answer thread may be ahead of a slow client before it waits (and stops reading HixAI). */
    private static final int CAPACITY = 16;

    private final long intervalNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<byte[]> frames = new ArrayDeque<>();
    private boolean answered;
    private boolean finished;
    private boolean closed;
    private Closeable source;
    private byte[] current;
    private int position;

    public KeepaliveStream(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    // ------------------------------------------------------------------ the answer thread's side

    /** The attempts are over (an answer started or the request failed for good); {@code source} may be null. */
    public void answered(Closeable source) {
        boolean cut;
        lock.lock();
        try {
            answered = true;
            this.source = source;
            cut = closed;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (cut) {
            closeQuietly(source);
        }
    }

    /** Queues a frame, waiting while the client is {@value #CAPACITY} frames behind; false once the client left. */
    public boolean offer(byte[] frame) throws InterruptedException {
        lock.lock();
        try {
            while (frames.size() >= CAPACITY && !closed) {
                changed.await();
            }
            if (closed) {
                return false;
            }
            frames.addLast(frame);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** No frame follows: the client reads the end of the body once the queued frames are out. */
    public void finish() {
        lock.lock();
        try {
            answered = true;
            finished = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ the request thread's side

    /**
     * Waits at most one interval for the attempts to be over. When they are not, the response is about to start
     * without an answer: its first bytes are a comment line.
     */
    public boolean awaitAnswer() throws InterruptedException {
        lock.lock();
        try {
            long left = intervalNanos;
            while (!answered && left > 0) {
                left = changed.awaitNanos(left);
            }
            if (!answered) {
                current = COMMENT;
                position = 0;
            }
            return answered;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (current == null || position == current.length) {
            current = next();
            position = 0;
            if (current == null) {
                return -1;
            }
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, target, offset, count);
        position += count;
        return count;
    }

    /** The next frame, a comment after an interval without one, or null at the end. */
    private byte[] next() throws IOException {
        lock.lock();
        try {
            long left = intervalNanos;
            while (frames.isEmpty() && !finished && !closed) {
                if (left <= 0) {
                    return COMMENT;
                }
                left = changed.awaitNanos(left);
            }
            byte[] frame = frames.pollFirst();
            changed.signalAll();
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for HixAI");
        } finally {
            lock.unlock();
        }
    }

    /** The response is written or the client has gone: the answer thread stops and an unfinished upstream is cut. */
    @Override
    public void close() {
        Closeable cut;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            frames.clear();
            cut = source;
            changed.signalAll();
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
