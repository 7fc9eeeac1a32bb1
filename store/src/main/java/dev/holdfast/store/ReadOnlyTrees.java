package dev.holdfast.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The module cache's read-only trees: the go command removes the write bits of every directory it
 * extracts (fetch.go {@code makeDirsReadOnly}) so that builds cannot edit dependencies, and must put
 * them back before it can delete one ({@code RemoveAll}).
 */
public final class ReadOnlyTrees {
    private static final Set<PosixFilePermission> WRITE = EnumSet.of(
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private ReadOnlyTrees() {}

    /** Removes the write bits of every directory under and including {@code dir}, children first. */
    static void makeDirsReadOnly(Path dir) throws IOException {
        if (!isPosix(dir)) {
            return;
        }
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(dir)) {
            dirs = new ArrayList<>(walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .toList());
        }
        for (Path d : dirs.reversed()) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(d, LinkOption.NOFOLLOW_LINKS);
            if (mode.removeAll(WRITE)) {
                Files.setPosixFilePermissions(d, mode);
            }
        }
    }

    /** Deletes {@code path} and everything under it, making directories writable first. */
    public static void removeAll(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (isPosix(d)) {
                    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(d);
                    if (mode.add(PosixFilePermission.OWNER_WRITE) | mode.add(PosixFilePermission.OWNER_EXECUTE)) {
                        Files.setPosixFilePermissions(d, mode);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void delete(Path p) throws IOException {
        try {
            Files.delete(p);
        } catch (NoSuchFileException e) {
            // removed by someone else meanwhile: that is what we wanted
        }
    }

    private static boolean isPosix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
