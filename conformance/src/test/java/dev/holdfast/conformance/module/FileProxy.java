package dev.holdfast.conformance.module;

import dev.holdfast.module.ModulePath;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A static GOPROXY tree on disk, served to the go command through a {@code file://} URL. File names are
 * laid out with Holdfast's own escaping, so a wrong escape shows up as a module the go command cannot
 * find.
 */
public record FileProxy(Path root) {

    /** Returns the {@code GOPROXY} value for this tree. */
    public String url() {
        String uri = root.toUri().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** Returns the {@code @v} directory of module {@code path}. */
    public Path versionDir(String path) {
        return root.resolve(ModulePath.escape(path)).resolve("@v");
    }

    /** Writes {@code @v/list} for {@code path}, one line per entry, in the given order. */
    public void writeList(String path, List<String> lines) {
        write(versionDir(path).resolve("list"), String.join("\n", lines) + "\n");
    }

    /** Writes the {@code .info} and {@code .mod} files of {@code path@version}. */
    public void writeInfoAndMod(String path, String version) {
        String base = ModulePath.escapeVersion(version);
        write(
                versionDir(path).resolve(base + ".info"),
                "{\"Version\":\"" + version + "\",\"Time\":\"2020-01-02T03:04:05Z\"}\n");
        write(versionDir(path).resolve(base + ".mod"), "module " + path + "\n");
    }

    /** Writes the module zip of {@code path@version}: each file under the {@code path@version/} prefix. */
    public void writeZip(String path, String version, Map<String, String> files) {
        Path zip = versionDir(path).resolve(ModulePath.escapeVersion(version) + ".zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(path + "@" + version + "/" + f.getKey()));
                z.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
