package dev.hixai2api.simulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds the usage answers of one account until the test releases the hold, so a test can change things while a
 * credit re-read is under way. A held call answers as the account is on release (session, credits).
 */
public final class UsageHold {

    private static final long MAX_HOLD_SECONDS = 30;

    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /** Waits until a usage call of the account is being held; false after the timeout. */
    public boolean awaitHeld(Duration timeout) throws InterruptedException {
        return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends the held answers and lets later usage calls through at once. */
    public void release() {
        released.countDown();
    }

    void park() throws InterruptedException {
        arrived.countDown();
        released.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS);
    }
}
