package dev.holdfast.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a process writes the temporary files of a store ({@code cache/holdfast-tmp}), so that what a
 * killed process left behind never piles up (issue 12): each process writes into a directory of its own,
 * {@code holdfast-tmp/p<pid>-<random>}, whose {@code .owner} file it holds locked ({@link Flock}) for as
 * long as it lives. The first process to use the area sweeps it: a directory whose lock can be taken has
 * lost its owner, and goes with everything in it. Loose files (from releases before this layout) older
 * than an hour go too. The go command never reads this directory. Thread-safe; one area per store root
 * and process.
 */
public final class TempArea {
    private static final Logger LOG = LoggerFactory.getLogger(TempArea.class);
    private static final Map<Path, TempArea> AREAS = new ConcurrentHashMap<>();

    private final Path dir;

    @SuppressWarnings("unused") // held, not read: the lock says the directory's owner is alive
    private final Flock owner;

    private TempArea(Path dir, Flock owner) {
        this.dir = dir;
        this.owner = owner;
    }

    /**
     * Returns this process's temporary directory under {@code area} ({@code cache/holdfast-tmp}, or the
     * upload area of a bucket store), sweeping what killed processes left there on first use.
     */
    public static Path dirFor(Path area) throws IOException {
        try {
            return AREAS.computeIfAbsent(area.toAbsolutePath().normalize(), TempArea::open).dir;
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static TempArea open(Path area) {
        try {
            Files.createDirectories(area);
            sweep(area);
            Path dir = Files.createDirectories(
                    area.resolve("p" + ProcessHandle.current().pid() + "-"
                            + ThreadLocalRandom.current().nextInt(1 << 30)));
            Flock owner = Flock.lock(dir.resolve(".owner"));
            return new TempArea(dir, owner);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Removes the directories of processes that are gone, and loose files older than an hour. */
    static void sweep(Path area) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(area)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    Optional<Flock> orphaned = Flock.tryLock(entry.resolve(".owner"));
                    if (orphaned.isPresent()) {
                        try (Flock lock = orphaned.get()) {
                            deleteTree(entry);
                            LOG.debug("removed {}, left by a process that is gone", entry);
                        }
                    }
                } else if (Files.getLastModifiedTime(entry).toMillis() < System.currentTimeMillis() - 3_600_000) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (NoSuchFileException e) {
            // nothing to sweep
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
