package dev.holdfast.fetch;

import java.io.IOException;

/**
 * Says Holdfast itself failed while fetching, not the upstream: its disk is full, a temporary file could
 * not be written, the cache store refused a write. Never counted against an upstream's circuit breaker,
 * never retried (the next attempt would meet the same disk) and never fallen back from; the server answers
 * it with 503, not 502, because no upstream is to blame.
 */
public class LocalFailureException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Returns an exception saying what Holdfast could not do, with the local failure as its cause. */
    public LocalFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
