package dev.holdfast.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Durable storage for proxy files, keyed by the escaped proxy URL path: {@code <escaped
 * path>/@v/list}, {@code <escaped path>/@v/<escaped version>.info|.mod|.zip}. With these keys a
 * disk store is a module cache download area and can itself be served as a {@code file://} proxy.
 *
 * <p>Implementations are thread-safe. Writers verify content before they {@link #put} it: a store
 * holds only what was checked. Every method checks its key with {@link StoreKey#parse} and throws
 * {@link IllegalArgumentException} for anything but the five escaped shapes, so no key can reach
 * outside the store.
 */
public interface Store {
    /** Returns the content stored under {@code key}, or empty; the caller closes the stream. */
    Optional<InputStream> open(String key) throws IOException;

    /**
     * Returns the content under {@code key} ready to be sent, or empty; the caller closes it. This
     * default streams {@link #open}; stores with files on local disk hand out the file.
     */
    default Optional<StoredContent> content(String key) throws IOException {
        Optional<Long> size = size(key);
        if (size.isEmpty()) {
            return Optional.empty();
        }
        return open(key).map(in -> new StoredContent.Streamed(in, size.get(), Instant.EPOCH, ""));
    }

    /** Returns what the store is, for status pages and messages: a directory, a bucket. */
    default String describe() {
        return getClass().getSimpleName();
    }

    /**
     * Returns how many files the store holds and their size, or empty when it cannot tell cheaply. May
     * take a while on a large store (it may walk it): callers keep the answer for a while.
     */
    default Optional<StoreUsage> usage() throws IOException {
        return Optional.empty();
    }

    /**
     * Checks that the store can be reached now, for a readiness probe: a store on local disk always can;
     * a bucket answers a request about itself.
     *
     * @throws IOException saying what could not be reached and why
     */
    default void checkReachable() throws IOException {}

    /** Returns the size bound the store keeps, or empty when it grows without one. */
    default Optional<Bound> bound() {
        return Optional.empty();
    }

    /** A size bound a store keeps by evicting, with what it holds against it now; for metrics. */
    interface Bound {
        /** Returns the most bytes the store is to hold. */
        long maxBytes();

        /** Returns the bytes it holds now. */
        long bytes();

        /** Returns how many files it evicted since it was opened. */
        long evictions();
    }

    /** Returns the size in bytes of the content under {@code key}, or empty when absent. */
    Optional<Long> size(String key) throws IOException;

    /**
     * Stores the content of {@code tmpFile} under {@code key}, replacing what was there, atomically:
     * a reader sees the old content or the new, never a part, whatever fails and even if the process
     * is killed. {@code tmpFile} is consumed (moved or deleted).
     */
    void put(String key, Path tmpFile) throws IOException;

    /**
     * Stores a verified module zip whose {@code h1:} hash the caller has just computed; otherwise as
     * {@link #put}. Stores that keep the hash next to the zip (a module cache's {@code .ziphash})
     * use it instead of reading the zip again; the others ignore it.
     *
     * @throws IllegalArgumentException if {@code key} is not the key of a {@code .zip}
     */
    default void putZip(String key, Path tmpFile, String h1) throws IOException {
        if (StoreKey.parse(key).kind() != StoreKey.Kind.ZIP) {
            throw new IllegalArgumentException("not a zip key: \"" + key + "\"");
        }
        put(key, tmpFile);
    }

    /** Returns a new temporary file, on the same file system as the store where that matters. */
    Path tempFile() throws IOException;
}
