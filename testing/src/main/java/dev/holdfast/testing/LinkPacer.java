package dev.holdfast.testing;

import java.time.Duration;

/**
 * The bandwidth of the fault relay's one simulated link: every connection's bytes queue for it, so that
 * two parallel downloads each get about half, as on a real slow link.
 */
final class LinkPacer {
    private long nextFreeNanos; // guarded by this: when the link has sent everything queued so far

    /**
     * Waits until {@code n} bytes have crossed a link of {@code bytesPerSecond} (0: no limit). A link
     * that was idle starts fresh: unused time does not accumulate into a burst.
     */
    void pace(int n, long bytesPerSecond) throws InterruptedException {
        if (bytesPerSecond <= 0 || n <= 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            nextFreeNanos = Math.max(now, nextFreeNanos) + n * 1_000_000_000L / bytesPerSecond;
            wait = nextFreeNanos - now;
        }
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }
}
