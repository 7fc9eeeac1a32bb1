package dev.holdfast.store;

import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import java.nio.file.Path;

/**
 * Where the go command keeps the files of one module version in a module cache (cmd/go
 * modfetch/cache.go {@code CachePath} and {@code DownloadDir}): {@code
 * cache/download/<escaped path>/@v/<escaped version>.<suffix>} and the extracted tree {@code
 * <escaped path>@<escaped version>/}.
 *
 * @param root the module cache ({@code GOMODCACHE}), absolute
 * @param mv the module version; its version is canonical
 */
public record CachePaths(Path root, ModuleVersion mv) {
    /** Returns the download area of module cache {@code root}: {@code cache/download}. */
    public static Path downloadDir(Path root) {
        return root.resolve("cache/download");
    }

    /** Returns where module cache {@code root} keeps checksum-database tiles: {@code cache/download/sumdb}. */
    public static Path sumdbDir(Path root) {
        return downloadDir(root).resolve("sumdb");
    }

    /** Returns the directory holding a module's {@code @v} files. */
    public static Path versionsDir(Path root, String modulePath) {
        return downloadDir(root).resolve(ModulePath.escape(modulePath)).resolve("@v");
    }

    /** Returns {@code @v/<escaped version>.<suffix>}. */
    public Path file(String suffix) {
        return versionsDir(root, mv.path()).resolve(ModulePath.escapeVersion(mv.version()) + "." + suffix);
    }

    Path zip() {
        return file("zip");
    }

    Path ziphash() {
        return file("ziphash");
    }

    Path lock() {
        return file("lock");
    }

    Path partial() {
        return file("partial");
    }

    /** Returns the extracted tree, {@code <escaped path>@<escaped version>}. */
    public Path dir() {
        return root.resolve(ModulePath.escape(mv.path()) + "@" + ModulePath.escapeVersion(mv.version()));
    }

    /** Returns the prefix that names, in the go command's clean-up, temporary trees of {@link #dir}. */
    String dirTempPrefix() {
        return dir().getFileName() + ".tmp-";
    }
}
