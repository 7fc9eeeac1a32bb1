package dev.holdfast.fetch;

/**
 * Tells transient failures (worth trying again, or trying elsewhere after a pipe) from permanent
 * ones, by their {@link FailureKind}. Permanent: the module or version does not exist, content failed
 * verification, the upstream gave an answer that retrying cannot change (a 4xx other than 429, invalid
 * module data), or Holdfast itself failed (a full disk). Transient: everything else that reaches the
 * world — DNS and connect failures, timeouts, resets, truncated or stalled bodies, 429 and 5xx, and an
 * upstream whose circuit breaker is open.
 */
public final class FetchErrors {
    private FetchErrors() {}

    /** Reports whether {@code failure} may go away if the same request is made again. */
    public static boolean isTransient(Throwable failure) {
        return FailureKind.of(failure).isTransient();
    }

    /** Reports whether {@code failure} is a security failure that must never be fallen back from. */
    public static boolean isSecurity(Throwable failure) {
        return failure instanceof ChecksumMismatchException;
    }
}
