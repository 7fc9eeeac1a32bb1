package dev.holdfast.conformance.query;

import dev.holdfast.module.ModulePath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One module as a {@code file://} GOPROXY serves it: the raw {@code @v/list} lines (null: no list, the
 * module is unknown), the files of each version, and the {@code @latest} answer (null: none, so the
 * client falls back to the list).
 *
 * @param path the module path
 * @param list the lines of {@code @v/list}, served as is (junk and pseudo-versions included)
 * @param versions the files of each version, by version
 * @param latest the version whose {@code .info} is served as {@code @latest}, or null
 */
record ProxyModule(String path, List<String> list, Map<String, VersionFiles> versions, String latest) {

    /**
     * The files of one version; a null member is not served.
     *
     * @param info the {@code .info} JSON
     * @param mod the {@code .mod} file
     * @param zip the zip's files by name relative to the module root; a name starting with {@code /}
     *     is used as the whole entry name (as the go command's test proxy does)
     */
    record VersionFiles(String info, byte[] mod, Map<String, byte[]> zip) {}

    /** Writes this module under {@code root} in proxy layout. */
    void write(Path root) throws IOException {
        Path module = root.resolve(ModulePath.escape(path));
        Path dir = Files.createDirectories(module.resolve("@v"));
        if (list != null) {
            Files.writeString(dir.resolve("list"), list.isEmpty() ? "" : String.join("\n", list) + "\n");
        }
        for (Map.Entry<String, VersionFiles> e : versions.entrySet()) {
            String v = ModulePath.escapeVersion(e.getKey());
            VersionFiles f = e.getValue();
            if (f.info() != null) {
                Files.writeString(dir.resolve(v + ".info"), f.info(), StandardCharsets.UTF_8);
            }
            if (f.mod() != null) {
                Files.write(dir.resolve(v + ".mod"), f.mod());
            }
            if (f.zip() != null) {
                writeZip(dir.resolve(v + ".zip"), path + "@" + e.getKey() + "/", f.zip());
            }
        }
        if (latest != null
                && versions.containsKey(latest)
                && versions.get(latest).info() != null) {
            Files.writeString(module.resolve("@latest"), versions.get(latest).info(), StandardCharsets.UTF_8);
        }
    }

    private static void writeZip(Path zip, String prefix, Map<String, byte[]> files) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                String name = f.getKey().startsWith("/") ? f.getKey().substring(1) : prefix + f.getKey();
                z.putNextEntry(new ZipEntry(name));
                z.write(f.getValue());
                z.closeEntry();
            }
        }
    }

    /** Returns {@code .info} JSON for {@code version} at {@code time} (RFC 3339, or null for none). */
    static String info(String version, String time) {
        return time == null
                ? "{\"Version\":\"" + version + "\"}\n"
                : "{\"Version\":\"" + version + "\",\"Time\":\"" + time + "\"}\n";
    }
}
