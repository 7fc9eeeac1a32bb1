package dev.holdfast.zip;

/**
 * Reports that files or an archive do not make a valid module zip, with the go command's message
 * ({@code create zip: go.mod: go.mod file too large (max size is 16777216 bytes)}, {@code unzip
 * /tmp/m.zip: target directory /tmp/m exists and is not empty}, ...). It is bad input, never a
 * transient failure, so it is unchecked and must not be retried.
 */
public final class ModuleZipException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the complete message. */
    public ModuleZipException(String message) {
        super(message);
    }

    /** Creates the exception with the complete message and the error it reports. */
    public ModuleZipException(String message, Throwable cause) {
        super(message, cause);
    }
}
