package dev.holdfast.conformance.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.fetch.ModuleCacheSource;
import dev.holdfast.fetch.RevInfo;
import dev.holdfast.fetch.ZipTarget;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModuleCacheSource} over a module cache the go command filled: its list equals the {@code list}
 * file the go command keeps, its info, go.mod and zip are the bytes the go command stored, and its
 * latest is what {@code go list -m M@latest} picks when the cache's download area is the proxy.
 */
class ModuleCacheSourceConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Map<String, List<String>> modules() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("example.com/cached", List.of("v1.0.0", "v1.1.0", "v1.2.0-rc.1", "v0.9.0"));
        m.put("example.com/prerel", List.of("v0.1.0-alpha", "v0.1.0-beta.2"));
        m.put("example.com/Upper/Case", List.of("v1.0.0", "v1.0.1-RC1"));
        m.put(
                "example.com/pseudo",
                List.of("v0.0.0-20200101000000-abcdefabcdef", "v0.0.0-20210101000000-bcdefabcdef0"));
        return m;
    }

    @Test
    void servesWhatTheGoCommandCached() throws IOException {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        Path tree = tmp.resolve("proxy");
        List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
        try (LocalOrigin origin = LocalOrigin.open()) {
            long t = 0;
            for (var e : modules().entrySet()) {
                for (String v : e.getValue()) {
                    origin.add(
                            e.getKey(),
                            v,
                            Instant.parse("2022-01-01T00:00:00Z").plusSeconds(t++),
                            Upstreams.mod(e.getKey()),
                            Upstreams.zip(e.getKey(), v));
                    args.add(e.getKey() + "@" + v);
                }
            }
            origin.writeTo(tree);
        }
        Map<String, String> env = Map.of("GOPROXY", "file://" + tree, "GOFLAGS", "-mod=mod -modcacherw");
        sandbox.run(tmp, env, args.toArray(String[]::new)).checkSuccess();

        Path cache = sandbox.modCache();
        ModuleCacheSource source = new ModuleCacheSource(cache);
        Path download = cache.resolve("cache/download");
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (var e : modules().entrySet()) {
            String path = e.getKey();
            Path dir = download.resolve(ModulePath.escape(path)).resolve("@v");
            compared++;
            List<String> goList = Files.readAllLines(dir.resolve("list"));
            // Holdfast also lists versions with upper-case letters, which the go command's list file
            // drops (it checks the escaped file name); everything else must be the same, in order.
            List<String> ours = source.list(path).stream()
                    .filter(v -> ModulePath.escapeVersion(v).equals(v))
                    .toList();
            if (!ours.equals(goList) || !source.list(path).containsAll(e.getValue())) {
                mismatches.add(path + " list: holdfast=" + source.list(path) + " go=" + goList);
            }
            for (String v : e.getValue()) {
                ModuleVersion mv = new ModuleVersion(path, v);
                String base = ModulePath.escapeVersion(v);
                compared += 3;
                RevInfo info = source.info(mv);
                if (!info.version().equals(v)) {
                    mismatches.add(mv + " info version " + info.version());
                }
                if (!Arrays.equals(source.mod(mv), Files.readAllBytes(dir.resolve(base + ".mod")))) {
                    mismatches.add(mv + " go.mod differs");
                }
                ZipTarget target = new ZipTarget(tmp.resolve("out.zip"));
                source.zip(mv, target);
                if (!Arrays.equals(Files.readAllBytes(target.file()), Files.readAllBytes(dir.resolve(base + ".zip")))) {
                    mismatches.add(mv + " zip differs");
                }
            }
            compared++;
            String goLatest = goLatest(sandbox, download, path);
            String latest = source.latest(path).version();
            if (!latest.equals(goLatest)) {
                mismatches.add(path + " latest: holdfast=" + latest + " go=" + goLatest);
            }
        }
        ConformanceReport.record(
                "fetch",
                "ModuleCacheSource list/info/mod/zip/latest vs the go command's module cache and go list -m @latest",
                compared,
                compared - mismatches.size());
        assertThat(mismatches).isEmpty();
    }

    /** Returns what {@code go list -m path@latest} resolves to with the cache's download area as the proxy. */
    private String goLatest(GoToolchain.Sandbox sandbox, Path download, String path) throws IOException {
        GoToolchain.Sandbox other = GoToolchain.get().sandbox(tmp.resolve("latest-" + path.replace('/', '_')));
        GoToolchain.Run run = other.run(
                        tmp,
                        Map.of("GOPROXY", "file://" + download, "GOFLAGS", "-mod=mod -modcacherw"),
                        "list",
                        "-m",
                        "-json",
                        path + "@latest")
                .checkSuccess();
        JsonNode json = JSON.readTree(run.stdout());
        return json.path("Version").asText();
    }
}
