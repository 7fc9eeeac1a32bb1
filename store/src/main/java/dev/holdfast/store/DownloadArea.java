package dev.holdfast.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a module cache's download area ({@code cache/download}) holds, counted by walking it once: the
 * zips with their size and when they were last used, and the other files in all. For {@link
 * BoundedStore}, which keeps the count from then on.
 *
 * @param zips the zips, least recently used first
 * @param ziphashes how many of them have a {@code .ziphash} (its size counts with the zip)
 * @param otherFiles how many other files ({@code .mod}, {@code .info}, lists, a {@code .ziphash} without
 *     its zip; locks are not counted)
 * @param otherBytes their size in all
 */
record DownloadArea(List<Zip> zips, long ziphashes, long otherFiles, long otherBytes) {
    /**
     * A zip found in the area.
     *
     * @param key its store key
     * @param bytes its size with its {@code .ziphash}
     * @param usedMillis when it was last used (its access time, or its modification time if later), in
     *     milliseconds since the epoch
     */
    record Zip(String key, long bytes, long usedMillis) {}

    /** Walks the download area of the module cache at {@code root}; an absent area holds nothing. */
    static DownloadArea scan(Path root) throws IOException {
        Path download = CachePaths.downloadDir(root);
        if (!Files.isDirectory(download)) {
            return new DownloadArea(List.of(), 0, 0, 0);
        }
        List<Zip> zips = new ArrayList<>();
        long[] other = new long[3]; // files, bytes, ziphashes beside their zip
        try (Stream<Path> files = Files.walk(download)) {
            files.forEach(f -> {
                String name = f.getFileName().toString();
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(f, BasicFileAttributes.class);
                } catch (IOException gone) {
                    return;
                }
                if (!a.isRegularFile() || name.endsWith(".lock")) {
                    return;
                }
                if (name.endsWith(".ziphash") && Files.exists(f.resolveSibling(name.substring(0, name.length() - 4)))) {
                    other[2]++;
                    return;
                }
                String key = download.relativize(f)
                        .toString()
                        .replace(f.getFileSystem().getSeparator(), "/");
                if (name.endsWith(".zip") && isKey(key)) {
                    long used = Math.max(
                            a.lastAccessTime().toMillis(), a.lastModifiedTime().toMillis());
                    zips.add(new Zip(key, a.size() + sizeOf(Path.of(f + "hash")), used));
                } else {
                    other[0]++;
                    other[1] += a.size();
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        zips.sort(Comparator.comparingLong(Zip::usedMillis));
        return new DownloadArea(List.copyOf(zips), other[2], other[0], other[1]);
    }

    /** Returns what the area holds as a store reports it: every file but the locks. */
    StoreUsage usage() {
        long zipBytes = zips.stream().mapToLong(Zip::bytes).sum();
        return new StoreUsage(zips.size() + ziphashes + otherFiles, zips.size(), zipBytes + otherBytes);
    }

    private static boolean isKey(String key) {
        try {
            StoreKey.parse(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Returns the size of {@code file}, 0 when it is absent. */
    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException absent) {
            return 0;
        }
    }
}
