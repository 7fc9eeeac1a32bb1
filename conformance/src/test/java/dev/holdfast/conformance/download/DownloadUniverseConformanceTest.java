package dev.holdfast.conformance.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.conformance.universe.Universe;
import dev.holdfast.conformance.universe.UniverseGenerator;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast download --json} against {@code go mod download -json} on seeded random universes
 * (mixed go 1.16 / 1.17+ / 1.21+ go.mod files, cycles, retractions, excludes, replacements by versions
 * and by directories, a few broken ones): both fail or both succeed; when they succeed, the same module
 * versions with the same {@code Sum} and {@code GoModSum} (for a go.mod without a go line, which the go
 * command rewrites first, a superset), Holdfast's cache holds every go.mod file the go command's does,
 * and {@code GOPROXY=off go mod download} finds everything in Holdfast's cache. On the universes that
 * load, {@code holdfast status --json} also reports the Update, Retracted and Deprecated fields of
 * {@code go list -m -u -retracted -json all} for every module.
 */
class DownloadUniverseConformanceTest {
    private static final int UNIVERSES = Integer.getInteger("downloadUniverses", 100);
    private static final long FIRST_SEED = 9_000;
    private static final int PARALLEL = 3;

    @TempDir
    Path tmp;

    /** One universe's outcome. */
    private record Result(
            long seed,
            boolean bothFailed,
            boolean agreed,
            boolean modsAgreed,
            boolean offline,
            int statusCompared,
            int statusAgreed,
            boolean sumsCompared,
            boolean sumsAgreed,
            String difference) {}

    @Test
    @Timeout(900)
    void download_equalsGoModDownload() throws Exception {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        List<Result> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            List<Future<Result>> futures = new ArrayList<>();
            for (long seed = FIRST_SEED; seed < FIRST_SEED + UNIVERSES; seed++) {
                long s = seed;
                futures.add(pool.submit(() -> compare(sandbox, s)));
            }
            for (Future<Result> f : futures) {
                results.add(f.get());
            }
        }
        long agreed = results.stream().filter(Result::agreed).count();
        List<Result> succeeded = results.stream().filter(r -> !r.bothFailed()).toList();
        ConformanceReport.record(
                "download",
                "holdfast download --json vs go mod download -json (random universes): outcome, modules, Sum, GoModSum",
                UNIVERSES,
                agreed);
        ConformanceReport.record(
                "download",
                "holdfast download fetched every go.mod file go mod download fetches (random universes that load)",
                succeeded.size(),
                succeeded.stream().filter(Result::modsAgreed).count());
        ConformanceReport.record(
                "download",
                "GOPROXY=off go mod download from holdfast's cache (random universes that load)",
                succeeded.size(),
                succeeded.stream().filter(Result::offline).count());
        List<Result> sums = results.stream().filter(Result::sumsCompared).toList();
        ConformanceReport.record(
                "download",
                "go.sum after holdfast download vs after go mod download (random universes that load, go.mod left"
                        + " as it was): the go.mod hashes recorded",
                sums.size(),
                sums.stream().filter(Result::sumsAgreed).count());
        ConformanceReport.record(
                "degraded",
                "holdfast status --json vs go list -m -u -retracted -json all (random universes that load):"
                        + " Version, Update, Retracted, Deprecated per module",
                results.stream().mapToLong(Result::statusCompared).sum(),
                results.stream().mapToLong(Result::statusAgreed).sum());
        List<String> differences = results.stream()
                .map(Result::difference)
                .filter(d -> !d.isEmpty())
                .toList();
        assertThat(differences).isEmpty();
        assertThat(succeeded.size()).as("universes that load").isGreaterThan(UNIVERSES / 2);
    }

    private Result compare(GoToolchain.Sandbox sandbox, long seed) throws Exception {
        Universe universe = UniverseGenerator.generate(seed);
        Path root = tmp.resolve("u" + seed);
        Universe.Layout layout = universe.write(root);
        Path goMain = root.resolve("go-main");
        universe.writeMain(goMain); // go mod download may rewrite go.mod
        Path goCache = root.resolve("gocache");
        Path hfCache = root.resolve("hfcache");
        Map<String, String> goEnv = Map.of(
                "GOPROXY", layout.proxyUrl(), "GOMODCACHE", goCache.toString(), "GOFLAGS", "-mod=mod -modcacherw");
        GoToolchain.Run go = sandbox.run(goMain, goEnv, "mod", "download", "-json");
        HoldfastCli.Run holdfast = HoldfastCli.run(
                HoldfastCli.env(hfCache, layout.proxyUrl()),
                "download",
                "--json",
                "-q",
                "-C",
                layout.main().toString());

        boolean goOk = go.exitCode() == 0;
        boolean holdfastOk = holdfast.exitCode() == 0;
        Map<String, String> theirs = modules(HoldfastCli.objects(go.stdout()));
        Map<String, String> ours = modules(holdfast.json());
        // A go.mod without a go line: go mod download first writes a go line of its own version into it and
        // then fetches the explicit requirements; Holdfast reads it as go 1.16 and fetches the whole build
        // list, a superset (docs/degraded-mode.md).
        boolean sameModules = universe.main().goVersion() == null
                ? ours.entrySet().containsAll(theirs.entrySet())
                : theirs.equals(ours);
        if (!goOk || !holdfastOk) {
            boolean both = !goOk && !holdfastOk;
            boolean agreed = both && sameModules;
            return new Result(
                    seed,
                    both,
                    agreed,
                    false,
                    false,
                    0,
                    0,
                    false,
                    false,
                    agreed
                            ? ""
                            : "seed " + seed + ": go exited " + go.exitCode() + ", holdfast " + holdfast.exitCode()
                                    + "\n" + go.stdout() + go.stderr() + "\n" + holdfast.describe() + "\ngo.mod:\n"
                                    + universe.main().goMod());
        }
        TreeSet<String> goMods = DownloadConformanceTest.modFiles(goCache);
        TreeSet<String> ourMods = DownloadConformanceTest.modFiles(hfCache);
        boolean modsAgreed = ourMods.containsAll(goMods);
        Path offMain = root.resolve("off-main");
        universe.writeMain(offMain);
        GoToolchain.Run offline = sandbox.run(
                offMain,
                Map.of("GOPROXY", "off", "GOMODCACHE", hfCache.toString(), "GOFLAGS", "-mod=mod"),
                "mod",
                "download");
        boolean agreed = sameModules;
        StringBuilder difference = new StringBuilder();
        if (!agreed) {
            difference
                    .append("seed ")
                    .append(seed)
                    .append(": go ")
                    .append(theirs)
                    .append("\n  holdfast ")
                    .append(ours);
        }
        if (!modsAgreed) {
            TreeSet<String> lacking = new TreeSet<>(goMods);
            lacking.removeAll(ourMods);
            difference
                    .append("seed ")
                    .append(seed)
                    .append(": go.mod files missing: ")
                    .append(lacking);
        }
        if (offline.exitCode() != 0) {
            difference.append("seed ").append(seed).append(": offline: ").append(offline.describe());
        }
        // go.sum: go mod download records the go.mod hashes of the graph it loaded. Compared where the go
        // command left go.mod as it was: where it rewrites go.mod (roots below their selected versions, no go
        // line), which Holdfast never does, it also records hashes of go.mod files its first graph led it to
        // (docs/conformance.md).
        boolean sumsCompared =
                readOrEmpty(goMain.resolve("go.mod")).equals(universe.main().goMod());
        String goSum = readOrEmpty(goMain.resolve("go.sum"));
        String ourSum = readOrEmpty(layout.main().resolve("go.sum"));
        boolean sumsAgreed = goSum.equals(ourSum);
        if (sumsCompared && !sumsAgreed) {
            difference
                    .append("seed ")
                    .append(seed)
                    .append(": go.sum differs:\n--- go:\n")
                    .append(goSum)
                    .append("--- holdfast:\n")
                    .append(ourSum);
        }
        // holdfast status against go list -m -u -retracted -json all: Update, Retracted, Deprecated.
        Path listMain = root.resolve("list-main");
        universe.writeMain(listMain);
        GoToolchain.Run list = sandbox.run(listMain, goEnv, "list", "-m", "-u", "-retracted", "-json", "all");
        HoldfastCli.Run status = HoldfastCli.run(
                HoldfastCli.env(hfCache, layout.proxyUrl()),
                "status",
                "--json",
                "-C",
                layout.main().toString());
        int statusCompared = 0;
        int statusAgreed = 0;
        if (list.exitCode() == 0 && status.exitCode() == 0) {
            Map<String, String> ourNotices = new TreeMap<>();
            for (JsonNode m : status.json().getFirst().path("Modules")) {
                ourNotices.put(m.get("Path").asText(), notices(m));
            }
            for (JsonNode m : HoldfastCli.objects(list.stdout())) {
                if (m.path("Main").asBoolean()) {
                    continue;
                }
                statusCompared++;
                String goNotices = notices(m);
                if (goNotices.equals(ourNotices.get(m.get("Path").asText()))) {
                    statusAgreed++;
                } else {
                    difference
                            .append("seed ")
                            .append(seed)
                            .append(": status of ")
                            .append(m.get("Path").asText())
                            .append(": go ")
                            .append(goNotices)
                            .append(", holdfast ")
                            .append(ourNotices.get(m.get("Path").asText()))
                            .append('\n');
                }
            }
        } else if (list.exitCode() != status.exitCode()) {
            difference
                    .append("seed ")
                    .append(seed)
                    .append(": go list -m -u exited ")
                    .append(list.exitCode())
                    .append(", holdfast status ")
                    .append(status.exitCode())
                    .append('\n')
                    .append(list.stderr())
                    .append(status.describe());
        }
        if (!difference.isEmpty()) {
            difference.append("\ngo.mod:\n").append(universe.main().goMod());
        }
        return new Result(
                seed,
                false,
                agreed,
                modsAgreed,
                offline.exitCode() == 0,
                statusCompared,
                statusAgreed,
                sumsCompared,
                sumsAgreed,
                difference.toString());
    }

    private static String readOrEmpty(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** Returns the Version, Update, Retracted and Deprecated fields of a {@code go list -m -u -json} object. */
    private static String notices(JsonNode m) {
        return m.path("Version").asText() + " update="
                + m.path("Update").path("Version").asText() + " retracted=" + m.path("Retracted") + " deprecated="
                + m.path("Deprecated").asText();
    }

    /** Returns {@code path@version -> Sum GoModSum [Error]} of each module object (the summary left out). */
    private static Map<String, String> modules(List<JsonNode> objects) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode o : objects) {
            if (o.has("Path")) {
                out.put(
                        o.get("Path").asText() + "@" + o.path("Version").asText(),
                        o.path("Sum").asText() + " " + o.path("GoModSum").asText() + " "
                                + o.path("Error").asText());
            }
        }
        return out;
    }
}
