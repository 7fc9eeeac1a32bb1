package dev.holdfast.conformance.modload;

import dev.holdfast.conformance.universe.MainSpec;
import dev.holdfast.conformance.universe.ModuleSpec;
import dev.holdfast.conformance.universe.Universe;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.GoToolchain;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The build list benchmark of issue 4, run by {@code scripts/bench-graph} (not a test): the wall time of
 * {@code holdfast list} against {@code go list -m all} on the same generated module graph, in the same
 * run, each with a warm module cache of its own (one untimed run first). Both run as separate processes,
 * JVM and go start-up included; the order alternates between repetitions. Every run's output must equal
 * the go command's.
 *
 * <p>The graph: PATHS module paths with VERSIONS versions each (10,000 module versions by default),
 * none with a go line, so nothing is pruned and every go.mod is read. Version k of path i requires path
 * i+1 at version k, path i+7 at version k+1 (wrapping), and one random version, so the whole universe is
 * reachable from the main module's one requirement; cycles abound.
 *
 * <p>Arguments: the holdfast jar, then optionally PATHS (1000), VERSIONS (10) and the repetitions (5).
 */
public final class GraphBenchmark {
    private GraphBenchmark() {}

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        int paths = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int versions = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path work = Files.createTempDirectory("holdfast-bench-graph");

        long t0 = System.nanoTime();
        Universe universe = universe(paths, versions);
        Universe.Layout layout = universe.write(work);
        System.out.printf(
                Locale.ROOT,
                "generated %d module versions (%d paths x %d versions) in %.1f s%n",
                universe.modules().size(),
                paths,
                versions,
                seconds(System.nanoTime() - t0));
        GoToolchain go = GoToolchain.get();
        GoToolchain.Sandbox sandbox = go.sandbox(work.resolve("sandbox"));
        System.out.println("go: " + go.version() + ", java: " + System.getProperty("java.version") + ", cpus: "
                + Runtime.getRuntime().availableProcessors());
        Path goCache = work.resolve("gocache");
        Path hfCache = work.resolve("hfcache");

        // Warm-up: fills each tool's module cache (and lets the go command rewrite go.mod and go.sum once).
        String expected = goList(sandbox, layout, goCache).stdout();
        String graph = sandbox.run(layout.main(), goEnv(layout, goCache), "mod", "graph")
                .checkSuccess()
                .stdout();
        System.out.printf(
                Locale.ROOT,
                "build list: %d modules; go mod graph: %d edges over %d module versions%n",
                expected.lines().count(),
                graph.lines().count(),
                nodes(graph));
        check(holdfastList(jar, layout, hfCache, work), expected);

        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int rep = 0; rep < repetitions; rep++) {
            for (String tool : rep % 2 == 0 ? List.of("go", "holdfast") : List.of("holdfast", "go")) {
                long start = System.nanoTime();
                String out = tool.equals("go")
                        ? goList(sandbox, layout, goCache).stdout()
                        : holdfastList(jar, layout, hfCache, work);
                double s = seconds(System.nanoTime() - start);
                check(out, expected);
                times.computeIfAbsent(tool, k -> new ArrayList<>()).add(s);
                System.out.printf(Locale.ROOT, "%s\trep %d\t%.2f s%n", tool, rep + 1, s);
            }
        }
        List<Double> g = times.get("go");
        List<Double> h = times.get("holdfast");
        System.out.println();
        System.out.println("| go list -m all: runs (s) | median | holdfast list: runs (s) | median | go / holdfast |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(
                Locale.ROOT,
                "| %s | %.2f | %s | %.2f | %.2f |%n",
                format(g),
                median(g),
                format(h),
                median(h),
                median(g) / median(h));
    }

    private static Universe universe(int paths, int versions) {
        Random random = new Random(2026);
        List<ModuleSpec> modules = new ArrayList<>();
        for (int i = 0; i < paths; i++) {
            for (int k = 0; k < versions; k++) {
                List<ModuleVersion> reqs = new ArrayList<>();
                reqs.add(module((i + 1) % paths, k));
                reqs.add(module((i + 7) % paths, (k + 1) % versions));
                ModuleVersion extra = module(random.nextInt(paths), random.nextInt(versions));
                if (!extra.path().equals(module(i, k).path())
                        && reqs.stream().noneMatch(r -> r.path().equals(extra.path()))) {
                    reqs.add(extra);
                }
                modules.add(new ModuleSpec(
                        module(i, k).path(),
                        module(i, k).version(),
                        module(i, k).path(),
                        null,
                        reqs,
                        List.of(),
                        true));
            }
        }
        MainSpec main = new MainSpec(
                "example.com/main",
                "1.16",
                null,
                List.of(new MainSpec.Require(module(0, 0), false)),
                List.of(),
                List.of(),
                Map.of());
        return new Universe(2026, main, modules, Set.of());
    }

    private static ModuleVersion module(int path, int version) {
        return new ModuleVersion(String.format(Locale.ROOT, "example.com/bench/p%04d", path), "v1." + version + ".0");
    }

    private static Map<String, String> goEnv(Universe.Layout layout, Path cache) {
        return Map.of("GOPROXY", layout.proxyUrl(), "GOMODCACHE", cache.toString(), "GOFLAGS", "-mod=mod -modcacherw");
    }

    private static GoToolchain.Run goList(GoToolchain.Sandbox sandbox, Universe.Layout layout, Path cache) {
        return sandbox.run(layout.main(), goEnv(layout, cache), "list", "-m", "all")
                .checkSuccess();
    }

    private static String holdfastList(Path jar, Universe.Layout layout, Path cache, Path work) throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "list",
                "-q",
                "-C",
                layout.main().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", ""));
        builder.environment().put("HOME", work.resolve("holdfast-home").toString());
        builder.environment().put("GOENV", "off");
        builder.environment().put("GOMODCACHE", cache.toString());
        builder.environment().put("GOPROXY", layout.proxyUrl());
        builder.environment().put("GOSUMDB", "off");
        File out = work.resolve("holdfast.out").toFile();
        File err = work.resolve("holdfast.err").toFile();
        builder.redirectOutput(out).redirectError(err);
        Process p = builder.start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("holdfast list failed: " + Files.readString(err.toPath()));
        }
        return Files.readString(out.toPath());
    }

    private static void check(String output, String expected) {
        if (!output.equals(expected)) {
            throw new AssertionError("holdfast list differs from go list -m all");
        }
    }

    private static long nodes(String graph) {
        Set<String> nodes = new HashSet<>();
        graph.lines().forEach(l -> nodes.addAll(List.of(l.split(" "))));
        return nodes.size();
    }

    private static String format(List<Double> runs) {
        return String.join(
                ", ",
                runs.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList());
    }

    private static double median(List<Double> runs) {
        List<Double> sorted = runs.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
