package dev.holdfast.conformance.store;

import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A GOPROXY as a directory tree ({@code file://}), written file by file so tests control every byte
 * of the {@code .info}, {@code .mod} and {@code .zip} answers.
 */
final class ProxyDir {
    private final Path root;

    ProxyDir(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    Path root() {
        return root;
    }

    /** Returns the GOPROXY value naming this tree. */
    String url() {
        return root.toUri().toString();
    }

    /** Returns the file answering {@code <escaped path>/@v/<escaped version>.<ext>}. */
    Path file(ModuleVersion mv, String ext) {
        return root.resolve(ModulePath.escape(mv.path()))
                .resolve("@v")
                .resolve(ModulePath.escapeVersion(mv.version()) + "." + ext);
    }

    /**
     * Adds {@code mv} with the given files (path to content, relative to the module root; a go.mod
     * naming the module is added unless given) and {@code .info} JSON; returns the zip file.
     */
    Path add(ModuleVersion mv, Map<String, byte[]> files, String infoJson) throws IOException {
        List<ZipFileSource> sources = new ArrayList<>();
        byte[] mod = files.getOrDefault("go.mod", ("module " + mv.path() + "\n").getBytes(StandardCharsets.UTF_8));
        sources.add(ZipFileSource.of("go.mod", mod));
        files.forEach((name, data) -> {
            if (!name.equals("go.mod")) {
                sources.add(ZipFileSource.of(name, data));
            }
        });
        Path zip = file(mv, "zip");
        Files.createDirectories(zip.getParent());
        try (OutputStream out = Files.newOutputStream(zip)) {
            ModuleZip.create(mv, sources, out);
        }
        Files.write(file(mv, "mod"), mod);
        Files.writeString(file(mv, "info"), infoJson);
        Files.writeString(
                zip.resolveSibling("list"), mv.version() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return zip;
    }

    /** Adds {@code mv} with a go.mod and one Go file. */
    Path add(ModuleVersion mv) throws IOException {
        return add(
                mv,
                Map.of("p.go", ("package p // " + mv + "\n").getBytes(StandardCharsets.UTF_8)),
                "{\"Version\":\"" + mv.version() + "\",\"Time\":\"2024-01-01T00:00:00Z\"}");
    }
}
