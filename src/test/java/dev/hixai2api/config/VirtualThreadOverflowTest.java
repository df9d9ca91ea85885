package dev.hixai2api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The request executor's overflow: beyond the platform pool, each request gets a thread of its own up to the
 * limit, then it is refused. (JDK 21+ gives it virtual threads; any executor shows the accounting.)
 */
class VirtualThreadOverflowTest {

    @Test
    void requestsBeyondThePoolRunOnThreadsOfTheirOwnUpToTheLimitAndFreeTheirPlaceWhenDone() throws Exception {
        SimpleAsyncTaskExecutor ownThreads = new SimpleAsyncTaskExecutor("overflow-");
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new RequestExecutorConfiguration.VirtualThreadOverflow(2, ownThreads));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(3);
        Runnable stream = () -> {
            running.countDown();
            await(release);
        };
        try {
            pool.execute(stream);   // the pool's one thread
            pool.execute(stream);   // overflow 1
            pool.execute(stream);   // overflow 2
            assertThat(running.await(5, TimeUnit.SECONDS)).as("all three run at once").isTrue();

            assertThatThrownBy(() -> pool.execute(stream)).isInstanceOf(RejectedExecutionException.class)
                    .hasMessageContaining("MAX_CONCURRENT_REQUESTS");

            release.countDown();
            CountDownLatch later = new CountDownLatch(2);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int accepted = 0;
            while (accepted < 2 && System.nanoTime() < deadline) {
                try {
                    pool.execute(later::countDown);
                    accepted++;
                } catch (RejectedExecutionException stillBusy) {
                    Thread.sleep(10);
                }
            }
            assertThat(later.await(5, TimeUnit.SECONDS)).as("places freed by finished requests are taken again").isTrue();
        } finally {
            release.countDown();
            pool.shutdown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
