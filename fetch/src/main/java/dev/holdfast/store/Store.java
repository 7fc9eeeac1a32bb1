package dev.holdfast.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Durable storage for proxy files, keyed by the escaped proxy URL path: {@code <escaped
 * path>/@v/list}, {@code <escaped path>/@v/<escaped version>.info|.mod|.zip}. With these keys a
 * disk store is a module cache download area and can itself be served as a {@code file://} proxy.
 *
 * <p>Implementations are thread-safe. Writers verify content before they {@link #put} it: a store
 * holds only what was checked.
 */
public interface Store {
    /** Returns the content stored under {@code key}, or empty; the caller closes the stream. */
    Optional<InputStream> open(String key) throws IOException;

    /** Returns the size in bytes of the content under {@code key}, or empty when absent. */
    Optional<Long> size(String key) throws IOException;

    /**
     * Stores the content of {@code tmpFile} under {@code key}, replacing what was there, atomically:
     * a reader sees the old content or the new, never a part, whatever fails and even if the process
     * is killed. {@code tmpFile} is consumed (moved or deleted).
     */
    void put(String key, Path tmpFile) throws IOException;

    /** Returns a new temporary file, on the same file system as the store where that matters. */
    Path tempFile() throws IOException;
}
