package dev.holdfast.fetch;

import dev.holdfast.repo.UnknownModuleException;

/**
 * Says a source does not have a module or version (an HTTP 404 or 410, a missing file, or a
 * lookup disabled by GOPROXY or GONOPROXY). Permanent: never retried; the go command's GOPROXY
 * list falls through to the next entry after it even when the separator is a comma.
 */
public class ModuleNotFoundException extends UnknownModuleException {
    private static final long serialVersionUID = 1L;

    /** Returns an exception with the go command's message for the failure. */
    public ModuleNotFoundException(String message) {
        super(message);
    }

    /** Returns an exception with a message and its cause. */
    public ModuleNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
