package dev.holdfast.cli;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The module cache files of one module version, as the fields of {@code go mod download -json}. */
final class ModuleFiles {
    private ModuleFiles() {}

    /**
     * Returns Path, Version, Info (when cached), GoMod, Zip, Dir (when extracted), Sum and GoModSum of
     * {@code mv}, whose go.mod and zip are in {@code cache}.
     */
    static Map<String, Object> describe(DiskStore cache, ModuleVersion mv) throws IOException {
        return describe(cache, mv, null);
    }

    /**
     * Returns the fields of {@link #describe(DiskStore, ModuleVersion)} for {@code mv} fetched as {@code
     * query}: with Query when it is not the version, and Info always, as {@code go mod download -json
     * M@Q} names them (the go command writes the {@code .info} of what it resolved); {@code query} null
     * for a version the build list named.
     */
    static Map<String, Object> describe(DiskStore cache, ModuleVersion mv, String query) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Path", mv.path());
        fields.put("Version", mv.version());
        if (query != null && !query.equals(mv.version())) {
            fields.put("Query", query);
        }
        Path info = cache.file(StoreKey.info(mv));
        if (query != null || Files.isRegularFile(info)) {
            fields.put("Info", info.toString());
        }
        Path mod = cache.file(StoreKey.mod(mv));
        fields.put("GoMod", mod.toString());
        Path zip = cache.file(StoreKey.zip(mv));
        fields.put("Zip", zip.toString());
        cache.extractedDir(mv).ifPresent(dir -> fields.put("Dir", dir.toString()));
        Path ziphash = zip.resolveSibling(zip.getFileName().toString().replaceFirst("\\.zip$", ".ziphash"));
        fields.put(
                "Sum",
                Files.isRegularFile(ziphash)
                        ? Files.readString(ziphash, StandardCharsets.UTF_8).strip()
                        : DirHash.hashZip(zip));
        fields.put("GoModSum", DirHash.hashGoMod(Files.readAllBytes(mod)));
        return fields;
    }

    /** Returns {@code {"Path", "Version", "Error"}} for a module version that could not be had. */
    static Map<String, Object> error(ModuleVersion mv, String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Path", mv.path());
        if (!mv.version().isEmpty()) {
            fields.put("Version", mv.version());
        }
        fields.put("Error", message);
        return fields;
    }
}
