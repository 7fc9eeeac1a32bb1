package dev.holdfast.conformance.degraded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.conformance.download.HoldfastCli;
import dev.holdfast.conformance.universe.ModuleSpec;
import dev.holdfast.conformance.universe.Universe;
import dev.holdfast.conformance.universe.UniverseGenerator;
import dev.holdfast.degraded.OverlayRecord;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Degraded mode on seeded random universes (cycles, mixed pruning, excludes, replacements by versions
 * and directories, retractions): a random share of the universe's versions is in the module cache, and
 * then every source refuses connections. Whatever {@code holdfast download --allow-degraded} decides,
 * the go command must agree with it offline, with {@code -mod=readonly}:
 *
 * <p>Each project is first settled by the go command ({@code go list -m all} with {@code -mod=mod}, so
 * its roots are what the go command writes), so that {@code -mod=readonly} applies to it.
 *
 * <ul>
 *   <li>exit 0 with an overlay: the go command loads the overlay's graph ({@code go list -m all}, {@code
 *       go mod graph}) and every recorded substitute is in effect ({@code path wanted => path used}
 *       selected; {@code used} selected where a substitute's requirements raised the project's own
 *       requirement; or {@code path@wanted} a node of the graph whose go.mod comes from the substitute);
 *       then, the sources back, {@code holdfast recover} removes the overlay and {@code go mod download}
 *       works offline with the project's own go.mod;
 *   <li>exit 0 without an overlay: every exact version was cached; {@code go mod download} works;
 *   <li>exit 3: the project's files are unchanged, and the go command cannot load the project offline
 *       either ({@code go mod download} fails);
 *   <li>a universe the go command cannot load even online (a missing module): Holdfast fails too and
 *       writes nothing.
 * </ul>
 */
class DegradedUniverseConformanceTest {
    private static final int UNIVERSES = Integer.getInteger("degradedUniverses", 60);
    private static final long FIRST_SEED = 12_000;
    private static final int PARALLEL = 3;

    @TempDir
    Path tmp;

    private record Result(long seed, String outcome, String problem) {}

    @Test
    @Timeout(900)
    void downloadAllowDegraded_outage_goCommandAgreesOffline() throws Exception {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        int refused;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refused = s.getLocalPort(); // closed again: every connection is refused, an outage
        }
        List<Result> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            List<Future<Result>> futures = new ArrayList<>();
            for (long seed = FIRST_SEED; seed < FIRST_SEED + UNIVERSES; seed++) {
                long s = seed;
                futures.add(pool.submit(() -> check(sandbox, s, "http://127.0.0.1:" + refused)));
            }
            for (Future<Result> f : futures) {
                results.add(f.get());
            }
        }
        Map<String, Long> outcomes = new TreeMap<>();
        results.forEach(r -> outcomes.merge(r.outcome(), 1L, Long::sum));
        System.out.println("degraded universes: " + outcomes);
        ConformanceReport.record(
                "degraded",
                "holdfast download --allow-degraded in an outage on random universes with a partial module cache:"
                        + " the go command offline (-mod=readonly) agrees with the outcome; recover returns to exact"
                        + " versions",
                UNIVERSES,
                results.stream().filter(r -> r.problem().isEmpty()).count());
        assertThat(results.stream().map(Result::problem).filter(p -> !p.isEmpty()))
                .isEmpty();
        assertThat(outcomes.getOrDefault("degraded", 0L))
                .as("universes that ended degraded " + outcomes)
                .isGreaterThan(UNIVERSES / 4);
        assertThat(outcomes.getOrDefault("unavailable", 0L))
                .as("universes where something could not be had " + outcomes)
                .isPositive();
    }

    private Result check(GoToolchain.Sandbox sandbox, long seed, String refused) throws IOException {
        Universe universe = UniverseGenerator.generate(seed);
        Path root = tmp.resolve("u" + seed);
        Universe.Layout layout = universe.write(root);
        // First make the project what the go command leaves after loading it (roots at their selected
        // versions, a go line), so that it loads with -mod=readonly; a universe that does not load is
        // broken, and must fail offline too.
        GoToolchain.Run settle = sandbox.run(
                layout.main(),
                Map.of(
                        "GOPROXY", layout.proxyUrl(),
                        "GOMODCACHE", root.resolve("gocache").toString(),
                        "GOFLAGS", "-mod=mod -modcacherw"),
                "list",
                "-m",
                "all");
        boolean broken = settle.exitCode() != 0;
        Path cache = root.resolve("hfcache");
        Random random = new Random(seed);
        List<String> prefill = new ArrayList<>(List.of("fetch", "-q"));
        for (ModuleSpec m : universe.modules()) {
            if (!universe.missing().contains(m.id()) && random.nextInt(10) < 6) {
                prefill.add(m.path() + "@" + m.version());
            }
        }
        if (prefill.size() > 2) {
            HoldfastCli.run(HoldfastCli.env(cache, layout.proxyUrl()), prefill.toArray(String[]::new));
        }
        Map<String, String> before = files(layout.main());
        String goModBefore = Files.readString(layout.main().resolve("go.mod"));

        HoldfastCli.Run run = HoldfastCli.run(
                HoldfastCli.env(cache, refused),
                "download",
                "--allow-degraded",
                "-q",
                "--retry-budget",
                "100ms",
                "-C",
                layout.main().toString());

        Map<String, String> goEnv =
                Map.of("GOPROXY", "off", "GOMODCACHE", cache.toString(), "GOFLAGS", "-mod=readonly");
        Path overlay = layout.main().resolve(".holdfast/degraded/go.mod");
        String context = "seed " + seed + "\n" + run.describe() + "\ngo.mod:\n" + goModBefore;
        if (!files(layout.main()).keySet().containsAll(before.keySet())
                || !before.get("go.mod").equals(files(layout.main()).get("go.mod"))) {
            return new Result(seed, "changed", "go.mod changed: " + context);
        }
        if (broken) {
            return new Result(
                    seed,
                    "broken",
                    run.exitCode() != 0 && files(layout.main()).equals(before)
                            ? ""
                            : "a universe the go command cannot load, but holdfast wrote or succeeded: " + context);
        }
        switch (run.exitCode()) {
            case 0 -> {
                if (!Files.exists(overlay)) {
                    GoToolchain.Run go = sandbox.run(layout.main(), goEnv, "mod", "download");
                    return new Result(seed, "exact", go.exitCode() == 0 ? "" : go.describe() + "\n" + context);
                }
                Result degraded = degraded(sandbox, seed, layout, overlay, goEnv, context);
                if (!degraded.problem().isEmpty()) {
                    return degraded;
                }
                // The sources are back: recover returns to the exact versions and removes the overlay.
                HoldfastCli.Run recover = HoldfastCli.run(
                        HoldfastCli.env(cache, layout.proxyUrl()),
                        "recover",
                        "-q",
                        "-C",
                        layout.main().toString());
                GoToolchain.Run own = sandbox.run(layout.main(), goEnv, "mod", "download");
                boolean recovered = recover.exitCode() == 0
                        && !Files.exists(layout.main().resolve(".holdfast"))
                        && own.exitCode() == 0
                        && before.get("go.mod").equals(files(layout.main()).get("go.mod"));
                return new Result(
                        seed,
                        "degraded",
                        recovered ? "" : "recover: " + recover.describe() + "\n" + own.describe() + "\n" + context);
            }
            case 3 -> {
                if (!files(layout.main()).equals(before)) {
                    return new Result(seed, "unavailable", "exit 3 but the project changed: " + context);
                }
                GoToolchain.Run go = sandbox.run(layout.main(), goEnv, "mod", "download");
                return new Result(
                        seed, "unavailable", go.exitCode() != 0 ? "" : "go mod download offline succeeded: " + context);
            }
            default -> {
                // Bad input (a broken universe) must be what the go command also rejects offline.
                GoToolchain.Run go = sandbox.run(layout.main(), goEnv, "mod", "download");
                return new Result(
                        seed, "failed", go.exitCode() != 0 ? "" : "go mod download offline succeeded: " + context);
            }
        }
    }

    private static Result degraded(
            GoToolchain.Sandbox sandbox,
            long seed,
            Universe.Layout layout,
            Path overlay,
            Map<String, String> goEnv,
            String context)
            throws IOException {
        // -e: a module of the build list whose go.mod the graph never reads has no .info in the cache,
        // and the go command reports that per module; what matters is the graph it loads.
        GoToolchain.Run list =
                sandbox.run(layout.main(), goEnv, "list", "-m", "-e", "-json", "-modfile=" + overlay, "all");
        if (list.exitCode() != 0) {
            return new Result(seed, "degraded", list.describe() + "\noverlay:\n" + Files.readString(overlay) + context);
        }
        GoToolchain.Run graph = sandbox.run(layout.main(), goEnv, "mod", "graph", "-modfile=" + overlay);
        if (graph.exitCode() != 0) {
            return new Result(seed, "degraded", graph.describe() + context);
        }
        OverlayRecord record = OverlayRecord.parse(Files.readAllBytes(overlay.resolveSibling("substitutions.json")));
        List<String> lines = new ArrayList<>();
        for (JsonNode m : HoldfastCli.objects(list.stdout())) {
            JsonNode r = m.path("Replace");
            lines.add(m.get("Path").asText() + " " + m.path("Version").asText()
                    + (r.isMissingNode()
                            ? ""
                            : " => " + r.get("Path").asText()
                                    + (r.path("Version").asText().isEmpty()
                                            ? ""
                                            : " " + r.path("Version").asText())));
        }
        java.util.Set<String> nodes = new java.util.HashSet<>();
        graph.stdout().lines().forEach(l -> nodes.addAll(List.of(l.split(" "))));
        String overlayText = Files.readString(overlay);
        StringBuilder problems = new StringBuilder();
        for (var s : record.substitutions()) {
            String replaced = s.path() + " " + s.wanted() + " => " + s.path() + " " + s.used();
            String selected = s.path() + " " + s.used();
            // Selected (shown replaced), or raised to by a substitute's requirements, or a version in the
            // graph whose go.mod the go command reads from the substitute through the overlay's replace.
            boolean inEffect = lines.contains(replaced)
                    || lines.contains(selected)
                    || lines.stream().anyMatch(l -> l.endsWith(" => " + s.path() + " " + s.used()))
                    || (nodes.contains(s.path() + "@" + s.wanted()) && overlayText.contains(replaced));
            if (!inEffect) {
                problems.append("substitute not in effect: ").append(replaced).append('\n');
            }
        }
        return new Result(
                seed,
                "degraded",
                problems.isEmpty()
                        ? ""
                        : problems + list.stdout() + "\noverlay:\n" + Files.readString(overlay) + context);
    }

    /** Returns the SHA-256 of every file under {@code dir}, by relative path. */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), OverlayRecord.sha256(Files.readAllBytes(f)));
            }
        }
        return out;
    }
}
