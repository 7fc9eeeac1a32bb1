package dev.holdfast.fetch;

import java.io.IOException;

/**
 * An upstream answered, but not with what was asked for: an HTTP status other than 200, 404 and
 * 410, or a body that is not valid module data. Transient for 429 and 5xx statuses and for bodies
 * cut short; permanent otherwise.
 */
public class UpstreamException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final boolean transientFailure;

    /**
     * Returns an exception for an answer with HTTP status {@code status} (0 when the problem is not
     * a status) that is transient or not.
     */
    public UpstreamException(String message, int status, boolean transientFailure) {
        super(message);
        this.status = status;
        this.transientFailure = transientFailure;
    }

    /** Returns the HTTP status, or 0 when the failure was not a status. */
    public int status() {
        return status;
    }

    /** Reports whether trying again may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
