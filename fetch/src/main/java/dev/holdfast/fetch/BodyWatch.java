package dev.holdfast.fetch;

import java.time.Duration;

/**
 * The time limits of one response body, checked as it arrives: no gap between bytes longer than the
 * stall limit, nothing much slower than the link's usual throughput ({@link LinkStats#tooSlow}), and an
 * overall deadline: {@code total}, plus a second for each {@value #FLOOR_BYTES_PER_SECOND} bytes that did
 * arrive, so that a small file trickled one byte at a time ends after {@code total} while a large zip on
 * a slow but honest link may take as long as it needs. Not thread-safe: one reader uses it.
 */
final class BodyWatch {
    /** The slowest rate a large body may average and still be waited for. */
    static final long FLOOR_BYTES_PER_SECOND = 1024;

    private final Duration stall;
    private final Duration total;
    private final LinkStats link;
    private final long start = System.nanoTime();
    private long received;

    /** Returns a watch with the stall limit {@code stall} and the deadline {@code total}, judged against {@code link}. */
    BodyWatch(Duration stall, Duration total, LinkStats link) {
        this.stall = stall;
        this.total = total;
        this.link = link;
    }

    /** Returns how long to wait for the next chunk: the stall limit, or less when the deadline is nearer. */
    Duration nextWait() {
        Duration left = deadline().minus(elapsed());
        return left.compareTo(stall) < 0 ? (left.isNegative() ? Duration.ZERO : left) : stall;
    }

    /** Returns the failure for a wait of {@link #nextWait} that ended without a chunk. */
    StalledTransferException timedOut() {
        Duration elapsed = elapsed();
        if (elapsed.compareTo(deadline()) >= 0) {
            return new StalledTransferException(
                    "body not complete after " + RetryingSource.format(elapsed) + " (" + received + " bytes arrived)");
        }
        return new StalledTransferException("no data for " + stall.toMillis() + " ms");
    }

    /**
     * Counts {@code n} more bytes.
     *
     * @throws StalledTransferException if the body is now too slow for the link or past its deadline
     */
    void received(int n) throws StalledTransferException {
        received += n;
        Duration elapsed = elapsed();
        if (link.tooSlow(received, elapsed)) {
            double usual = link.typicalBytesPerSecond();
            throw new StalledTransferException(String.format(
                    java.util.Locale.ROOT,
                    "body too slow: %d bytes in %s, where this link usually brings %.0f bytes/s",
                    received,
                    RetryingSource.format(elapsed),
                    usual));
        }
        if (elapsed.compareTo(deadline()) > 0) {
            throw timedOut();
        }
    }

    /** Returns the bytes counted so far. */
    long received() {
        return received;
    }

    /** Returns the time since the watch was made. */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private Duration deadline() {
        return total.plusSeconds(received / FLOOR_BYTES_PER_SECOND);
    }
}
