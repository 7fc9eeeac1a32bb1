package dev.holdfast.archive;

import java.io.IOException;

/** A module archive that is not what its manifest says (or has no usable manifest): refused whole. */
public final class BadArchiveException extends IOException {
    /** Returns the failure with {@code message}, naming what is wrong. */
    public BadArchiveException(String message) {
        super(message);
    }

    /** Returns the failure with {@code message} and its {@code cause}. */
    public BadArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
