package dev.holdfast.conformance.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code holdfast download} against {@code go mod download}: on a generated project with real Go code,
 * Holdfast fills an empty module cache from a local origin; then the go command builds and runs the
 * project from that cache with {@code GOPROXY=off}, its {@code go mod download -json} (offline, so it
 * must find everything in Holdfast's cache) reports the same module versions and hashes, and the cache
 * holds the same go.mod files as the go command's own {@code go mod download} leaves in a fresh cache.
 * Both a pruned (go 1.21) and an unpruned (go 1.16) main module, with a version replacement.
 */
@Timeout(180)
class DownloadConformanceTest {
    @TempDir
    Path dir;

    static TestModules universe() {
        return new TestModules()
                .add("c", "v1.0.0", "")
                .add("c", "v1.1.0", "")
                .add("b", "v1.0.0", "", "c@v1.0.0")
                .add("b", "v1.1.0", "", "c@v1.1.0")
                .add("a", "v1.0.0", "", "b@v1.0.0")
                .add("a", "v1.1.0", "", "b@v1.1.0")
                .add("d", "v1.0.0", "")
                .add("e", "v1.0.0", "")
                .add("e", "v1.1.0", "")
                .add("f", "v1.0.0", "", "c@v1.0.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.21", "1.16"})
    void download_thenGoOffline_buildsAndAgrees(String goVersion) throws Exception {
        TestModules universe = universe();
        Path proxy = dir.resolve("proxy");
        GoToolchain.Sandbox tidy = GoToolchain.get().sandbox(dir.resolve("go-tidy"));
        try (LocalOrigin origin = universe.serve(LocalOrigin.open())) {
            origin.writeTo(proxy);
            Path project = dir.resolve("app");
            TestModules.writeProject(
                    project,
                    goVersion,
                    "replace example.com/dl/e v1.0.0 => example.com/dl/e v1.1.0",
                    tidy,
                    proxy,
                    "a@v1.0.0",
                    "d@v1.0.0",
                    "e@v1.0.0",
                    "f@v1.0.0");
            byte[] goMod = Files.readAllBytes(project.resolve("go.mod"));
            byte[] goSum = Files.readAllBytes(project.resolve("go.sum"));
            Path cache = dir.resolve("holdfast-cache");

            HoldfastCli.Run run = HoldfastCli.run(
                    HoldfastCli.env(cache, origin.url()), "download", "--json", "-C", project.toString());

            assertThat(run.exitCode()).as(run.describe()).isZero();
            Map<String, JsonNode> holdfast = new TreeMap<>();
            for (JsonNode o : run.json()) {
                if (o.has("Path")) {
                    holdfast.put(o.get("Path").asText() + "@" + o.get("Version").asText(), o);
                }
            }
            GoToolchain.Sandbox offline = GoToolchain.get().sandbox(dir.resolve("go-offline"));
            Map<String, String> offEnv =
                    Map.of("GOMODCACHE", cache.toString(), "GOPROXY", "off", "GOFLAGS", "-mod=mod");
            GoToolchain.Run download = offline.run(project, offEnv, "mod", "download", "-json");
            GoToolchain.Run build = offline.run(project, offEnv, "build", "./...");
            GoToolchain.Run program = offline.run(project, offEnv, "run", ".");
            GoToolchain.Sandbox fresh = GoToolchain.get().sandbox(dir.resolve("go-fresh"));
            fresh.run(project, Map.of("GOPROXY", proxy.toUri().toString()), "mod", "download")
                    .checkSuccess();

            Map<String, JsonNode> go = new TreeMap<>();
            for (JsonNode o : HoldfastCli.objects(download.stdout())) {
                go.put(o.get("Path").asText() + "@" + o.get("Version").asText(), o);
            }
            long agreed = go.keySet().stream()
                    .filter(k -> holdfast.containsKey(k)
                            && go.get(k).path("Error").isMissingNode()
                            && go.get(k).path("Sum").equals(holdfast.get(k).path("Sum"))
                            && go.get(k).path("GoModSum").equals(holdfast.get(k).path("GoModSum")))
                    .count();
            TreeSet<String> goMods = modFiles(fresh.modCache());
            TreeSet<String> holdfastMods = modFiles(cache);
            ConformanceReport.record(
                    "download",
                    "holdfast download (go " + goVersion + " project), then GOPROXY=off go mod download -json:"
                            + " same modules, Sum and GoModSum",
                    Math.max(go.size(), holdfast.size()),
                    go.size() == holdfast.size() ? agreed : Math.min(agreed, Math.min(go.size(), holdfast.size()) - 1));
            ConformanceReport.record(
                    "download",
                    "holdfast download (go " + goVersion + " project) fetched the go.mod files go mod download fetches",
                    goMods.size(),
                    goMods.stream().filter(holdfastMods::contains).count());

            assertThat(build.exitCode()).as(build.describe()).isZero();
            assertThat(program.exitCode()).as(program.describe()).isZero();
            assertThat(program.stdout())
                    .contains("example.com/dl/a v1.0.0 example.com/dl/b v1.0.0 example.com/dl/c v1.0.0")
                    .contains("example.com/dl/e v1.1.0");
            assertThat(download.exitCode()).as(download.describe()).isZero();
            assertThat(holdfast.keySet()).isEqualTo(go.keySet());
            assertThat(agreed).isEqualTo(go.size());
            assertThat(holdfastMods).containsAll(goMods);
            assertThat(Files.readAllBytes(project.resolve("go.mod"))).isEqualTo(goMod);
            assertThat(Files.readAllBytes(project.resolve("go.sum"))).isEqualTo(goSum);
            assertThat(project.resolve(".holdfast")).doesNotExist();
            assertThat(run.json().getLast().path("Summary").path("Zips").asInt())
                    .isEqualTo(go.size());
        }
    }

    /** Returns {@code <escaped path>/@v/<version>.mod} of every go.mod file in a module cache. */
    static TreeSet<String> modFiles(Path modCache) {
        Path download = modCache.resolve("cache/download");
        if (!Files.isDirectory(download)) {
            return new TreeSet<>(); // nothing was downloaded
        }
        try (Stream<Path> files = Files.walk(download)) {
            TreeSet<String> out = new TreeSet<>();
            files.filter(f -> f.toString().endsWith(".mod"))
                    .forEach(f -> out.add(download.relativize(f).toString()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String s) {
        return s.lines().toList();
    }
}
