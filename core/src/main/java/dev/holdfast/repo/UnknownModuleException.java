package dev.holdfast.repo;

import java.io.IOException;

/**
 * Says a source does not have a module or version (a proxy's 404 or 410, a missing file). It is
 * permanent: retrying does not help, and the go command's GOPROXY list moves on past it.
 */
public class UnknownModuleException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Returns an exception with the go command's message for the failure. */
    public UnknownModuleException(String message) {
        super(message);
    }

    /** Returns an exception with a message and its cause. */
    public UnknownModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
