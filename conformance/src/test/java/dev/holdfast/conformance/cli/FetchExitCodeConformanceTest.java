package dev.holdfast.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.FaultRelay;
import dev.holdfast.testing.Faults;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code holdfast fetch}'s exit codes (MISSION.md: 2 bad input, 3 unavailable) and its {@code --json}
 * output, field by field against {@code go mod download -json} for the same module versions.
 */
@Timeout(30)
class FetchExitCodeConformanceTest {
    private static final List<GeneratedModules.Module> MODULES = GeneratedModules.generate(2, 3, 20_000, 2, 5);
    /** The fields that name files: equal once the module cache root is taken off. */
    private static final List<String> PATH_FIELDS = List.of("Info", "GoMod", "Zip", "Dir");

    private static LocalOrigin origin;

    @TempDir
    Path dir;

    /** A module whose highest version retracts itself: {@code latest} is the one below. */
    private static final List<GeneratedModules.Module> RETRACTING = List.of(
            GeneratedModules.create(
                    new ModuleVersion("example.com/gen/retracting", "v1.0.0"),
                    Instant.parse("2024-02-01T00:00:00Z"),
                    1_000,
                    1,
                    new Random(7)),
            GeneratedModules.create(
                    new ModuleVersion("example.com/gen/retracting", "v1.1.0"),
                    Instant.parse("2024-02-02T00:00:00Z"),
                    "\nretract v1.1.0 // broken\n",
                    1_000,
                    1,
                    new Random(8)));

    @BeforeAll
    static void serve() throws IOException {
        origin = GeneratedModules.serve(GeneratedModules.serve(LocalOrigin.open(), MODULES), RETRACTING);
    }

    @AfterAll
    static void stop() {
        origin.close();
    }

    @Test
    void fetch_unknownVersion_isBadInput() {
        Holdfast.Run run =
                Holdfast.run(Holdfast.env(dir.resolve("cache"), origin.url()), "fetch", "example.com/gen/mod0@v9.9.9");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderr()).contains("example.com/gen/mod0@v9.9.9", "404 Not Found");
    }

    @Test
    void fetch_malformedPath_isBadInput() {
        Holdfast.Run run = Holdfast.run(Holdfast.env(dir.resolve("cache"), origin.url()), "fetch", "nodot/m@v1.0.0");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderr()).contains("malformed module path \"nodot/m\": missing dot in first path element");
        assertThat(origin.requests()).noneMatch(r -> r.path().contains("nodot"));
    }

    @Test
    void fetch_unknownOption_isBadInput() {
        Holdfast.Run run = Holdfast.run(
                Holdfast.env(dir.resolve("cache"), origin.url()), "fetch", "--no-such-option", "x.test/m@v1.0.0");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderr()).contains("--no-such-option");
    }

    /** Every upstream unreachable, each in its own way: exit 3 once the short retry budget is spent. */
    @ParameterizedTest
    @ValueSource(strings = {"refused", "blackhole", "blackhole|refused", "refused,blackhole"})
    void fetch_everyUpstreamUnavailable_isUnavailable(String upstreams) throws IOException {
        try (FaultRelay hole = FaultRelay.open(origin.address(), 1)) {
            hole.faults(Faults.NONE.withBlackHole(1.0));
            String goproxy =
                    upstreams.replace("blackhole", hole.url()).replace("refused", "http://127.0.0.1:" + closedPort());
            long start = System.nanoTime();

            Holdfast.Run run = Holdfast.run(
                    Holdfast.env(dir.resolve("cache"), goproxy),
                    "fetch",
                    "--attempt-timeout=300ms",
                    "--retry-budget=1500ms",
                    MODULES.getFirst().target());

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(3);
            assertThat(run.stderr()).contains(MODULES.getFirst().target());
            assertThat(took).as("bounded by the retry budget").isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void fetchJson_fieldsEqualGoModDownloadJson() {
        List<String> targets = new ArrayList<>(GeneratedModules.targets(MODULES));
        targets.add("example.com/Gen/Mod1@latest");
        targets.add("example.com/gen/mod0@v9.9.9");
        // Queries that choose among versions (v1.0.0, v1.1.0, v1.2.0-RC.2), as go mod download does.
        targets.add("example.com/gen/mod0@v1");
        targets.add("example.com/gen/mod0@v1.1");
        targets.add("example.com/gen/mod0@<v1.1.0");
        targets.add("example.com/gen/mod0@>v1.1.0");
        targets.add("example.com/gen/mod0@>=v1.0.0");
        targets.add("example.com/gen/mod0@v2");
        targets.add("example.com/gen/retracting@latest");
        targets.add("example.com/gen/retracting@v1");
        targets.add("example.com/gen/retracting@v1.1.0");
        Path cache = dir.resolve("cache");
        GoToolchain.Sandbox go = GoToolchain.get().sandbox(dir.resolve("go"));

        Holdfast.Run holdfast = Holdfast.fetchJson(Holdfast.env(cache, origin.url()), targets);
        List<String> goArgs = new ArrayList<>(List.of("mod", "download", "-json"));
        goArgs.addAll(targets);
        GoToolchain.Run goRun = go.run(dir, Map.of("GOPROXY", origin.url()), goArgs.toArray(String[]::new));

        List<JsonNode> got = holdfast.json();
        List<JsonNode> want = Holdfast.objects(goRun.stdout());
        List<String> mismatches = mismatches(got, cache, want, go.modCache());
        ConformanceReport.record(
                "cli",
                "holdfast fetch --json vs go mod download -json: every field (paths relative to the cache)",
                targets.size(),
                targets.size() - mismatches.size());
        assertThat(goRun.exitCode()).as(goRun.describe()).isEqualTo(1);
        assertThat(holdfast.exitCode()).as(holdfast.describe()).isEqualTo(2);
        assertThat(want).hasSize(targets.size());
        assertThat(mismatches).isEmpty();
    }

    /**
     * In a module, {@code upgrade} and {@code patch} start from the version its build list selects, and
     * queries skip its excludes, as with {@code go mod download} there (each in a copy of the module).
     */
    @Test
    void fetchJson_inAModule_upgradeAndPatchStartFromTheSelectedVersion() throws IOException {
        String goMod = "module example.com/app\n\ngo 1.21\n\nrequire (\n\texample.com/gen/mod0 v1.0.0\n"
                + "\texample.com/gen/retracting v1.0.0\n)\n\nexclude example.com/Gen/Mod1 v1.1.0\n";
        List<String> targets = List.of(
                "example.com/gen/mod0@patch",
                "example.com/gen/mod0@upgrade",
                "example.com/gen/retracting@upgrade",
                "example.com/Gen/Mod1@upgrade",
                "example.com/Gen/Mod1@v1",
                "example.com/Gen/Mod1@v1.1.0");
        InModule both = inModule(goMod, targets);
        GoToolchain.Run goRun = both.go();
        Path forHoldfast = both.holdfastApp();
        List<JsonNode> want = Holdfast.objects(goRun.stdout());
        List<String> mismatches = both.mismatches();
        ConformanceReport.record(
                "cli",
                "holdfast fetch --json vs go mod download -json in a module: upgrade, patch, excludes",
                targets.size(),
                targets.size() - mismatches.size());
        assertThat(want).as(goRun.describe()).hasSize(targets.size());
        assertThat(mismatches).isEmpty();
        assertThat(Files.readString(forHoldfast.resolve("go.mod")))
                .as("go.mod untouched")
                .isEqualTo(goMod);
    }

    /**
     * In a module, arguments without a version as {@code go mod download} takes them: a module path is its
     * selected version (a replaced one its replacement, a directory replacement nothing), {@code all} and
     * {@code ...} patterns the build list's modules they match, the main module is skipped.
     */
    @Test
    void fetchJson_inAModule_pathsAndPatternsNameTheBuildList() throws IOException {
        String goMod = "module example.com/app\n\ngo 1.21\n\nrequire (\n\texample.com/gen/mod0 v1.0.0\n"
                + "\texample.com/Gen/Mod1 v1.0.0\n\texample.com/gen/retracting v1.0.0\n\texample.com/local v0.0.0\n)\n\n"
                + "replace example.com/Gen/Mod1 v1.0.0 => example.com/gen/mod0 v1.1.0\n\n"
                + "replace example.com/local => ./local\n";
        List<String> targets = List.of(
                "example.com/gen/mod0",
                "example.com/Gen/Mod1",
                "example.com/local",
                "example.com/app",
                "example.com/zz",
                "example.com/gen/...",
                "example.com/nothing/...",
                "all");
        InModule both = inModule(goMod, targets);
        GoToolchain.Run goRun = both.go();
        Holdfast.Run holdfast = both.holdfast();
        List<JsonNode> want = Holdfast.objects(goRun.stdout());
        List<String> mismatches = both.mismatches();
        for (String said : List.of(
                "skipping download of example.com/app that resolves to the main module",
                "pattern \"example.com/nothing/...\" matched no module dependencies")) {
            if (!goRun.stderr().contains(said) || !holdfast.stderr().contains(said)) {
                mismatches.add(
                        "not said by both: " + said + "\n go: " + goRun.stderr() + "\n holdfast: " + holdfast.stderr());
            }
        }
        ConformanceReport.record(
                "cli",
                "holdfast fetch --json vs go mod download -json in a module: module paths, all, ... patterns",
                want.size() + 2,
                want.size() + 2 - mismatches.size());
        // mod0 twice (itself, and as Mod1's replacement), zz's error, then gen/... and all add retracting and
        // mod0 v1.1.0 once more (the replacement, not a module of the build list that a pattern matched).
        assertThat(want).as(goRun.describe()).hasSize(6);
        assertThat(mismatches).isEmpty();
    }

    /** go mod download -json and holdfast fetch --json of {@code targets}, each in a copy of one module. */
    private record InModule(GoToolchain.Run go, Holdfast.Run holdfast, Path holdfastApp, List<String> mismatches) {}

    private InModule inModule(String goMod, List<String> targets) throws IOException {
        Path cache = dir.resolve("cache");
        GoToolchain.Sandbox go = GoToolchain.get().sandbox(dir.resolve("go"));
        Path forGo = module(dir.resolve("go-app"), goMod);
        Path forHoldfast = module(dir.resolve("holdfast-app"), goMod);
        Map<String, String> env = new java.util.HashMap<>(Holdfast.env(cache, origin.url()));
        env.put("GOFLAGS", "-mod=mod");
        List<String> args = new ArrayList<>(List.of("fetch", "--json", "-C", forHoldfast.toString()));
        args.addAll(targets);
        Holdfast.Run holdfast = Holdfast.run(env, args.toArray(String[]::new));
        List<String> goArgs = new ArrayList<>(List.of("mod", "download", "-json"));
        goArgs.addAll(targets);
        GoToolchain.Run goRun =
                go.run(forGo, Map.of("GOPROXY", origin.url(), "GOFLAGS", "-mod=mod"), goArgs.toArray(String[]::new));
        return new InModule(
                goRun,
                holdfast,
                forHoldfast,
                mismatches(holdfast.json(), cache, Holdfast.objects(goRun.stdout()), go.modCache()));
    }

    /** Returns the objects that differ once their file fields are made relative to each one's cache. */
    private static List<String> mismatches(List<JsonNode> got, Path cache, List<JsonNode> want, Path goCache) {
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < Math.max(got.size(), want.size()); i++) {
            String g = i < got.size() ? normalize(got.get(i), cache).toString() : "(none)";
            String w = i < want.size() ? normalize(want.get(i), goCache).toString() : "(none)";
            if (!g.equals(w)) {
                mismatches.add("holdfast " + g + "\n     go " + w);
            }
        }
        return mismatches;
    }

    private static Path module(Path dir, String goMod) throws IOException {
        Files.createDirectories(dir.resolve("local"));
        Files.writeString(dir.resolve("local/go.mod"), "module example.com/local\n\ngo 1.21\n");
        Files.writeString(dir.resolve("go.mod"), goMod);
        return dir;
    }

    /** Returns {@code o} with the fields that name files made relative to {@code cache}, keys in order. */
    private static JsonNode normalize(JsonNode o, Path cache) {
        var copy = o.deepCopy();
        var object = (com.fasterxml.jackson.databind.node.ObjectNode) copy;
        for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (PATH_FIELDS.contains(name)) {
                object.put(
                        name, "$CACHE/" + cache.relativize(Path.of(o.get(name).asText())));
            }
        }
        return copy;
    }

    /** Returns a loopback port that nothing listens on (it was free a moment ago). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
