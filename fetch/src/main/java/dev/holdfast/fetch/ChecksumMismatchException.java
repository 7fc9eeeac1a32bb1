package dev.holdfast.fetch;

import java.io.IOException;

/**
 * Says downloaded content does not match the hash recorded for it (in go.sum, the checksum
 * database, or the cache). A security failure: never retried, never fallen back from, and the
 * content is never stored.
 */
public class ChecksumMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Returns an exception with the go command's message shape ({@code verifying M@V: checksum mismatch ...}). */
    public ChecksumMismatchException(String message) {
        super(message);
    }
}
