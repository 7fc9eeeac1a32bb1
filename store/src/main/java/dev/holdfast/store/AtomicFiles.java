package dev.holdfast.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writing a file so that readers see the old content or the new, never a part, even if the process
 * is killed or the machine loses power: the content goes to a temporary file next to the target,
 * named as the go command names its temporary files ({@code <name><random 0..1e9>.tmp}, so the go
 * command's clean-up of {@code <name>*.tmp} leftovers also removes ours), is flushed to disk, renamed
 * over the target. Public for the files Holdfast writes outside a store too (an export archive, the
 * degraded-mode overlay), which get the same guarantee and the mode a new file gets (0666 less the umask).
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Moves {@code source} over {@code target} atomically and durably; {@code source} is consumed.
     * When {@code source} is on another file system it is copied next to the target first.
     */
    static void replace(Path source, Path target) throws IOException {
        Path sibling = createSibling(target);
        try {
            Set<PosixFilePermission> mode = posixMode(sibling);
            try {
                Files.move(source, sibling, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.copy(source, sibling, StandardCopyOption.REPLACE_EXISTING);
                Files.delete(source);
            }
            if (mode != null) {
                // The moved file keeps its creator's mode (often 0600 for temporary files); give it
                // the 0666-less-umask mode the go command gives cache files.
                Files.setPosixFilePermissions(sibling, mode);
            }
            commit(sibling, target);
        } finally {
            Files.deleteIfExists(sibling); // gone after a successful rename
        }
    }

    /** Writes {@code data} to {@code target} atomically and durably. */
    public static void write(Path target, byte[] data) throws IOException {
        Path sibling = createSibling(target);
        try {
            Files.write(sibling, data);
            commit(sibling, target);
        } finally {
            Files.deleteIfExists(sibling);
        }
    }

    /**
     * Flushes {@code sibling} and renames it to {@code target}. The directory is not flushed: after a
     * power loss the rename may be undone (the old file or none is seen, which is safe), but the new
     * name never points at content that did not reach the disk. Flushing the directory too doubled
     * the fsyncs of a download and made a cold fetch on a fast link about twice as slow as the go
     * command, which flushes nothing (docs/benchmarks.md).
     */
    public static void commit(Path sibling, Path target) throws IOException {
        // fsync before rename: otherwise a crash may leave the new name on an empty file.
        fsync(sibling);
        Files.move(sibling, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Creates an empty, new temporary file next to {@code target}, named as the go command would, with the
     * mode of a new file; {@link #commit} it, or delete it.
     */
    public static Path createSibling(Path target) throws IOException {
        Path dir = target.getParent();
        String prefix = target.getFileName().toString();
        for (int attempt = 0; ; attempt++) {
            Path candidate = dir.resolve(prefix + ThreadLocalRandom.current().nextInt(1_000_000_000) + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10_000) {
                    throw e;
                }
            }
        }
    }

    private static Set<PosixFilePermission> posixMode(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return null;
        }
        return Files.getPosixFilePermissions(file);
    }

    /** Flushes a file's content and metadata to the storage device. */
    static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Flushes a directory, so that entries just created or renamed in it survive a crash. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open or sync a directory; the rename is still atomic there.
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }
}
