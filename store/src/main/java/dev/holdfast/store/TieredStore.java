package dev.holdfast.store;

import dev.holdfast.dirhash.DirHash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A shared store (a bucket several instances use) with a local store in front of it (a bounded disk
 * cache of this instance): the immutable files ({@code .info}, {@code .mod}, {@code .zip}) are read from
 * the local store when it holds them, else from the shared one and copied into the local store on the
 * way, so a warm instance serves them from its own disk; version lists and {@code @latest} answers
 * change and are shared, so they are only ever in the shared store.
 *
 * <p>Writes go to the shared store first (it is the record every instance reads) and then to the local
 * one. A zip copied from the shared store is hashed on the way and kept only when its hash is the one
 * stored beside it, so a damaged object is not made local; it is served as the shared store has it,
 * and the client's own check against go.sum has the last word, as without the tier. Thread-safe.
 */
public final class TieredStore implements Store, AutoCloseable {
    private final Store local;
    private final Store shared;

    private TieredStore(Store local, Store shared) {
        this.local = local;
        this.shared = shared;
    }

    /** Returns {@code shared} with {@code local} in front of it. */
    public static TieredStore of(Store local, Store shared) {
        return new TieredStore(local, shared);
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        return read(key, Store::open);
    }

    @Override
    public Optional<StoredContent> content(String key) throws IOException {
        return read(key, Store::content);
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        if (!isImmutable(key)) {
            return shared.size(key);
        }
        Optional<Long> held = local.size(key);
        return held.isPresent() ? held : shared.size(key);
    }

    @Override
    public void put(String key, Path tmpFile) throws IOException {
        put(key, tmpFile, null);
    }

    @Override
    public void putZip(String key, Path tmpFile, String h1) throws IOException {
        if (StoreKey.parse(key).kind() != StoreKey.Kind.ZIP) {
            throw new IllegalArgumentException("not a zip key: \"" + key + "\"");
        }
        put(key, tmpFile, h1);
    }

    @Override
    public Path tempFile() throws IOException {
        return shared.tempFile();
    }

    @Override
    public String describe() {
        return shared.describe() + " with a local tier in " + local.describe();
    }

    @Override
    public Optional<StoreUsage> usage() throws IOException {
        return shared.usage();
    }

    /** Checks the shared store: the local tier is on this machine's disk. */
    @Override
    public void checkReachable() throws IOException {
        shared.checkReachable();
    }

    /** Returns the bound of the local tier. */
    @Override
    public Optional<Bound> bound() {
        return local.bound();
    }

    /** Closes the stores that hold resources (a bucket's HTTP client). */
    @Override
    public void close() throws Exception {
        for (Store store : new Store[] {local, shared}) {
            if (store instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /** How one store is read: open, content. */
    @FunctionalInterface
    private interface Read<T> {
        Optional<T> from(Store store, String key) throws IOException;
    }

    /**
     * Reads {@code key} from the local store, else copies it in from the shared one and reads it
     * locally, else (not copied: absent or damaged) reads the shared store as it is; files that change
     * are read from the shared store only.
     */
    private <T> Optional<T> read(String key, Read<T> read) throws IOException {
        if (!isImmutable(key)) {
            return read.from(shared, key);
        }
        Optional<T> held = read.from(local, key);
        if (held.isPresent()) {
            return held;
        }
        if (copyIn(key)) {
            held = read.from(local, key);
            if (held.isPresent()) {
                return held;
            }
        }
        return read.from(shared, key);
    }

    /** Writes to the shared store, then (for the immutable files) the same bytes to the local store. */
    private void put(String key, Path tmpFile, String h1) throws IOException {
        if (!isImmutable(key)) {
            putIn(shared, key, tmpFile, h1);
            return;
        }
        Path copy = local.tempFile();
        try {
            linkOrCopy(tmpFile, copy);
            putIn(shared, key, tmpFile, h1);
            putIn(local, key, copy, h1);
        } finally {
            Files.deleteIfExists(copy); // consumed by the local put unless something failed
        }
    }

    /**
     * Copies {@code key} from the shared store into the local one; returns false when the shared store
     * does not hold it or it is a zip whose bytes do not hash to the hash stored beside it.
     */
    private boolean copyIn(String key) throws IOException {
        Optional<StoredContent> found = shared.content(key);
        if (found.isEmpty()) {
            return false;
        }
        Path copy = local.tempFile();
        try {
            String h1;
            try (StoredContent content = found.get()) {
                h1 = content.h1();
                try (InputStream in = content instanceof StoredContent.Streamed s
                        ? s.in()
                        : Files.newInputStream(((StoredContent.OnDisk) content).file())) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (StoreKey.parse(key).kind() != StoreKey.Kind.ZIP) {
                local.put(key, copy);
                return true;
            }
            String hashed = DirHash.hashZip(copy);
            if (!h1.isEmpty() && !hashed.equals(h1)) {
                return false; // damaged in the shared store: not made local
            }
            local.putZip(key, copy, hashed);
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // served from the shared store as it is; the copy is tried again next time
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private static void putIn(Store store, String key, Path file, String h1) throws IOException {
        if (h1 == null) {
            store.put(key, file);
        } else {
            store.putZip(key, file, h1);
        }
    }

    private static void linkOrCopy(Path from, Path to) throws IOException {
        Files.delete(to);
        try {
            Files.createLink(to, from);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(from, to);
        }
    }

    private static boolean isImmutable(String key) {
        StoreKey.Kind kind = StoreKey.parse(key).kind();
        return kind == StoreKey.Kind.INFO || kind == StoreKey.Kind.MOD || kind == StoreKey.Kind.ZIP;
    }
}
