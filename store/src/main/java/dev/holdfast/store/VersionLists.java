package dev.holdfast.store;

import dev.holdfast.semver.Semver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code @v/list} file of a module cache, written as the go command writes it (modfetch/cache.go
 * {@code rewriteVersionList}): in place, under a flock on the list file itself, after emptying it and
 * extending it with zeros to the new size, so that a writer killed half-way leaves NUL bytes that a
 * reader can recognise. It is rewritten in place, not renamed, because a go command waiting for the
 * lock holds the old file open and would otherwise write to a file nobody reads.
 */
final class VersionLists {
    private VersionLists() {}

    /**
     * Rewrites {@code atV/list} to name every {@code X.mod} in {@code atV} whose {@code X} is a
     * canonical version, semver-sorted, one per line; leaves it alone when it already says that.
     */
    static void rewrite(Path atV) throws IOException {
        Path list = atV.resolve("list");
        try (Flock lock = Flock.lock(list)) {
            byte[] want = listing(atV);
            if (!Arrays.equals(Files.readAllBytes(list), want)) {
                writeLocked(list, want);
            }
        }
    }

    /** Replaces the content of {@code list} with {@code data} under the list's lock. */
    static void write(Path list, byte[] data) throws IOException {
        Files.createDirectories(list.getParent());
        try (Flock lock = Flock.lock(list)) {
            writeLocked(list, data);
        }
    }

    /**
     * Returns the content of {@code list}, read under a shared lock; empty when the file is missing or
     * holds a NUL byte (a write that was interrupted).
     */
    static Optional<byte[]> read(Path list) throws IOException {
        byte[] data;
        try (Flock lock = Flock.lockShared(list)) {
            data = Files.readAllBytes(list);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        for (byte b : data) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        return Optional.of(data);
    }

    private static void writeLocked(Path list, byte[] data) throws IOException {
        try (FileChannel channel = FileChannel.open(list, StandardOpenOption.WRITE)) {
            channel.truncate(0);
            if (data.length > 0) {
                // Reserve the final size as zeros first: an interrupted write leaves NULs, not a
                // shorter list that looks valid.
                channel.write(ByteBuffer.allocate(1), data.length - 1);
                channel.write(ByteBuffer.wrap(data), 0);
            }
            channel.force(true);
        }
    }

    /** Returns the list the go command derives from the {@code .mod} files in {@code atV}. */
    static byte[] listing(Path atV) throws IOException {
        List<String> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(atV)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".mod")) {
                    // Go tests the escaped file name itself, so versions with upper-case letters
                    // (escaped with '!') are never listed.
                    String v = name.substring(0, name.length() - ".mod".length());
                    if (!v.isEmpty() && StoreKey.isCanonical(v)) {
                        versions.add(v);
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (String v : Semver.sort(versions)) {
            out.append(v).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
