package dev.holdfast.store;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DiskStore} held under a size bound: when what its download area holds grows past {@code
 * maxBytes}, the module zips used least recently are removed (with their {@code .ziphash}) until it is
 * under the bound again. An evicted zip is simply fetched again by the caching source the next time
 * it is asked for; {@code .mod}, {@code .info} and list files are small and never evicted (they are
 * what the go command needs to resolve a build, and what a stale answer is made from).
 *
 * <p>Never evicted: a zip being written (it is in the temporary area until it is renamed into place,
 * and registered as being written until then) and a zip used within the last {@code inUse} (a request
 * that has just looked it up opens it next; a file already open keeps its bytes after it is removed,
 * so a long transfer completes). When everything over the bound is in use the store stays over it
 * for that long, rather than take a file from under a client, and then looks again.
 *
 * <p>Use is kept in memory in least-recently-used order ({@link LinkedHashMap} in access order), and
 * on disk as the zip's access time, set at most every {@link #TOUCH_EVERY}, so a restart (which walks
 * the download area once) orders the zips as they were used. The access time is kept by hand because
 * file systems mounted {@code noatime} or {@code relatime} do not keep it. Thread-safe.
 */
public final class BoundedStore implements Store, Store.Bound {
    /** How often at most the access time of a zip in use is written to disk. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(10);

    /**
     * By default a zip looked up within this long is in use and not evicted: a request opens the file
     * it has just looked up within microseconds, so two seconds is ample, and short enough that a burst
     * of new zips takes the store over its bound only briefly.
     */
    public static final Duration IN_USE = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(BoundedStore.class);

    private final DiskStore disk;
    private final long maxBytes;
    private final long inUseNanos;
    private final LongSupplier nanos;
    private final Object lock = new Object();

    /**
     * Locks by module path around a small file's write and the count of what it changed (a {@code .mod}
     * also rewrites its module's list), so that two writers of one module do not count one change twice.
     */
    private final Object[] stripes = new Object[64];

    /** The zips by key, least recently used first. Guarded by {@link #lock}, as are the fields below. */
    private final LinkedHashMap<String, Zip> zips = new LinkedHashMap<>(1024, 0.75f, true);

    private final Set<String> writing = new HashSet<>();
    private final Set<String> evicting = new HashSet<>();
    private long zipBytes;
    private long otherBytes;
    private long otherFiles;
    private long evictions;
    private boolean recheckPending;

    /** A zip in the index: its size with its {@code .ziphash}, and when it was last used and touched. */
    private static final class Zip {
        final long bytes;
        long used;
        long touched;

        Zip(long bytes, long used, long touched) {
            this.bytes = bytes;
            this.used = used;
            this.touched = touched;
        }
    }

    private BoundedStore(DiskStore disk, long maxBytes, Duration inUse, LongSupplier nanos) {
        this.disk = disk;
        this.maxBytes = maxBytes;
        this.inUseNanos = inUse.toNanos();
        this.nanos = nanos;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Returns {@code disk} bounded to {@code maxBytes}, after walking its download area once to learn
     * what it holds and in which order it was used; evicts at once if it already holds more.
     *
     * @throws IllegalArgumentException if {@code maxBytes} is not positive
     */
    public static BoundedStore over(DiskStore disk, long maxBytes) throws IOException {
        return over(disk, maxBytes, IN_USE, System::nanoTime);
    }

    /** As {@link #over(DiskStore, long)}, with the in-use window and clock given (for tests). */
    static BoundedStore over(DiskStore disk, long maxBytes, Duration inUse, LongSupplier nanos) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the size bound must be positive, not " + maxBytes);
        }
        BoundedStore store = new BoundedStore(disk, maxBytes, inUse, nanos);
        long started = System.nanoTime();
        store.scan();
        LOG.info(
                "{}: {} zips, {} bytes in all, bound {} bytes (walked in {} ms)",
                disk.root(),
                store.zips.size(),
                store.bytes(),
                maxBytes,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        store.evictOverBound();
        return store;
    }

    /** Returns the bound in bytes. */
    @Override
    public long maxBytes() {
        return maxBytes;
    }

    /** Returns the bytes the download area holds now, as this store counted them. */
    @Override
    public long bytes() {
        synchronized (lock) {
            return zipBytes + otherBytes;
        }
    }

    /** Returns how many zips were evicted since the store was opened. */
    @Override
    public long evictions() {
        synchronized (lock) {
            return evictions;
        }
    }

    /** Returns the disk store under the bound. */
    public DiskStore disk() {
        return disk;
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        return isZip(key) && !use(key) ? Optional.empty() : disk.open(key);
    }

    @Override
    public Optional<StoredContent> content(String key) throws IOException {
        if (!isZip(key)) {
            return disk.content(key);
        }
        if (!use(key)) {
            return Optional.empty();
        }
        Optional<StoredContent> content = disk.content(key);
        content.ifPresent(c -> adopt(key, c.size()));
        return content;
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        return isZip(key) && !use(key) ? Optional.empty() : disk.size(key);
    }

    @Override
    public void put(String key, Path tmpFile) throws IOException {
        if (isZip(key)) {
            putZip(key, tmpFile, null);
            return;
        }
        StoreKey k = StoreKey.parse(key);
        List<Path> touched = k.kind() == StoreKey.Kind.MOD
                ? List.of(disk.file(key), disk.file(StoreKey.list(k.path())))
                : List.of(disk.file(key));
        synchronized (stripes[Math.floorMod(k.path().hashCode(), stripes.length)]) {
            long[] before = sizes(touched);
            disk.put(key, tmpFile);
            long[] after = sizes(touched);
            synchronized (lock) {
                otherFiles += after[0] - before[0];
                otherBytes += after[1] - before[1];
            }
        }
        evictOverBound();
    }

    @Override
    public void putZip(String key, Path tmpFile, String h1) throws IOException {
        StoreKey k = StoreKey.parse(key);
        if (k.kind() != StoreKey.Kind.ZIP) {
            throw new IllegalArgumentException("not a zip key: \"" + key + "\"");
        }
        synchronized (lock) {
            writing.add(key);
        }
        try {
            if (h1 == null) {
                disk.put(key, tmpFile);
            } else {
                disk.putZip(key, tmpFile, h1);
            }
            long bytes = zipBytes(k.moduleVersion());
            synchronized (lock) {
                long now = nanos.getAsLong();
                Zip old = zips.put(key, new Zip(bytes, now, now));
                zipBytes += bytes - (old == null ? 0 : old.bytes);
            }
        } finally {
            synchronized (lock) {
                writing.remove(key);
            }
        }
        evictOverBound();
    }

    @Override
    public Path tempFile() throws IOException {
        return disk.tempFile();
    }

    @Override
    public String describe() {
        return disk.describe() + ", at most " + maxBytes + " bytes";
    }

    /** Counts what the download area holds from the index, without walking it. */
    @Override
    public Optional<StoreUsage> usage() {
        synchronized (lock) {
            return Optional.of(new StoreUsage(zips.size() * 2L + otherFiles, zips.size(), zipBytes + otherBytes));
        }
    }

    /** Returns this store: it keeps a bound. */
    @Override
    public Optional<Bound> bound() {
        return Optional.of(this);
    }

    private static boolean isZip(String key) {
        return StoreKey.parse(key).kind() == StoreKey.Kind.ZIP;
    }

    /**
     * Marks the zip {@code key} used now, so that it is not evicted while a request uses it, and writes
     * its access time to disk when that is due. Returns false when it is being evicted: the caller
     * treats it as absent (and fetches it again).
     */
    private boolean use(String key) {
        Zip zip;
        long now = nanos.getAsLong();
        boolean touch;
        synchronized (lock) {
            if (evicting.contains(key)) {
                return false;
            }
            zip = zips.get(key);
            if (zip == null) {
                return true;
            }
            zip.used = now;
            touch = now - zip.touched >= TOUCH_EVERY.toNanos();
            if (touch) {
                zip.touched = now;
            }
        }
        if (touch) {
            touchQuietly(disk.file(key));
        }
        return true;
    }

    /** Takes into the index a zip found on disk that it did not know (put there by another writer). */
    private void adopt(String key, long size) {
        synchronized (lock) {
            if (!zips.containsKey(key) && !writing.contains(key)) {
                long now = nanos.getAsLong();
                zips.put(key, new Zip(size, now, now));
                zipBytes += size;
            }
        }
    }

    /** Evicts least recently used zips not in use until the store is under its bound, or none is left. */
    private void evictOverBound() throws IOException {
        while (true) {
            String victim;
            Zip zip;
            synchronized (lock) {
                if (zipBytes + otherBytes <= maxBytes) {
                    return;
                }
                victim = victimLocked();
                if (victim == null) {
                    LOG.debug("{}: {} bytes over the bound, all in use", disk.root(), zipBytes + otherBytes - maxBytes);
                    recheckLocked();
                    return;
                }
                zip = zips.remove(victim);
                zipBytes -= zip.bytes;
                evicting.add(victim);
            }
            try {
                remove(victim);
            } finally {
                synchronized (lock) {
                    evicting.remove(victim);
                }
            }
        }
    }

    /** Looks again once the zips in use now are no longer in use, unless a look is already due. */
    private void recheckLocked() {
        if (recheckPending || zips.isEmpty()) {
            return;
        }
        recheckPending = true;
        Executor later = CompletableFuture.delayedExecutor(inUseNanos + 1_000_000, TimeUnit.NANOSECONDS);
        later.execute(() -> {
            synchronized (lock) {
                recheckPending = false;
            }
            try {
                evictOverBound();
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: could not evict to keep under the bound: {}", disk.root(), e.toString());
            }
        });
    }

    /** Returns the least recently used zip that is neither in use nor being written, or null. */
    private String victimLocked() {
        long now = nanos.getAsLong();
        for (Map.Entry<String, Zip> e : zips.entrySet()) {
            if (now - e.getValue().used < inUseNanos) {
                return null; // the rest were used even more recently
            }
            if (!writing.contains(e.getKey())) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * Removes the zip {@code key} and its {@code .ziphash} under the go command's version lock, unless a
     * writer started storing it again meanwhile (a writer holds the same lock while it writes).
     */
    private void remove(String key) throws IOException {
        ModuleVersion mv = StoreKey.parse(key).moduleVersion();
        CachePaths paths = new CachePaths(disk.root(), mv);
        try (Flock ignored = disk.lockVersion(mv)) {
            synchronized (lock) {
                if (writing.contains(key) || zips.containsKey(key)) {
                    return;
                }
                evictions++;
            }
            Files.deleteIfExists(paths.zip());
            Files.deleteIfExists(paths.ziphash());
            LOG.debug("{}: evicted", key);
        }
    }

    /** Takes what the download area holds into the index: zips in the order of their use. */
    private void scan() throws IOException {
        DownloadArea area = DownloadArea.scan(disk.root());
        otherFiles = area.otherFiles();
        otherBytes = area.otherBytes();
        long now = nanos.getAsLong();
        long nowMillis = System.currentTimeMillis();
        for (DownloadArea.Zip z : area.zips()) {
            long used = now
                    - Duration.ofMillis(Math.max(0, nowMillis - z.usedMillis())).toNanos();
            zips.put(z.key(), new Zip(z.bytes(), used, used));
            zipBytes += z.bytes();
        }
    }

    private long zipBytes(ModuleVersion mv) {
        CachePaths paths = new CachePaths(disk.root(), mv);
        return DownloadArea.sizeOf(paths.zip()) + DownloadArea.sizeOf(paths.ziphash());
    }

    /** Returns how many of {@code files} exist and their total size. */
    private static long[] sizes(List<Path> files) {
        long[] counted = new long[2];
        for (Path f : files) {
            try {
                counted[1] += Files.size(f);
                counted[0]++;
            } catch (IOException absent) {
                // not there: counts nothing
            }
        }
        return counted;
    }

    private static void touchQuietly(Path file) {
        try {
            Files.getFileAttributeView(file, BasicFileAttributeView.class)
                    .setTimes(null, FileTime.fromMillis(System.currentTimeMillis()), null);
        } catch (IOException e) {
            LOG.debug("{}: could not set its access time", file, e);
        }
    }
}
