package dev.holdfast.sumdb;

import dev.holdfast.fetch.ChecksumMismatchException;

/**
 * Says the checksum database was caught lying: it served two tree heads that cannot both be true
 * (a forked log), the go command's {@code SECURITY ERROR ... go.sum database server misbehavior
 * detected!}. The message carries both signed notes and the proof. It is a checksum failure for the
 * rest of Holdfast: never retried, never fallen back from, nothing stored.
 */
public final class SumdbSecurityException extends ChecksumMismatchException {
    private static final long serialVersionUID = 1L;

    /** Returns the exception with the go command's security report {@code message}. */
    public SumdbSecurityException(String message) {
        super(message);
    }
}
