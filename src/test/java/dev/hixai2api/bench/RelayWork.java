package dev.hixai2api.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * CPU the floor relay spends on purpose, where a gateway spends its own work: before its first upstream call, on
 * each upstream event, before the answer's last bytes (the conversation record) and on one background thread
 * after each answer (H2's page writer). It answers what a relay with that much more work per request does to the
 * time to first token on this machine, without the gateway's code. Each part spins on the thread's CPU time, so
 * a part costs its CPU even while the thread waits for a core.
 *
 * <p>Set as {@code -Dbench.relay.work=before=300,event=40,end=400,background=450} (µs, each part optional), in
 * {@code BENCH_RELAY_OPTS}.
 */
record RelayWork(long beforeNanos, long perEventNanos, long endNanos, long backgroundNanos) {

    static final RelayWork NONE = new RelayWork(0, 0, 0, 0);
    static final String PROPERTY = "bench.relay.work";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    RelayWork {
        if (beforeNanos < 0 || perEventNanos < 0 || endNanos < 0 || backgroundNanos < 0) {
            throw new IllegalArgumentException("relay work cannot be negative");
        }
    }

    /** "before=300,event=40,end=400,background=450" in µs; blank is no work. */
    static RelayWork parse(String text) {
        long[] micros = new long[4];
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = (eq < 0 ? part : part.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            int index = switch (name) {
                case "before" -> 0;
                case "event" -> 1;
                case "end" -> 2;
                case "background" -> 3;
                default -> throw new IllegalArgumentException(PROPERTY + ": '" + name
                        + "' is not before, event, end or background");
            };
            try {
                micros[index] = Long.parseLong(part.substring(eq + 1).trim());
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException(PROPERTY + ": '" + part.trim() + "' is not name=microseconds");
            }
        }
        return new RelayWork(TimeUnit.MICROSECONDS.toNanos(micros[0]), TimeUnit.MICROSECONDS.toNanos(micros[1]),
                TimeUnit.MICROSECONDS.toNanos(micros[2]), TimeUnit.MICROSECONDS.toNanos(micros[3]));
    }

    boolean none() {
        return equals(NONE);
    }

    /** A thread for the background part, or null when there is none. */
    ExecutorService backgroundThread() {
        return backgroundNanos == 0 ? null : Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "relay-background-work");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs until this thread has used {@code nanos} more of CPU time. */
    static void spin(long nanos) {
        if (nanos == 0) {
            return;
        }
        long until = THREADS.getCurrentThreadCpuTime() + nanos;
        while (THREADS.getCurrentThreadCpuTime() < until) {
            Thread.onSpinWait();
        }
    }
}
