package dev.hixai2api.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load: N clients, each sending its next request as soon as the previous one ended, for a fixed
 * time (or a fixed number of requests). Requests are asynchronous (java.net.http), so 1,000 clients need no
 * 1,000 threads here; each HTTP client serves at most {@value #WORKERS_PER_CLIENT} clients, so no single
 * selector thread carries every connection.
 */
final class LoadGenerator implements AutoCloseable {

    static final int WORKERS_PER_CLIENT = 100;

    private final List<HttpClient> clients = new ArrayList<>();
    private final ExecutorService continuations;
    private final ScheduledExecutorService scheduler;

    LoadGenerator() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        continuations = Executors.newFixedThreadPool(threads, task -> daemon(task, "bench-loop-" + count.incrementAndGet()));
        scheduler = Executors.newScheduledThreadPool(2, task -> daemon(task, "bench-timer-" + count.incrementAndGet()));
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** The HTTP client of this worker: shared across phases, so its keep-alive connections are reused. */
    private synchronized HttpClient client(int worker) {
        int index = worker / WORKERS_PER_CLIENT;
        while (clients.size() <= index) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build());
        }
        return clients.get(index);
    }

    /** One request of one client; the call fills in the sample and completes the future when done. */
    interface Call {
        CompletableFuture<Void> start(HttpClient client, Sample sample, Tracker tracker);
    }

    /** What happened to one request. Times are System.nanoTime(). */
    static final class Sample {
        final long start = System.nanoTime();
        volatile long firstToken;
        volatile long end;
        volatile int status;
        volatile boolean done;
        volatile String error;
        volatile boolean opened;
        volatile Runnable abort;

        void fail(String why) {
            if (error == null) {
                error = why;
            }
        }
    }

    /** Streams that have their response headers and have not ended yet, and the most seen at once. */
    static final class Tracker {
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicInteger maxOpen = new AtomicInteger();

        void opened(Sample sample) {
            if (!sample.opened) {
                sample.opened = true;
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            }
        }

        void closed(Sample sample) {
            if (sample.opened) {
                open.decrementAndGet();
            }
        }

        int open() {
            return open.get();
        }

        int maxOpen() {
            return maxOpen.get();
        }
    }

    /** The outcome of one phase. Latencies in nanoseconds, sorted. */
    record Outcome(int concurrency, long requests, long errors, Map<String, Long> errorKinds, double perSecond,
                   long[] firstToken, long[] latency, int maxOpen, double seconds) {
    }

    /**
     * Runs one phase.
     *
     * @param onMidPhase runs once, half-way through the phase, on a timer thread (e.g. a thread dump); may be null
     */
    Outcome run(int concurrency, Call call, Duration duration, int maxRequests, Duration ramp,
                Duration requestTimeout, Runnable onMidPhase) throws InterruptedException {
        long start = System.nanoTime();
        long rampNanos = concurrency == 1 ? 0 : Math.min(ramp.toNanos(), duration.toNanos() / 3);
        long deadline = start + duration.toNanos();
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        Tracker tracker = new Tracker();
        AtomicLong issued = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            Worker worker = new Worker(client(i), call, tracker, samples, issued, maxRequests, deadline,
                    requestTimeout, finished);
            long delay = concurrency == 1 ? 0 : rampNanos * i / concurrency;
            scheduler.schedule(worker::next, delay, TimeUnit.NANOSECONDS);
        }
        if (onMidPhase != null) {
            scheduler.schedule(onMidPhase, duration.toNanos() / 2, TimeUnit.NANOSECONDS);
        }
        // every request ends by its own timeout; this bound is a safety net so a run always ends
        long bound = duration.toNanos() + requestTimeout.toNanos() + TimeUnit.SECONDS.toNanos(10);
        boolean allEnded = finished.await(bound, TimeUnit.NANOSECONDS);
        long end = System.nanoTime();
        List<Sample> all = new ArrayList<>(samples);
        long abandoned = allEnded ? 0 : finished.getCount();
        return summarise(concurrency, all, abandoned, start + rampNanos, deadline, end - start, tracker.maxOpen());
    }

    private static Outcome summarise(int concurrency, List<Sample> all, long abandoned, long windowStart,
                                     long windowEnd, long elapsed, int maxOpen) {
        Map<String, Long> kinds = new TreeMap<>();
        List<Long> firstTokens = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        long errors = abandoned;
        long inWindow = 0;
        if (abandoned > 0) {
            kinds.merge("still running when the phase was cut off", abandoned, Long::sum);
        }
        for (Sample sample : all) {
            if (sample.error != null) {
                errors++;
                kinds.merge(sample.error, 1L, Long::sum);
                continue;
            }
            latencies.add(sample.end - sample.start);
            if (sample.firstToken > 0) {
                firstTokens.add(sample.firstToken - sample.start);
            }
            if (sample.end >= windowStart && sample.end <= windowEnd) {
                inWindow++;
            }
        }
        double windowSeconds = Math.max(1e-9, (windowEnd - windowStart) / 1e9);
        return new Outcome(concurrency, all.size() + abandoned, errors, kinds, inWindow / windowSeconds,
                sorted(firstTokens), sorted(latencies), maxOpen, elapsed / 1e9);
    }

    private static long[] sorted(List<Long> values) {
        long[] array = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(array);
        return array;
    }

    /** Nearest-rank percentile in milliseconds; NaN without samples. */
    static double percentileMillis(long[] sortedNanos, double percentile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    private final class Worker {
        private final HttpClient client;
        private final Call call;
        private final Tracker tracker;
        private final ConcurrentLinkedQueue<Sample> samples;
        private final AtomicLong issued;
        private final int maxRequests;
        private final long deadline;
        private final Duration timeout;
        private final CountDownLatch finished;

        Worker(HttpClient client, Call call, Tracker tracker, ConcurrentLinkedQueue<Sample> samples, AtomicLong issued,
               int maxRequests, long deadline, Duration timeout, CountDownLatch finished) {
            this.client = client;
            this.call = call;
            this.tracker = tracker;
            this.samples = samples;
            this.issued = issued;
            this.maxRequests = maxRequests;
            this.deadline = deadline;
            this.timeout = timeout;
            this.finished = finished;
        }

        void next() {
            if (System.nanoTime() >= deadline || (maxRequests > 0 && issued.incrementAndGet() > maxRequests)) {
                finished.countDown();
                return;
            }
            Sample sample = new Sample();
            CompletableFuture<Void> request;
            try {
                request = call.start(client, sample, tracker);
            } catch (RuntimeException e) {
                request = CompletableFuture.failedFuture(e);
            }
            request.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenCompleteAsync((ignored, failure) -> {
                sample.end = System.nanoTime();
                if (failure != null) {
                    sample.fail(describe(failure));
                    Runnable abort = sample.abort;
                    if (abort != null) {
                        abort.run();
                    }
                } else if (sample.error == null && !sample.done) {
                    sample.fail("ended without a complete answer");
                }
                tracker.closed(sample);
                samples.add(sample);
                next();
            }, continuations);
        }
    }

    static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return "timed out (BENCH_REQUEST_TIMEOUT_S)";
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        if (message.length() > 120) {
            message = message.substring(0, 120) + "…";
        }
        return cause.getClass().getSimpleName() + message;
    }

    @Override
    public void close() {
        continuations.shutdownNow();
        scheduler.shutdownNow();
    }
}
