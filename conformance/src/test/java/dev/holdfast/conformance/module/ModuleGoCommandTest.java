package dev.holdfast.conformance.module;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks {@link ModulePath#escape} and {@link ModulePath#escapeVersion} against where the real go command
 * looks for modules on a proxy and where it stores them in its module cache, for mixed-case paths and
 * versions downloaded with {@code go mod download -json} from a {@code file://} proxy.
 */
class ModuleGoCommandTest {

    @TempDir
    Path tmp;

    static List<ModuleVersion> modules() {
        List<ModuleVersion> list = new ArrayList<>(List.of(
                new ModuleVersion("example.com/Foo/BAR", "v1.0.0-RC1"),
                new ModuleVersion("example.com/foo/bar", "v1.0.0-rc1"),
                new ModuleVersion("example.com/mIxEd/Case~x_y.z", "v1.2.3-Beta.2"),
                new ModuleVersion("example.com/A/b/C/v2", "v2.0.0-ALPHA"),
                new ModuleVersion("example.com/UPPER", "v0.0.0-20200102030405-ABCDEF123456"),
                new ModuleVersion("example.com/Inc", "v3.0.0-RC+incompatible"),
                new ModuleVersion("example.com/lower/V2", "v1.0.0")));
        Random random = new Random(42);
        String letters = "abcxyzABCXYZ";
        for (int i = 0; i < 18; i++) {
            StringBuilder elem = new StringBuilder();
            StringBuilder pre = new StringBuilder();
            for (int k = 0; k < 6; k++) {
                elem.append(letters.charAt(random.nextInt(letters.length())));
                pre.append(letters.charAt(random.nextInt(letters.length())));
            }
            list.add(new ModuleVersion("example.com/gen" + i + "/" + elem, "v1." + i + ".0-" + pre));
        }
        return list;
    }

    @Test
    void download_landsAtEscapedCachePaths() throws IOException {
        List<ModuleVersion> modules = modules();
        FileProxy proxy = new FileProxy(tmp.resolve("proxy"));
        List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
        for (ModuleVersion m : modules) {
            proxy.writeList(m.path(), List.of(m.version()));
            proxy.writeInfoAndMod(m.path(), m.version());
            Map<String, String> files = new LinkedHashMap<>();
            if (!m.version().endsWith("+incompatible")) { // an +incompatible version has no go.mod
                files.put("go.mod", "module " + m.path() + "\n");
            }
            files.put("x.go", "package x\n");
            proxy.writeZip(m.path(), m.version(), files);
            args.add(m.toString());
        }
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        GoToolchain.Run run = sandbox.run(
                tmp, Map.of("GOPROXY", proxy.url(), "GOFLAGS", "-mod=mod -modcacherw"), args.toArray(String[]::new));
        Map<String, JsonNode> byModule = parseJsonStream(run.stdout());

        Path cache = sandbox.modCache();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (ModuleVersion m : modules) {
            JsonNode info = byModule.get(m.toString());
            String escapedPath = ModulePath.escape(m.path());
            String escapedVersion = ModulePath.escapeVersion(m.version());
            Path zip = cache.resolve("cache/download").resolve(escapedPath).resolve("@v/" + escapedVersion + ".zip");
            Path dir = cache.resolve(escapedPath + "@" + escapedVersion);
            compared += 2;
            if (info == null || info.has("Error")) {
                mismatches.add(m + ": go reported " + info);
                continue;
            }
            check(mismatches, m + " Zip", zip, info.path("Zip").asText());
            check(mismatches, m + " Dir", dir, info.path("Dir").asText());
        }
        ConformanceReport.record(
                "module",
                "go mod download -json: cache paths = escape(path), escapeVersion(v)",
                compared,
                compared - mismatches.size());
        assertThat(mismatches).as(run.describe()).isEmpty();
    }

    private static void check(List<String> mismatches, String what, Path want, String got) {
        if (!Path.of(got).equals(want)) {
            mismatches.add(what + ": go " + got + " | holdfast " + want);
        } else if (!Files.exists(want)) {
            mismatches.add(what + ": " + want + " does not exist");
        }
    }

    /** Parses the concatenated JSON objects that {@code go mod download -json} prints, by {@code Path@Version}. */
    private static Map<String, JsonNode> parseJsonStream(String stdout) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (JsonParser parser = json.createParser(stdout);
                MappingIterator<JsonNode> it = json.readValues(parser, JsonNode.class)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                out.put(
                        new ModuleVersion(
                                        node.path("Path").asText(),
                                        node.path("Version").asText())
                                .toString(),
                        node);
            }
        }
        return out;
    }
}
