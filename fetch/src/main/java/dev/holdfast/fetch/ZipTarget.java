package dev.holdfast.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file a module zip is downloaded into, with what is needed to resume an interrupted download:
 * the validator (ETag or Last-Modified) of the response the partial content came from. Passed
 * unchanged across retries of one download. Not thread-safe: one download uses it at a time.
 */
public final class ZipTarget {
    private final Path file;
    private String validator;

    /** Returns a target writing to {@code file}, which need not exist yet. */
    public ZipTarget(Path file) {
        this.file = file;
    }

    /** Returns the file the zip is written to. */
    public Path file() {
        return file;
    }

    /** Returns the number of bytes already downloaded (0 when the file does not exist). */
    public long length() throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** Returns the validator of the response the current content came from, or null. */
    public String validator() {
        return validator;
    }

    /** Records the validator of the response being written, or null when it had none. */
    public void validator(String validator) {
        this.validator = validator;
    }

    /** Empties the file and forgets the validator, so the next attempt starts over. */
    public void reset() throws IOException {
        Files.deleteIfExists(file);
        validator = null;
    }
}
