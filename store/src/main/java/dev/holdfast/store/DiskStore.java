package dev.holdfast.store;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Store} that is a go module cache ({@code GOMODCACHE}): key {@code k} is the file {@code
 * cache/download/k}, so the go command with {@code GOPROXY=off} builds from what Holdfast stored, and
 * the download area can be served as a {@code file://} proxy.
 *
 * <p>Writes follow the go command's module cache protocol and take its locks ({@link Flock}), so a go
 * command may use the cache at the same time: every file is renamed into place after an fsync; a
 * {@code .mod} write is followed by the {@code @v/list} rewrite; a {@code .zip} write first writes the
 * {@code .ziphash} and then, unless {@linkplain #withExtraction disabled}, extracts the read-only
 * {@code path@version/} tree under a {@code .partial} marker, all under the {@code <version>.lock}
 * lock. A process killed at any point leaves files that the go command and this store either read as
 * valid or recognise as unfinished and redo.
 *
 * <p>Opening a {@code .zip} completes what an interrupted writer left undone (the {@code .ziphash} and
 * the tree), as the go command does on its next download. An {@code @v/list} that was put is
 * rewritten by the go command's rule (the versions whose {@code .mod} is cached) at the next {@code
 * .mod} write, by this store or by a go command; read back, it is then the list of what can be served
 * offline. Temporary files live in a directory of the process under {@code cache/holdfast-tmp}, which
 * the go command never reads; what a killed process left there is removed by the next process to use
 * the store ({@link TempArea}). Thread-safe.
 */
public final class DiskStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(DiskStore.class);

    /**
     * The durable steps of a zip write, in order, reported to a {@linkplain #withSteps listener} just
     * after each one (crash tests stop a process there).
     */
    public enum Step {
        /** The {@code .ziphash} has its final name. */
        ZIPHASH_WRITTEN,
        /** The {@code .zip} has its final name. */
        ZIP_RENAMED,
        /** The {@code .partial} marker exists; extraction starts. */
        PARTIAL_CREATED,
        /** The tree is extracted into its temporary directory. */
        TREE_UNZIPPED,
        /** The tree has its final name, read-only. */
        TREE_RENAMED,
        /** The {@code .partial} marker is gone: the module is complete. */
        PARTIAL_REMOVED,
        /** A {@code .mod}, {@code .info} or {@code @latest} file has its final name. */
        FILE_RENAMED,
        /** The {@code @v/list} file was rewritten. */
        LIST_WRITTEN
    }

    private final Path root;
    private final boolean extract;
    private final boolean writableDirs;
    private final Consumer<Step> steps;
    private final ModuleCacheWriter writer;

    private DiskStore(Path root, boolean extract, boolean writableDirs, Consumer<Step> steps) {
        this.root = root;
        this.extract = extract;
        this.writableDirs = writableDirs;
        this.steps = steps;
        this.writer = new ModuleCacheWriter(root, steps, writableDirs);
    }

    /**
     * Returns a store over the module cache {@code gomodcache} (created when first written), which
     * extracts every zip it stores as the go command does.
     *
     * @throws IllegalArgumentException if the path is not absolute (the go command requires an
     *     absolute GOMODCACHE)
     */
    public static DiskStore of(Path gomodcache) {
        if (!gomodcache.isAbsolute()) {
            throw new IllegalArgumentException(
                    "GOMODCACHE entry is relative; must be absolute path: \"" + gomodcache + "\"."); // modfetch's words
        }
        return new DiskStore(gomodcache.normalize(), true, false, step -> {});
    }

    /**
     * Returns a copy that extracts stored zips into the tree the go command builds from ({@code true},
     * the default) or only keeps the download area, as a proxy needs ({@code false}).
     */
    public DiskStore withExtraction(boolean extract) {
        return new DiskStore(root, extract, writableDirs, steps);
    }

    /**
     * Returns a copy that leaves the directories it extracts writable ({@code true}, the go command's
     * {@code -modcacherw}, so that a CI job can delete the cache with {@code rm -rf}) or makes them
     * read-only ({@code false}, the default, as the go command does).
     */
    public DiskStore withWritableDirs(boolean writable) {
        return new DiskStore(root, extract, writable, steps);
    }

    /** Returns a copy that reports each durable write step to {@code listener} as it completes. */
    public DiskStore withSteps(Consumer<Step> listener) {
        return new DiskStore(root, extract, writableDirs, listener);
    }

    /** Returns the module cache directory. */
    public Path root() {
        return root;
    }

    /**
     * Returns the file that holds {@code key}: {@code cache/download/<key>} under the root.
     *
     * @throws IllegalArgumentException if {@code key} is not a valid {@link StoreKey}
     */
    public Path file(String key) {
        StoreKey.parse(key);
        return resolve(key);
    }

    /**
     * Returns the checksum-database cache file {@code file} ({@code <name>/lookup/...} or {@code
     * <name>/tile/...}), where the go command keeps it: under {@code cache/download/sumdb}.
     *
     * @throws IllegalArgumentException if the name leads outside that directory
     */
    public Path sumdbFile(String file) {
        Path dir = CachePaths.sumdbDir(root);
        Path path = dir.resolve(file).normalize();
        if (!path.startsWith(dir) || path.equals(dir)) {
            throw new IllegalArgumentException("invalid checksum-database file \"" + file + "\": outside the cache");
        }
        return path;
    }

    /** Writes checksum-database cache file {@code file} (see {@link #sumdbFile}) atomically and durably. */
    public void putSumdbFile(String file, byte[] data) throws IOException {
        Path path = sumdbFile(file);
        Files.createDirectories(path.getParent());
        AtomicFiles.write(path, data);
    }

    /** Returns the file of {@code key}, already parsed as a {@link StoreKey}. */
    private Path resolve(String key) {
        Path download = CachePaths.downloadDir(root);
        Path file = download.resolve(key).normalize();
        if (!file.startsWith(download)) {
            throw new IllegalArgumentException("invalid store key \"" + key + "\": outside the store");
        }
        return file;
    }

    /**
     * Returns the extracted tree of {@code mv} if it is complete by the go command's rule (the
     * directory exists, no {@code .partial} marker, a {@code .ziphash}); else empty.
     */
    public Optional<Path> extractedDir(ModuleVersion mv) {
        return writer.isExtracted(mv) ? Optional.of(new CachePaths(root, mv).dir()) : Optional.empty();
    }

    /**
     * Takes the lock the go command holds while it downloads and extracts {@code mv} ({@code
     * <version>.lock}); while it is held, neither a go command nor this store writes {@code mv}'s zip.
     */
    public Flock lockVersion(ModuleVersion mv) throws IOException {
        return writer.lockVersion(mv);
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        StoreKey k = StoreKey.parse(key);
        Path file = resolve(key);
        switch (k.kind()) {
            case LIST -> {
                return VersionLists.read(file).map(ByteArrayInputStream::new);
            }
            case MOD -> {
                // Read once (a graph reads thousands): the stale check and the content from the same bytes.
                try {
                    byte[] data = Files.readAllBytes(file);
                    return isStaleMod(data) ? Optional.empty() : Optional.of(new ByteArrayInputStream(data));
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                }
            }
            case ZIP -> completeQuietly(k.moduleVersion());
            default -> {}
        }
        try {
            return Optional.of(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Returns the file under {@code key} with its size, time and (for a zip) the hash of its {@code
     * .ziphash}; a {@code @v/list} is streamed (it is rebuilt as it is read).
     */
    @Override
    public Optional<StoredContent> content(String key) throws IOException {
        StoreKey k = StoreKey.parse(key);
        if (k.kind() == StoreKey.Kind.LIST || k.kind() == StoreKey.Kind.MOD) {
            return Store.super.content(key);
        }
        if (k.kind() == StoreKey.Kind.ZIP) {
            completeQuietly(k.moduleVersion());
        }
        Path file = file(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            String h1 = k.kind() == StoreKey.Kind.ZIP ? ziphash(k.moduleVersion()) : "";
            return Optional.of(new StoredContent.OnDisk(
                    file, attributes.size(), attributes.lastModifiedTime().toInstant(), h1));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Returns the hash in the {@code .ziphash} of {@code mv}, or {@code ""} when there is none usable. */
    private String ziphash(ModuleVersion mv) throws IOException {
        try {
            String h1 = Files.readString(new CachePaths(root, mv).ziphash(), StandardCharsets.UTF_8)
                    .strip();
            return h1.startsWith("h1:") ? h1 : "";
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /** Returns the module cache directory. */
    @Override
    public String describe() {
        return root.toString();
    }

    /** Counts the files under {@code cache/download}, the extracted trees left out. */
    @Override
    public Optional<StoreUsage> usage() throws IOException {
        return Optional.of(DownloadArea.scan(root).usage());
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        StoreKey k = StoreKey.parse(key);
        if (k.kind() == StoreKey.Kind.LIST) {
            return VersionLists.read(resolve(key)).map(b -> (long) b.length);
        }
        if (k.kind() == StoreKey.Kind.MOD && isStaleMod(resolve(key))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.size(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Stores {@code tmpFile} under {@code key} atomically. A {@code .zip} is hashed here for its
     * {@code .ziphash}; callers that already know the hash use {@link #putZip}.
     */
    @Override
    public void put(String key, Path tmpFile) throws IOException {
        StoreKey k = StoreKey.parse(key);
        Path file = resolve(key);
        Files.createDirectories(file.getParent());
        switch (k.kind()) {
            case LIST -> {
                VersionLists.write(file, Files.readAllBytes(tmpFile));
                Files.delete(tmpFile);
                step(Step.LIST_WRITTEN);
            }
            case ZIP -> putZip(k.moduleVersion(), tmpFile, DirHash.hashZip(tmpFile));
            case MOD -> {
                AtomicFiles.replace(tmpFile, file);
                step(Step.FILE_RENAMED);
                VersionLists.rewrite(file.getParent());
                step(Step.LIST_WRITTEN);
            }
            case INFO, LATEST -> {
                AtomicFiles.replace(tmpFile, file);
                step(Step.FILE_RENAMED);
            }
        }
    }

    /** Stores a verified zip as {@link #putZip(ModuleVersion, Path, String)} does. */
    @Override
    public void putZip(String key, Path tmpFile, String h1) throws IOException {
        StoreKey k = StoreKey.parse(key);
        if (k.kind() != StoreKey.Kind.ZIP) {
            throw new IllegalArgumentException("not a zip key: \"" + key + "\"");
        }
        putZip(k.moduleVersion(), tmpFile, h1);
    }

    /**
     * Stores the verified module zip {@code verifiedZip} of {@code mv}, whose {@code h1:} hash is
     * {@code h1}: {@code .ziphash}, {@code .zip} and (unless disabled) the extracted tree, under the
     * version lock. {@code verifiedZip} is consumed.
     */
    public void putZip(ModuleVersion mv, Path verifiedZip, String h1) throws IOException {
        file(StoreKey.zip(mv)); // validates the module version
        writer.putZip(mv, verifiedZip, h1, extract);
    }

    /**
     * Returns a new empty file under {@code cache/holdfast-tmp} in the module cache, on the same file
     * system as the store so that {@link #put} can rename it. A process killed before {@code put}
     * leaves it there; nothing reads that directory.
     */
    @Override
    public Path tempFile() throws IOException {
        Path dir = TempArea.dirFor(root.resolve("cache/holdfast-tmp"));
        return AtomicFiles.createSibling(
                dir.resolve("t" + ThreadLocalRandom.current().nextInt(1_000_000)));
    }

    /** The go command ignores cached go.mod files left by vgo prototypes (cache.go readDiskGoMod). */
    private static final byte[] STALE_MOD = "//vgo 0.0.".getBytes(StandardCharsets.UTF_8);

    private static boolean isStaleMod(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return isStaleMod(in.readNBytes(STALE_MOD.length));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Reports whether go.mod bytes from a module cache are a vgo prototype's, which the go command treats
     * as absent ({@code readDiskGoMod}).
     */
    public static boolean isStaleMod(byte[] data) {
        return Arrays.equals(data, 0, Math.min(data.length, STALE_MOD.length), STALE_MOD, 0, STALE_MOD.length);
    }

    private void completeQuietly(ModuleVersion mv) {
        if (writer.isExtracted(mv) || (!extract && Files.exists(new CachePaths(root, mv).ziphash()))) {
            return;
        }
        try {
            writer.complete(mv, extract);
        } catch (IOException | RuntimeException e) {
            // The stored zip is valid whatever happened to its tree; serve it anyway.
            LOG.debug("could not complete {} in {}", mv, root, e);
        }
    }

    private void step(Step step) {
        steps.accept(step);
    }
}
