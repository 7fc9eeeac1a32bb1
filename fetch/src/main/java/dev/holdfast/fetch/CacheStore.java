package dev.holdfast.fetch;

import dev.holdfast.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The byte-level store operations {@link CachingSource} needs: whole small files and zip copies. A write
 * the store refuses (a full disk, a read-only directory) fails with {@link LocalFailureException}, so
 * that it is never mistaken for the upstream's failure.
 */
final class CacheStore {
    private static final Logger LOG = LoggerFactory.getLogger(CachingSource.class);

    private final Store store;

    CacheStore(Store store) {
        this.store = store;
    }

    Store store() {
        return store;
    }

    /** Returns the content stored under {@code key}, or empty. */
    Optional<byte[]> read(String key) throws IOException {
        Optional<InputStream> in = store.open(key);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream s = in.get()) {
            return Optional.of(s.readAllBytes());
        }
    }

    /** Copies the stored {@code key} over the target's content; reports whether it was stored. */
    boolean copy(String key, ZipTarget target) throws IOException {
        Optional<InputStream> in = store.open(key);
        if (in.isEmpty()) {
            return false;
        }
        target.reset();
        try (InputStream s = in.get()) {
            Files.copy(s, target.file());
        }
        return true;
    }

    /** Stores {@code data} under {@code key} through a temporary file of the store. */
    void put(String key, byte[] data) throws IOException {
        Path tmp = tempFile();
        try {
            Files.write(tmp, data);
            store.put(key, tmp);
            LOG.debug("{}: stored {} bytes", key, data.length);
        } catch (IOException e) {
            throw local(key, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Stores the verified zip in {@code tmp} under {@code key}; see {@link Store#putZip}. */
    void putZip(String key, Path tmp, String h1) throws IOException {
        try {
            store.putZip(key, tmp, h1);
        } catch (IOException e) {
            throw local(key, e);
        }
    }

    /** Returns a new temporary file of the store. */
    Path tempFile() throws IOException {
        try {
            return store.tempFile();
        } catch (IOException e) {
            throw local("a temporary file", e);
        }
    }

    private static IOException local(String what, IOException e) {
        return e instanceof LocalFailureException
                ? e
                : new LocalFailureException("cannot store " + what + " in the cache: " + Failures.describe(e), e);
    }

    /** Stores an answer that is worth keeping but not worth failing the request for. */
    void putQuietly(String key, byte[] data) {
        try {
            put(key, data);
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: not stored: {}", key, e.toString());
        }
    }
}
