package dev.holdfast.fetch;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many requests may be under way to one upstream at once: a Resilience4j semaphore bulkhead that
 * starts at {@link #INITIAL} and learns the server's own limit. An HTTP/2 server allows a number of
 * concurrent streams per connection (SETTINGS_MAX_CONCURRENT_STREAMS); the JDK's client refuses a
 * request beyond it on the pooled connection with "too many concurrent streams" instead of waiting. That
 * refusal is ours, not the upstream's: the request is sent again once a stream is free, never counted as
 * an attempt or a failure, and the limit drops to the number of requests that were then under way. A
 * stream the server reset with REFUSED_STREAM, which the client reports as "request not processed by
 * peer", is treated the same. Thread-safe.
 */
final class StreamLimit {
    private static final Logger LOG = LoggerFactory.getLogger(StreamLimit.class);

    /** Requests allowed at once before the server says otherwise. */
    static final int INITIAL = 64;

    private final Bulkhead bulkhead;
    private final String name;

    /** Returns a limit for the upstream described as {@code name}. */
    StreamLimit(String name) {
        this.name = name;
        this.bulkhead = Bulkhead.of(
                name,
                BulkheadConfig.custom()
                        .maxConcurrentCalls(INITIAL)
                        .maxWaitDuration(Duration.ofDays(1)) // bounded by the caller's deadlines instead
                        .build());
    }

    /** Waits for a free place; {@link #release} gives it back. */
    void acquire() throws IOException {
        try {
            bulkhead.acquirePermission();
        } catch (io.github.resilience4j.bulkhead.BulkheadFullException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while waiting for a free stream to " + name);
            }
            throw new LocalFailureException("no free stream to " + name + " for a day", e);
        }
    }

    /** Gives back a place taken by {@link #acquire}. */
    void release() {
        bulkhead.onComplete();
    }

    /** Returns how many requests may be under way at once now. */
    int limit() {
        return bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
    }

    /**
     * Lowers the limit after the client refused a request for want of a stream: to the number of other
     * requests under way, since that is what the server allows. The caller has released its own place.
     */
    void refused() {
        int others = limit() - bulkhead.getMetrics().getAvailableConcurrentCalls();
        int lowered = Math.max(1, others);
        synchronized (this) {
            if (lowered < limit()) {
                LOG.debug("{}: the server allows fewer concurrent streams; {} at once from now on", name, lowered);
                bulkhead.changeConfig(BulkheadConfig.from(bulkhead.getBulkheadConfig())
                        .maxConcurrentCalls(lowered)
                        .build());
            }
        }
    }

    /** Reports whether {@code e} says the request was refused for want of a stream, before it reached the server. */
    static boolean isRefusedStream(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null
                    && (m.contains("too many concurrent streams") || m.contains("request not processed by peer"))) {
                return true;
            }
        }
        return false;
    }
}
