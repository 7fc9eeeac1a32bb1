package dev.holdfast.conformance.zip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GOPROXY served from files ({@code file://}): {@code <escaped path>/@v/list}, {@code <v>.info},
 * {@code <v>.mod} and {@code <v>.zip}, plus a way to run {@code go mod download -json} against it.
 */
public final class FileProxy {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path root;

    /** Creates an empty proxy directory at root. */
    public FileProxy(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    /** Returns the GOPROXY value for this proxy. */
    public String url() {
        return root.toUri().toString();
    }

    /** Adds one module version; the zip file is copied. */
    public void add(ModuleVersion mv, byte[] mod, Path zip) throws IOException {
        Path dir = Files.createDirectories(
                root.resolve(ModulePath.escape(mv.path())).resolve("@v"));
        String v = ModulePath.escapeVersion(mv.version());
        Files.write(dir.resolve(v + ".mod"), mod);
        Files.copy(zip, dir.resolve(v + ".zip"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(
                dir.resolve(v + ".info"), "{\"Version\":\"" + mv.version() + "\",\"Time\":\"2024-01-01T00:00:00Z\"}");
        Path list = dir.resolve("list");
        String old = Files.exists(list) ? Files.readString(list) : "";
        Files.writeString(list, old + mv.version() + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code go mod download -json} for the given versions in a sandbox and returns the go
     * command's JSON object for each, keyed by {@code path@version}.
     */
    public Map<String, JsonNode> download(GoToolchain.Sandbox sandbox, Path workDir, List<ModuleVersion> mvs)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
        for (ModuleVersion mv : mvs) {
            args.add(mv.path() + "@" + mv.version());
        }
        Files.createDirectories(workDir);
        GoToolchain.Run run = sandbox.run(workDir, Map.of("GOPROXY", url()), args.toArray(String[]::new));
        Map<String, JsonNode> byModule = new LinkedHashMap<>();
        try (var values = JSON.readerFor(JsonNode.class).<JsonNode>readValues(run.stdout())) {
            while (values.hasNext()) {
                JsonNode node = values.next();
                byModule.put(
                        node.path("Path").asText() + "@" + node.path("Version").asText(), node);
            }
        }
        if (byModule.size() != mvs.size()) {
            throw new AssertionError("go mod download reported " + byModule.size() + " of " + mvs.size() + " modules\n"
                    + run.describe());
        }
        return byModule;
    }
}
