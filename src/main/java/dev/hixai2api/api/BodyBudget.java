package dev.hixai2api.api;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.hixai2api.config.GatewayProperties;
import org.springframework.stereotype.Component;

/**
 * BODY_MEMORY_BUDGET: how many body bytes all requests in flight may hold in memory together. A request takes
 * its share before its body is read and gives it back when the request is over, so a burst of large bodies is
 * refused at the door instead of filling the heap.
 */
@Component
public class BodyBudget {

    private final long capacity;
    private final AtomicLong taken = new AtomicLong();

    public BodyBudget(GatewayProperties properties) {
        this.capacity = properties.bodyMemoryBudget().toBytes();
    }

    /** Whether a body of this size could ever be held, even with nothing else in flight. */
    public boolean canEverHold(long bytes) {
        return bytes <= capacity;
    }

    public long capacity() {
        return capacity;
    }

    /** Bytes held by requests in flight now. */
    public long inUse() {
        return taken.get();
    }

    /** A share of the budget, empty at first; grown as the body is read, returned once by {@link Lease#close()}. */
    public Lease lease() {
        return new Lease();
    }

    private boolean tryTake(long bytes) {
        long now;
        do {
            now = taken.get();
            if (now + bytes > capacity) {
                return false;
            }
        } while (!taken.compareAndSet(now, now + bytes));
        return true;
    }

    public final class Lease implements AutoCloseable {

        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile long held;

        /** Grows the share to {@code bytes}; false (and nothing taken) when the budget has no room for it. */
        public boolean growTo(long bytes) {
            if (bytes <= held) {
                return true;
            }
            if (!tryTake(bytes - held)) {
                return false;
            }
            held = bytes;
            return true;
        }

        /** Returns the share; idempotent, as a request's end may be reported more than once. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                taken.addAndGet(-held);
            }
        }
    }
}
