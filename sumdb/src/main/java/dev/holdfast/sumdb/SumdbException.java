package dev.holdfast.sumdb;

import dev.holdfast.fetch.UpstreamException;

/**
 * Says a checksum-database lookup failed: the database could not be reached ({@linkplain #isTransient
 * transient}, retried), or answered with something that cannot be used — a record it cannot prove, a
 * tile that does not match its signed tree, a note without a valid signature, a module it does not
 * know (permanent).
 */
public final class SumdbException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    /**
     * Returns the exception with {@code message}, the HTTP status behind it (0 when none), whether
     * trying again may help, and the cause (may be null).
     */
    public SumdbException(String message, int status, boolean transientFailure, Throwable cause) {
        super(message, status, transientFailure);
        if (cause != null) {
            initCause(cause);
        }
    }
}
