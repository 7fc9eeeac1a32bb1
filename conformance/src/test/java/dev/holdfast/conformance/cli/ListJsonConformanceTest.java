package dev.holdfast.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast list --json} against {@code go list -m -json all} on one module cache, object by object
 * and field by field (Time, Dir, GoMod, Sum, GoModSum and Error included): a module replaced by another
 * version and one by a directory, a tree that was never extracted, a go.sum line missing (under
 * {@code -mod=readonly} the go command then leaves the tree out), an {@code .info} missing with GOPROXY
 * off, and with {@code -mod=mod}. Before 2026-12-08 Holdfast printed Path, Version, Replace, Main,
 * Indirect and GoVersion only, so tools that read Dir from it found nothing.
 */
@Timeout(120)
class ListJsonConformanceTest {
    private static final String GO_MOD = """
            module example.com/app

            go 1.21

            require (
            \texample.com/gen/mod0 v1.1.0
            \texample.com/Gen/Mod1 v1.0.0
            \texample.com/gen/retracting v1.0.0
            \texample.com/gen/plain v1.0.0
            \texample.com/local v0.0.0
            )

            replace example.com/Gen/Mod1 v1.0.0 => example.com/gen/mod0 v1.0.0

            replace example.com/local => ./local
            """;

    @TempDir
    Path dir;

    @Test
    void listJson_equalsGoListJson_onTheSameModuleCache() throws IOException {
        List<GeneratedModules.Module> modules = new ArrayList<>(GeneratedModules.generate(2, 3, 5_000, 2, 11));
        Random random = new Random(12);
        for (String path : List.of("example.com/gen/retracting", "example.com/gen/plain")) {
            modules.add(GeneratedModules.create(
                    new ModuleVersion(path, "v1.0.0"), Instant.parse("2024-03-01T10:20:30.5Z"), 2_000, 1, random));
        }
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("go.mod"), GO_MOD);
        Files.createDirectories(app.resolve("local"));
        Files.writeString(app.resolve("local/go.mod"), "module example.com/local\n\ngo 1.22\n");
        StringBuilder goSum = new StringBuilder();
        for (GeneratedModules.Module m : modules) {
            String path = m.mv().path();
            boolean needed = m.mv().version().equals("v1.0.0") || path.equals("example.com/gen/mod0");
            if (needed && !path.equals("example.com/Gen/Mod1")) {
                goSum.append(m.goSumLines());
            }
        }
        // go.sum without plain's zip hash: under -mod=readonly neither command shows its tree or Sum.
        String lines = goSum.toString().replaceAll("(?m)^example.com/gen/plain v1.0.0 h1:.*\n", "");
        Files.writeString(app.resolve("go.sum"), lines);

        GoToolchain.Sandbox go = GoToolchain.get().sandbox(dir.resolve("go"));
        try (LocalOrigin origin = GeneratedModules.serve(LocalOrigin.open(), modules)) {
            GoToolchain.Run filled =
                    go.run(app, Map.of("GOPROXY", origin.url(), "GOFLAGS", "-mod=mod"), "mod", "download", "all");
            assertThat(filled.exitCode()).as(filled.describe()).isZero();
        }
        Path cache = go.modCache();
        Files.writeString(app.resolve("go.sum"), lines); // as it was before the download
        // A tree never extracted, and a version whose .info is gone (with GOPROXY off, an Error).
        deleteTree(cache.resolve("example.com/gen/retracting@v1.0.0"));
        Files.delete(cache.resolve("cache/download/example.com/gen/mod0/@v/v1.0.0.info"));

        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (String flags : List.of("", "-mod=mod")) {
            Map<String, String> env = Map.of("GOPROXY", "off", "GOFLAGS", flags);
            GoToolchain.Run byGo = go.run(app, env, "list", "-m", "-json", "all");
            Map<String, String> holdfastEnv = new HashMap<>(Holdfast.env(cache, "off"));
            holdfastEnv.putAll(env);
            Holdfast.Run byHoldfast = Holdfast.run(holdfastEnv, "list", "--json", "-C", app.toString());
            List<JsonNode> want = Holdfast.objects(byGo.stdout());
            List<JsonNode> got = Holdfast.objects(byHoldfast.stdout());
            assertThat(want).as(byGo.describe()).hasSize(6);
            for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
                compared++;
                String w = i < want.size() ? want.get(i).toString() : "(none)";
                String g = i < got.size() ? got.get(i).toString() : "(none)";
                if (!w.equals(g)) {
                    mismatches.add("GOFLAGS=" + flags + "\n     go " + w + "\n holdfast " + g);
                }
            }
            assertThat(byGo.stdout()).as("the cases are there").contains("\"Error\"", "\"Dir\"", "\"Sum\"");
        }
        ConformanceReport.record(
                "cli",
                "holdfast list --json vs go list -m -json all on one module cache: every field (replacements, trees"
                        + " not extracted, go.sum short, .info missing; -mod=readonly and -mod=mod)",
                compared,
                compared - mismatches.size());
        assertThat(mismatches).isEmpty();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                p.getParent().toFile().setWritable(true);
                Files.delete(p);
            }
        }
    }
}
