package dev.holdfast.store;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore.Step;
import dev.holdfast.zip.ModuleZip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a module version's zip into a module cache the way the go command does (cmd/go
 * modfetch/fetch.go {@code downloadZip}, {@code hashZip} and {@code unzip}), under the same {@code
 * <version>.lock} flock so a go command running at the same time waits for it and it for the go
 * command.
 *
 * <p>Order matters for what a killed process leaves behind. The {@code .ziphash} is written before
 * the {@code .zip} is renamed into place (as the go command does), so a lone {@code .zip} never
 * lacks its hash, which {@code go mod verify} would report as {@code missing ziphash}. The tree is
 * extracted under a {@code .partial} marker, which the go command reads as "not there yet" and
 * replaces. Every file is renamed into place after an fsync; nothing half-written ever has a final
 * name.
 */
final class ModuleCacheWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ModuleCacheWriter.class);

    private final Path root;
    private final Consumer<Step> steps;
    private final boolean writableDirs;

    /** Writes under {@code root}, reporting to {@code steps}; extracted directories stay writable if {@code writableDirs}. */
    ModuleCacheWriter(Path root, Consumer<Step> steps, boolean writableDirs) {
        this.root = root;
        this.steps = steps;
        this.writableDirs = writableDirs;
    }

    /** Returns the version lock the go command takes for downloading and extracting {@code mv}. */
    Flock lockVersion(ModuleVersion mv) throws IOException {
        Path lock = new CachePaths(root, mv).lock();
        Files.createDirectories(lock.getParent());
        return Flock.lock(lock);
    }

    /**
     * Stores a verified zip with hash {@code h1}: the {@code .ziphash}, then the {@code .zip}, then,
     * when {@code extract}, the read-only tree. {@code verifiedZip} is consumed.
     */
    void putZip(ModuleVersion mv, Path verifiedZip, String h1, boolean extract) throws IOException {
        CachePaths p = new CachePaths(root, mv);
        try (Flock lock = lockVersion(mv)) {
            removeLeftovers(p.zip().getParent(), p.zip().getFileName() + "", ".tmp");
            String old = readZiphash(p);
            if (old != null && !old.equals(h1)) {
                removeTree(p); // extracted from different bytes: extract again below
            }
            AtomicFiles.write(p.ziphash(), h1.getBytes(StandardCharsets.UTF_8));
            step(Step.ZIPHASH_WRITTEN, p.ziphash());
            AtomicFiles.replace(verifiedZip, p.zip());
            step(Step.ZIP_RENAMED, p.zip());
            if (extract) {
                extractLocked(p);
            }
        }
    }

    /**
     * Reports whether the extracted tree of {@code mv} is complete by the go command's rule ({@code
     * DownloadDir}): the directory exists, no {@code .partial} marker does, and the {@code .ziphash}
     * does.
     */
    boolean isExtracted(ModuleVersion mv) {
        CachePaths p = new CachePaths(root, mv);
        return Files.isDirectory(p.dir()) && !Files.exists(p.partial()) && Files.exists(p.ziphash());
    }

    /**
     * Completes what an interrupted writer (Holdfast or the go command) left of {@code mv}: a missing
     * or invalid {@code .ziphash} is recomputed from the stored zip (which was verified before it got
     * its name), and, when {@code extract}, the tree is extracted. Does nothing without a zip.
     */
    void complete(ModuleVersion mv, boolean extract) throws IOException {
        CachePaths p = new CachePaths(root, mv);
        if (!Files.exists(p.zip())) {
            return;
        }
        try (Flock lock = lockVersion(mv)) {
            if (!Files.exists(p.zip())) {
                return;
            }
            removeLeftovers(p.zip().getParent(), p.zip().getFileName() + "", ".tmp");
            if (readZiphash(p) == null) {
                AtomicFiles.write(p.ziphash(), DirHash.hashZip(p.zip()).getBytes(StandardCharsets.UTF_8));
                step(Step.ZIPHASH_WRITTEN, p.ziphash());
            }
            if (extract) {
                extractLocked(p);
            }
        }
    }

    /** Extracts the zip as the go command's {@code unzip} does; the caller holds the version lock. */
    private void extractLocked(CachePaths p) throws IOException {
        if (isExtracted(p.mv())) {
            return; // re-check under the lock: someone else finished it
        }
        removeLeftovers(p.dir().getParent(), p.dirTempPrefix(), "");
        removeTree(p);
        Files.write(p.partial(), new byte[0]);
        AtomicFiles.fsyncDirectory(p.partial().getParent());
        step(Step.PARTIAL_CREATED, p.partial());
        Path tmp = p.dir()
                .resolveSibling(p.dirTempPrefix() + ThreadLocalRandom.current().nextInt(1_000_000_000));
        try {
            ModuleZip.unzip(tmp, p.mv(), p.zip());
            step(Step.TREE_UNZIPPED, tmp);
            if (!writableDirs) {
                ReadOnlyTrees.makeDirsReadOnly(tmp); // unless -modcacherw
            }
            Files.move(tmp, p.dir(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            ReadOnlyTrees.removeAll(tmp);
            Files.deleteIfExists(p.partial());
            throw e;
        }
        AtomicFiles.fsyncDirectory(p.dir().getParent());
        step(Step.TREE_RENAMED, p.dir());
        Files.delete(p.partial());
        AtomicFiles.fsyncDirectory(p.partial().getParent());
        step(Step.PARTIAL_REMOVED, p.partial());
    }

    /** Removes the extracted tree, complete or not. */
    private static void removeTree(CachePaths p) throws IOException {
        ReadOnlyTrees.removeAll(p.dir());
    }

    /** Returns the {@code .ziphash} content if it is valid by the go command's rule, else null. */
    private static String readZiphash(CachePaths p) throws IOException {
        String text;
        try {
            text = Files.readString(p.ziphash(), StandardCharsets.ISO_8859_1).strip();
        } catch (NoSuchFileException e) {
            return null;
        }
        // fetch.go isValidSum: no NUL byte and exactly "h1:" plus 44 base64 characters
        return text.indexOf('\0') < 0 && text.length() == 47 ? text : null;
    }

    /**
     * Deletes entries of {@code dir} named {@code prefix*suffix}: what killed writers left. Only safe
     * under the version lock, which every writer of these names holds.
     */
    private static void removeLeftovers(Path dir, String prefix, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var entries = Files.newDirectoryStream(dir, e -> {
            String name = e.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(suffix) && name.length() > prefix.length();
        })) {
            for (Path leftover : entries) {
                LOG.debug("removing leftover {}", leftover);
                ReadOnlyTrees.removeAll(leftover);
            }
        }
    }

    private void step(Step step, Path file) {
        LOG.debug("{}: {}", step, file);
        steps.accept(step);
    }
}
