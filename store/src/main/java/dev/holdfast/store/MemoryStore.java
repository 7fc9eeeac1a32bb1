package dev.holdfast.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link Store} in memory, for tests and fakes. Keys are checked exactly as {@link DiskStore}
 * checks them; each put reads the whole file into memory and replaces the entry in one step, and
 * {@link #content} gives the time of the put, as a bucket gives an object's time. Thread-safe.
 */
public final class MemoryStore implements Store {
    private record Entry(byte[] data, Instant stored) {}

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    /** Returns an empty store. */
    public MemoryStore() {
        this(Clock.systemUTC());
    }

    /** Returns an empty store that stamps each put with the time of {@code clock}. */
    public MemoryStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<InputStream> open(String key) {
        StoreKey.parse(key);
        return Optional.ofNullable(entries.get(key)).map(e -> new ByteArrayInputStream(e.data()));
    }

    @Override
    public Optional<StoredContent> content(String key) {
        StoreKey.parse(key);
        return Optional.ofNullable(entries.get(key))
                .map(e -> new StoredContent.Streamed(
                        new ByteArrayInputStream(e.data()), e.data().length, e.stored(), ""));
    }

    @Override
    public Optional<Long> size(String key) {
        StoreKey.parse(key);
        return Optional.ofNullable(entries.get(key)).map(e -> (long) e.data().length);
    }

    @Override
    public void put(String key, Path tmpFile) throws IOException {
        StoreKey.parse(key);
        byte[] data = Files.readAllBytes(tmpFile);
        entries.put(key, new Entry(data, clock.instant()));
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
