package dev.holdfast.cli;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches module versions into the module cache as {@code go mod download} does — go.mod, zip and {@code
 * .info} of each, {@link ParallelWork#PARALLEL} at a time, behind a progress display — and counts what
 * came from where. Used once per list of modules; thread-safe while fetching.
 */
final class ZipFetch {
    /** Says whether the cache being filled already holds a zip the local module cache lacks. */
    @FunctionalInterface
    interface Held {
        /** Nothing is held anywhere but in the local module cache. */
        Held NOWHERE = mv -> false;

        /** Reports whether the zip of {@code mv} is held, with a hash nothing contradicts. */
        boolean holds(ModuleVersion mv);
    }

    private final SourceStack<DiskStore> stack;
    private final Held held;
    private final AtomicInteger downloaded = new AtomicInteger();
    private final AtomicInteger cached = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    ZipFetch(SourceStack<DiskStore> stack) {
        this(stack, Held.NOWHERE);
    }

    /** Returns a fetch into {@code stack}'s module cache that leaves out the zips {@code held} says are held. */
    ZipFetch(SourceStack<DiskStore> stack, Held held) {
        this.stack = stack;
        this.held = held;
    }

    /**
     * Fetches every one of {@code modules} and returns those that failed with why; progress goes to
     * {@code log} (a bar if {@code terminal}) unless {@code quiet}.
     */
    Map<ModuleVersion, Exception> fetch(List<ModuleVersion> modules, boolean quiet, boolean terminal, PrintWriter log) {
        Map<ModuleVersion, Exception> failed = new ConcurrentHashMap<>();
        try (Progress progress = Progress.start("download", modules.size(), quiet, terminal, log)) {
            ParallelWork.map(modules, mv -> {
                try {
                    long got = fetchOne(mv);
                    (got < 0 ? cached : downloaded).incrementAndGet();
                    bytes.addAndGet(Math.max(0, got));
                    progress.step(mv.path() + " " + mv.version());
                } catch (IOException | RuntimeException e) {
                    failed.put(mv, e);
                    progress.step(mv.path() + " " + mv.version() + " failed");
                }
                return mv;
            });
        }
        return failed;
    }

    /** Returns how many zips were downloaded from an upstream. */
    int downloaded() {
        return downloaded.get();
    }

    /** Returns how many zips were already cached (in the module cache, or where {@link Held} says). */
    int cached() {
        return cached.get();
    }

    /** Returns the bytes of zips downloaded. */
    long bytes() {
        return bytes.get();
    }

    /**
     * Fetches the go.mod, zip and {@code .info} of {@code mv} into the module cache, as {@code go mod
     * download} does, and returns the zip bytes downloaded, or -1 when the zip was already cached (here,
     * or where {@link Held} says). The
     * build needs only the first two: an {@code .info} that cannot be had is left out (only {@code go
     * list -m} and {@code go mod download} offline miss it; {@link #missingInfo} counts them).
     */
    private long fetchOne(ModuleVersion mv) throws IOException {
        stack.source().mod(mv);
        String zipKey = StoreKey.zip(mv);
        boolean wasCached = stack.store().size(zipKey).isPresent();
        if (!wasCached && held.holds(mv)) {
            fetchInfo(mv);
            return -1;
        }
        stack.source().fetchZip(mv); // when cached, completes an extraction a killed process left undone
        fetchInfo(mv);
        return wasCached ? -1 : stack.store().size(zipKey).orElse(0L);
    }

    private void fetchInfo(ModuleVersion mv) {
        try {
            stack.source().info(mv);
        } catch (IOException e) {
            // see fetchOne
        }
    }

    /** Returns how many of {@code zips} have no {@code .info} file in the module cache. */
    int missingInfo(List<ModuleVersion> zips) throws IOException {
        int n = 0;
        for (ModuleVersion mv : zips) {
            if (stack.store().size(StoreKey.info(mv)).isEmpty()) {
                n++;
            }
        }
        return n;
    }
}
