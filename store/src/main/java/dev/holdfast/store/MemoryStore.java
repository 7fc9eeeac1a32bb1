package dev.holdfast.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link Store} in memory, for tests and fakes. Keys are checked exactly as {@link DiskStore}
 * checks them; each put reads the whole file into memory and replaces the entry in one step.
 * Thread-safe.
 */
public final class MemoryStore implements Store {
    private final ConcurrentMap<String, byte[]> entries = new ConcurrentHashMap<>();

    /** Returns an empty store. */
    public MemoryStore() {}

    @Override
    public Optional<InputStream> open(String key) {
        StoreKey.parse(key);
        return Optional.ofNullable(entries.get(key)).map(ByteArrayInputStream::new);
    }

    @Override
    public Optional<Long> size(String key) {
        StoreKey.parse(key);
        return Optional.ofNullable(entries.get(key)).map(b -> (long) b.length);
    }

    @Override
    public void put(String key, Path tmpFile) throws IOException {
        StoreKey.parse(key);
        byte[] data = Files.readAllBytes(tmpFile);
        entries.put(key, data);
        Files.delete(tmpFile);
    }

    /** Returns a new empty file in the default temporary directory. */
    @Override
    public Path tempFile() throws IOException {
        return Files.createTempFile("holdfast-store-", ".tmp");
    }

    /** Returns the keys stored, in string order (for tests). */
    public Set<String> keys() {
        return new TreeSet<>(entries.keySet());
    }
}
