package dev.holdfast.conformance.modload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.universe.Universe;
import dev.holdfast.conformance.universe.UniverseGenerator;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of seeded random universes (mixed go 1.16 / 1.17+ / 1.21+ go.mod files, cycles, retractions,
 * excludes, replacements by versions and by directories): {@code holdfast list} must print exactly what
 * {@code go list -m all} prints, and {@code holdfast graph} exactly what {@code go mod graph} prints — or
 * both must fail with the same message.
 */
class UniverseConformanceTest {

    private static final int UNIVERSES = Integer.getInteger("universes", 300);
    private static final long FIRST_SEED = 4_000;
    /** Go processes at once: the machine has few cores, and each go run is mostly CPU. */
    private static final int PARALLEL = 3;
    /** Every this many universes, list --json is compared with go list -m -json all too. */
    private static final int JSON_EVERY = 4;

    @TempDir
    Path tmp;

    /** The outcome of one universe: both comparisons, and what differed. */
    private record Result(
            long seed,
            boolean listAgreed,
            boolean graphAgreed,
            boolean failed,
            String difference,
            Set<Features> features,
            int jsonCompared,
            int jsonAgreed,
            OutputChecks.Tally why) {}

    @Test
    @Timeout(600)
    void listAndGraph_equalGoCommand() throws Exception {
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
        long listAgreed = results.stream().filter(Result::listAgreed).count();
        long graphAgreed = results.stream().filter(Result::graphAgreed).count();
        long failed = results.stream().filter(Result::failed).count();
        ConformanceReport.record(
                "modload", "holdfast list vs go list -m all (random universes)", UNIVERSES, listAgreed);
        ConformanceReport.record(
                "modload", "holdfast graph vs go mod graph (random universes)", UNIVERSES, graphAgreed);
        List<String> differences = results.stream()
                .filter(r -> !r.difference().isEmpty())
                .map(Result::difference)
                .toList();
        ConformanceReport.record(
                "modload",
                "holdfast list --json vs go list -m -json all (Path, Version, Replace, Main, Indirect, GoVersion)",
                results.stream().mapToLong(Result::jsonCompared).sum(),
                results.stream().mapToLong(Result::jsonAgreed).sum());
        ConformanceReport.record(
                "modload",
                "holdfast why chains: shortest paths along go mod graph edges to go list -m all versions",
                results.stream().mapToLong(r -> r.why().compared()).sum(),
                results.stream().mapToLong(r -> r.why().agreed()).sum());
        assertThat(differences).isEmpty();
        assertThat(failed).as("universes where the go command failed").isLessThan(UNIVERSES / 10);
        Map<Features, Long> census = new EnumMap<>(Features.class);
        results.forEach(r -> r.features().forEach(f -> census.merge(f, 1L, Long::sum)));
        for (Features f : Features.values()) {
            assertThat(census.getOrDefault(f, 0L))
                    .as("universes with " + f + " (census " + census + ")")
                    .isGreaterThanOrEqualTo(UNIVERSES / 25);
        }
    }

    private Result compare(GoToolchain.Sandbox sandbox, long seed) {
        try {
            Universe universe = UniverseGenerator.generate(seed);
            Path root = tmp.resolve("u" + seed);
            Universe.Layout layout = universe.write(root);
            // Each command gets its own copy of the main module: go list -m all may rewrite go.mod.
            Path goGraph = root.resolve("go-graph");
            Path goList = root.resolve("go-list");
            universe.writeMain(goGraph);
            universe.writeMain(goList);
            Path goCache = root.resolve("gocache");
            Path hfCache = root.resolve("hfcache");
            Commands.Outcome theirGraph = Commands.go(sandbox, layout, goCache, goGraph, "mod", "graph");
            Commands.Outcome theirList = Commands.go(sandbox, layout, goCache, goList, "list", "-m", "all");
            Commands.Outcome myGraph = Commands.holdfast(layout, hfCache, Commands.in(layout.main(), "graph"));
            Commands.Outcome myList = Commands.holdfast(layout, hfCache, Commands.in(layout.main(), "list"));
            boolean graphAgreed = theirGraph.comparable().equals(myGraph.comparable());
            boolean listAgreed = theirList.comparable().equals(myList.comparable());
            StringBuilder difference = new StringBuilder();
            if (!graphAgreed) {
                difference.append(describe(seed, "graph", theirGraph, myGraph));
            }
            if (!listAgreed) {
                difference.append(describe(seed, "list", theirList, myList));
            }
            boolean failed = theirGraph.exitCode() != 0 || theirList.exitCode() != 0;
            if (difference.length() > 0) {
                difference.append("go.mod:\n").append(universe.main().goMod());
            }
            Set<Features> features = Features.of(universe, theirGraph.stdout(), theirList.stdout());
            int jsonAgreed = 0;
            int jsonCompared = 0;
            if (seed % JSON_EVERY == 0 && !failed) {
                jsonCompared = 1;
                Path goJson = root.resolve("go-json");
                universe.writeMain(goJson);
                String json = OutputChecks.compareListJson(
                        Commands.go(sandbox, layout, goCache, goJson, "list", "-m", "-json", "all")
                                .stdout(),
                        Commands.holdfast(layout, hfCache, Commands.in(layout.main(), "list", "--json"))
                                .stdout(),
                        universe.main().goVersion() != null);
                jsonAgreed = json.isEmpty() ? 1 : 0;
                difference.append(json.isEmpty() ? "" : "seed " + seed + " " + json + "\n");
            }
            OutputChecks.Tally why = checkWhy(layout, hfCache, theirGraph, theirList, failed);
            why.problems().forEach(p -> difference
                    .append("seed ")
                    .append(seed)
                    .append(' ')
                    .append(p)
                    .append('\n'));
            return new Result(
                    seed,
                    listAgreed,
                    graphAgreed,
                    failed,
                    difference.toString(),
                    features,
                    jsonCompared,
                    jsonAgreed,
                    why);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks holdfast why every module of go's build list (but the main module) is needed, and checks the answers. */
    private static OutputChecks.Tally checkWhy(
            Universe.Layout layout,
            Path hfCache,
            Commands.Outcome theirGraph,
            Commands.Outcome theirList,
            boolean failed) {
        List<String> modules =
                theirList.stdout().lines().skip(1).map(l -> l.split(" ")[0]).toList();
        if (failed || modules.isEmpty()) {
            return new OutputChecks.Tally(0, 0, List.of());
        }
        List<String> args = new ArrayList<>(List.of("why", "--json"));
        args.addAll(modules);
        Commands.Outcome why =
                Commands.holdfast(layout, hfCache, Commands.in(layout.main(), args.toArray(String[]::new)));
        return OutputChecks.checkWhy(
                theirGraph.stdout(), theirList.stdout(), why.stdout(), Set.of(UniverseGenerator.MAIN));
    }

    private static String describe(long seed, String what, Commands.Outcome go, Commands.Outcome holdfast) {
        return "seed " + seed + " " + what + ": go exited " + go.exitCode() + ", holdfast " + holdfast.exitCode()
                + "\n--- go:\n" + go.comparable() + "\n--- holdfast:\n" + holdfast.comparable() + "\n";
    }
}
