package dev.holdfast.fetch;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * An upstream answered, but not with what was asked for: an HTTP status other than 200, 404 and
 * 410, or a body that is not valid module data. Transient for 429 and 5xx statuses and for bodies
 * cut short; permanent otherwise.
 */
public class UpstreamException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final boolean transientFailure;
    private final Duration retryAfter;

    /**
     * Returns an exception for an answer with HTTP status {@code status} (0 when the problem is not
     * a status) that is transient or not.
     */
    public UpstreamException(String message, int status, boolean transientFailure) {
        this(message, status, transientFailure, null);
    }

    /**
     * Returns an exception like {@link #UpstreamException(String, int, boolean)} that also carries
     * how long the upstream asked to be left alone before the next request: the {@code Retry-After}
     * of a 429 or 503, or the time until an open circuit breaker lets a call through again.
     *
     * @param retryAfter the wait, or null when none was given; negative waits count as none
     */
    public UpstreamException(String message, int status, boolean transientFailure, Duration retryAfter) {
        super(message);
        this.status = status;
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter == null || retryAfter.isNegative() ? null : retryAfter;
    }

    /** Returns the HTTP status, or 0 when the failure was not a status. */
    public int status() {
        return status;
    }

    /** Returns how long to wait before asking again, when the upstream said; never null. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Reports whether trying again may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
