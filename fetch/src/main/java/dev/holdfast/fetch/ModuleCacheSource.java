package dev.holdfast.fetch;

import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.module.PseudoVersion;
import dev.holdfast.semver.Semver;
import dev.holdfast.store.CachePaths;
import dev.holdfast.store.DiskStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The download area of a local module cache ({@code $GOMODCACHE/cache/download}, spec section 9) as a
 * source of last resort: it serves what the go command (or Holdfast) downloaded before, and says "not
 * found" for everything else. The go command cannot fall back to its cache (golang/go#43646); put this
 * source at the end of a {@link FallbackSource} to do so.
 *
 * <p>{@code list} names the versions with a {@code .mod} file (a version without one is unusable), as the
 * {@code list} file the go command keeps, semver-sorted; unlike that file it also names versions with
 * upper-case letters (the go command checks the escaped file name, {@code v1.0.0-!r!c1}, and drops
 * them). {@code
 * latest} is the highest release among them, else the highest pre-release, else the highest
 * pseudo-version; {@code info}, {@code mod} and {@code zip} read the version's files. Only canonical
 * versions are served, stale {@code //vgo 0.0.} go.mod files and unreadable {@code .info} files count as
 * absent, and nothing is ever written to the cache. Thread-safe.
 */
public final class ModuleCacheSource implements ModuleSource {
    private final Path modCache;
    private final Path download;

    /** Returns a source reading the module cache at {@code modCache} (a GOMODCACHE directory). */
    public ModuleCacheSource(Path modCache) {
        this.modCache = modCache;
        this.download = CachePaths.downloadDir(modCache);
    }

    @Override
    public List<String> list(String path) throws IOException {
        Path dir = versionDir(path);
        Set<String> versions = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String version = versionOf(f.getFileName().toString());
                if (version != null) {
                    versions.add(version);
                }
            }
        } catch (NoSuchFileException e) {
            throw notFound(path, "", dir);
        }
        return Semver.sort(versions);
    }

    @Override
    public RevInfo latest(String path) throws IOException {
        String latest = PseudoVersion.latestOf(list(path)).orElseThrow(() -> notFound(path, "", versionDir(path)));
        return info(new ModuleVersion(path, latest));
    }

    @Override
    public RevInfo info(ModuleVersion mv) throws IOException {
        Path file = file(mv, ".info");
        try {
            return RevInfoJson.parse(read(mv, file));
        } catch (IllegalArgumentException e) {
            throw notFound(mv.path(), mv.version(), file); // the go command ignores a damaged .info
        }
    }

    @Override
    public byte[] mod(ModuleVersion mv) throws IOException {
        Path file = file(mv, ".mod");
        byte[] data = read(mv, file);
        if (DiskStore.isStaleMod(data)) {
            throw notFound(mv.path(), mv.version(), file);
        }
        return data;
    }

    @Override
    public void zip(ModuleVersion mv, ZipTarget target) throws IOException {
        Path file = file(mv, ".zip");
        target.reset();
        try {
            Files.copy(file, target.file(), StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            if (e.getFile() != null && Path.of(e.getFile()).equals(file)) {
                throw notFound(mv.path(), mv.version(), file);
            }
            throw e;
        }
    }

    @Override
    public String describe() {
        return "module cache " + modCache;
    }

    @Override
    public String toString() {
        return "ModuleCacheSource[" + modCache + "]";
    }

    private Path versionDir(String path) {
        return download.resolve(ModulePath.escape(path)).resolve("@v");
    }

    /** Returns the cache file of {@code mv} with {@code suffix}; a non-canonical version has none. */
    private Path file(ModuleVersion mv, String suffix) throws ModuleNotFoundException {
        Path dir = versionDir(mv.path());
        if (!mv.version().equals(ModulePath.canonicalVersion(mv.version()))) {
            throw notFound(mv.path(), mv.version(), dir);
        }
        return dir.resolve(ModulePath.escapeVersion(mv.version()) + suffix);
    }

    private static byte[] read(ModuleVersion mv, Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw notFound(mv.path(), mv.version(), file);
        }
    }

    /** Returns the canonical version a {@code .mod} file is for, or null. */
    private static String versionOf(String name) {
        int dot = name.endsWith(".mod") ? name.length() - 4 : -1;
        if (dot <= 0) {
            return null;
        }
        try {
            String v = ModulePath.unescapeVersion(name.substring(0, dot));
            return v.equals(ModulePath.canonicalVersion(v)) ? v : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ModuleNotFoundException notFound(String path, String version, Path where) {
        return new ModuleNotFoundException(ModuleFailures.prefix(path, version) + "not in module cache: " + where);
    }
}
