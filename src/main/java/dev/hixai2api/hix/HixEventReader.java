package dev.hixai2api.hix;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * Pulls HixAI events off the upstream SSE body as they arrive. A cut connection, a read timeout or a body
 * that ends without {@code [DONE]} is a {@link FailureClass#TRANSIENT} failure, never a normal end.
 */
public final class HixEventReader implements AutoCloseable {

    private final InputStream upstream;
    private final HixAdaptor adaptor;
    private final SseParser parser = new SseParser();
    private final Deque<String> pending = new ArrayDeque<>();
    /** HixAI's events are a few hundred bytes and the connection buffers its own reads: this is held per open stream. */
    private final byte[] buffer = new byte[2048];
    private boolean done;
    private boolean closed;

    public HixEventReader(InputStream upstream, HixAdaptor adaptor) {
        this.upstream = upstream;
        this.adaptor = adaptor;
    }

    /**
     * The next event the client may care about (never {@link HixEvent.Ignored}); {@link HixEvent.Done} once
     * the answer is complete, and again on every later call.
     */
    public HixEvent next() {
        while (!done) {
            while (!pending.isEmpty()) {
                HixEvent event = adaptor.event(pending.removeFirst());
                if (event instanceof HixEvent.Done) {
                    done = true;
                    close();
                    return event;
                }
                if (!(event instanceof HixEvent.Ignored)) {
                    return event;
                }
            }
            readMore();
        }
        return HixEvent.DONE;
    }

    private void readMore() {
        int read;
        try {
            read = upstream.read(buffer);
        } catch (IOException e) {
            abort();
            throw new HixFailureException(FailureClass.TRANSIENT,
                    "the HixAI stream broke off: " + e.getClass().getSimpleName(), e);
        }
        if (read < 0) {
            parser.finish(pending::addLast);
            if (pending.isEmpty()) {
                close();
                throw new HixFailureException(FailureClass.TRANSIENT, "the HixAI stream ended without [DONE]");
            }
            return;
        }
        parser.feed(buffer, 0, read, pending::addLast);
    }

    /** Stops reading: a finished stream is released for reuse, an unfinished one is cut so nothing drains it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (!done) {
            abort();
            return;
        }
        closed = true;
        try {
            upstream.close();
        } catch (IOException ignored) {
            // the answer is complete; a failing close changes nothing for the client
        }
    }

    private void abort() {
        closed = true;
        try {
            if (upstream instanceof EofSensorInputStream eof) {
                eof.abort();
            } else {
                upstream.close();
            }
        } catch (IOException ignored) {
            // the connection is being dropped anyway
        }
    }
}
