package dev.holdfast.direct;

import dev.holdfast.store.ReadOnlyTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The go command's VCS clones ({@code cache/vcs} of the direct source's module cache), kept so that the
 * next fetch from the same repository is an incremental fetch, and removed whole when they outgrow their
 * bound: a huge repository then costs a fresh clone, never unbounded disk.
 */
final class CloneCache {
    private static final Logger LOG = LoggerFactory.getLogger(CloneCache.class);

    private final Path dir;
    private final long maxBytes;

    /** Returns the clones under module cache {@code modCache}, bounded to {@code maxBytes}. */
    CloneCache(Path modCache, long maxBytes) {
        this.dir = modCache.resolve("cache/vcs");
        this.maxBytes = maxBytes;
    }

    /**
     * Removes every clone when together they hold more than the bound; the caller makes sure no go
     * command is running. Returns whether they were removed.
     */
    boolean trim() throws IOException {
        long size = size();
        if (size <= maxBytes) {
            return false;
        }
        LOG.info("direct: VCS clones hold {} bytes, over the bound of {}; removing them", size, maxBytes);
        ReadOnlyTrees.removeAll(dir);
        return true;
    }

    /** Returns the bytes the clones hold. */
    long size() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(CloneCache::sizeOf)
                    .sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
