package dev.hixai2api.chat;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's SSE body while STREAM_KEEPALIVE is on. The answer thread (which waits for HixAI and reads its
 * stream) {@link #offer offers} frames; the client's copy loop {@link #read reads} them and gets an SSE comment
 * line instead whenever none came for one interval, so proxies in front never see an idle response. Locks and
 * conditions rather than monitors: either side may be a virtual thread.
 * <p>
 * With the client's response body at hand ({@link #writeTo}), the copy loop's first read writes what is queued to
 * it and from then on the answer thread writes each frame there itself: a frame no longer wakes the request
 * thread, which only writes the comment lines. That hand-off was 10-25 % of a streamed request (docs/benchmark.md).
 * Both threads write under the one lock, and the first read comes once the response's head is prepared.
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
    private Output output;
    /** The client's body, written directly by whichever thread holds the lock; null until the first read. */
    private OutputStream client;
    private long lastWrite;
    private IOException clientGone;

    /** Opens the client's response body, or gives null when the exchange has none (no HTTP client). */
    @FunctionalInterface
    public interface Output {
        OutputStream open() throws IOException;
    }

    public KeepaliveStream(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Frames go straight to this body once the copy loop starts; set before the body is handed to it. */
    public void writeTo(Output body) {
        output = body;
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

    /**
     * Queues a frame, waiting while the client is {@value #CAPACITY} frames behind, or writes it to the client's
     * body once that is being written; false once the client left.
     */
    public boolean offer(byte[] frame) throws InterruptedException {
        Closeable cut;
        lock.lock();
        try {
            while (client == null && frames.size() >= CAPACITY && !closed) {
                changed.await();
            }
            if (closed) {
                return false;
            }
            if (client == null) {
                frames.addLast(frame);
                changed.signalAll();
                return true;
            }
            try {
                write(frame);
                return true;
            } catch (IOException gone) {
                cut = clientGone(gone);
            }
        } finally {
            lock.unlock();
        }
        closeQuietly(cut);
        return false;
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
        if (client != null) {
            return -1;  // everything was written directly
        }
        if (output != null) {
            OutputStream body = output.open();
            output = null;
            if (body != null) {
                writeDirectly(body);
                return -1;
            }
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

    /**
     * The request thread's side once frames are written directly: what is queued goes out first, then the thread
     * waits for the answer's end and writes a comment line whenever no frame went out for one interval. The copy
     * loop then reads the end of an empty body.
     */
    private void writeDirectly(OutputStream body) throws IOException {
        Closeable cut = null;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            client = body;
            lastWrite = System.nanoTime();
            try {
                if (current != null && position < current.length) {
                    write(Arrays.copyOfRange(current, position, current.length));
                }
                current = null;
                for (byte[] frame = frames.pollFirst(); frame != null; frame = frames.pollFirst()) {
                    write(frame);
                }
                changed.signalAll();  // an answer thread waiting for room writes on
                while (!finished && !closed) {
                    long left = lastWrite + intervalNanos - System.nanoTime();
                    if (left <= 0) {
                        write(COMMENT);
                    } else {
                        changed.awaitNanos(left);
                    }
                }
            } catch (IOException gone) {
                cut = clientGone(gone);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for HixAI");
        } finally {
            lock.unlock();
        }
        closeQuietly(cut);
        if (clientGone != null) {
            throw clientGone;  // the copy loop fails as it would on its own write
        }
    }

    /** Under the lock. */
    private void write(byte[] frame) throws IOException {
        client.write(frame);
        client.flush();
        lastWrite = System.nanoTime();
    }

    /** Under the lock: the client went away while a frame was written; the caller cuts the returned upstream. */
    private Closeable clientGone(IOException gone) {
        clientGone = gone;
        closed = true;
        frames.clear();
        changed.signalAll();
        return source;
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
