package dev.holdfast.fetch;

import java.io.IOException;

/**
 * Says a response body stopped arriving: no byte came for longer than the stall timeout, so the
 * transfer was abandoned. Transient: the bytes that did arrive are kept, and a retry may resume.
 */
public class StalledTransferException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Returns an exception with {@code message}. */
    public StalledTransferException(String message) {
        super(message);
    }

    /** Returns an exception with {@code message} and its {@code cause}. */
    public StalledTransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
