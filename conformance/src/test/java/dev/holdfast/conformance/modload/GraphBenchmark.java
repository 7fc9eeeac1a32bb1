package dev.holdfast.conformance.modload;

import com.sun.management.OperatingSystemMXBean;
import dev.holdfast.cli.Main;
import dev.holdfast.conformance.universe.MainSpec;
import dev.holdfast.conformance.universe.ModuleSpec;
import dev.holdfast.conformance.universe.Universe;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.GoToolchain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
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
 * the go command's. Each run reports its wall time and its CPU time (user + system, from bash's {@code
 * times}), which says more than wall time on a machine shared with other work.
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

        Map<String, List<Timed>> times = new LinkedHashMap<>();
        for (int rep = 0; rep < repetitions; rep++) {
            for (String tool : rep % 2 == 0 ? List.of("go", "holdfast") : List.of("holdfast", "go")) {
                Timed t = tool.equals("go")
                        ? timed(goCommand(go), sandboxEnv(sandbox, layout, goCache), layout.main(), work)
                        : timed(holdfastCommand(jar, layout), holdfastEnv(layout, hfCache, work), work, work);
                check(t.stdout(), expected);
                times.computeIfAbsent(tool, k -> new ArrayList<>()).add(t);
                System.out.printf(
                        Locale.ROOT, "%s\trep %d\t%.2f s wall\t%.2f s cpu%n", tool, rep + 1, t.wall(), t.cpu());
            }
        }
        List<Timed> g = times.get("go");
        List<Timed> h = times.get("holdfast");
        System.out.println();
        System.out.println(
                "| | go list -m all: runs (s) | median | holdfast list: runs (s) | median | go / holdfast |");
        System.out.println("|---|---|---|---|---|---|");
        row(
                "wall time",
                g.stream().map(Timed::wall).toList(),
                h.stream().map(Timed::wall).toList());
        row(
                "CPU time (user + sys)",
                g.stream().map(Timed::cpu).toList(),
                h.stream().map(Timed::cpu).toList());
        inProcess(layout, hfCache, work, expected, repetitions, g);
    }

    /**
     * Times {@code holdfast list} inside this JVM through {@link Main#execute}, after three untimed runs:
     * the loading itself, without JVM start-up, class loading and most JIT compilation.
     */
    private static void inProcess(
            Universe.Layout layout, Path cache, Path work, String expected, int reps, List<Timed> go)
            throws IOException {
        Map<String, String> env = holdfastEnv(layout, cache, work);
        String[] args = {"list", "-q", "-C", layout.main().toString()};
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i < 3 + reps; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long cpu0 = os.getProcessCpuTime();
            long start = System.nanoTime();
            int code = Main.execute(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            double took = seconds(System.nanoTime() - start);
            double used = seconds(os.getProcessCpuTime() - cpu0);
            if (code != 0) {
                throw new AssertionError("holdfast list exited " + code);
            }
            check(out.toString(StandardCharsets.UTF_8), expected);
            if (i >= 3) {
                wall.add(took);
                cpu.add(used);
                System.out.printf(
                        Locale.ROOT, "holdfast in-process\trep %d\t%.2f s wall\t%.2f s cpu%n", i - 2, took, used);
            }
        }
        System.out.println();
        System.out.println(
                "| warm JVM, in-process | go list -m all: median (s) | holdfast list: runs (s) | median | go / holdfast |");
        System.out.println("|---|---|---|---|---|");
        for (String what : List.of("wall time", "CPU time")) {
            List<Double> theirs = go.stream()
                    .map(what.equals("wall time") ? Timed::wall : Timed::cpu)
                    .toList();
            List<Double> mine = what.equals("wall time") ? wall : cpu;
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.2f | %s | %.2f | %.2f |%n",
                    what,
                    median(theirs),
                    format(mine),
                    median(mine),
                    median(theirs) / median(mine));
        }
    }

    /** One timed run: wall and CPU seconds (user + system, children included) and what it printed. */
    record Timed(double wall, double cpu, String stdout) {}

    private static void row(String what, List<Double> go, List<Double> holdfast) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %.2f | %s | %.2f | %.2f |%n",
                what,
                format(go),
                median(go),
                format(holdfast),
                median(holdfast),
                median(go) / median(holdfast));
    }

    /**
     * Runs {@code command} in {@code dir} with exactly {@code env}, under bash so that its {@code times}
     * builtin reports the CPU the command used; fails unless it exits 0.
     */
    static Timed timed(List<String> command, Map<String, String> env, Path dir, Path work) throws Exception {
        Path out = work.resolve("timed.out");
        Path err = work.resolve("timed.err");
        Path cpu = work.resolve("timed.cpu");
        List<String> wrapped = new ArrayList<>(
                List.of("bash", "-c", "\"$@\" >\"$OUT\" 2>\"$ERR\"; rc=$?; times >\"$CPU\"; exit $rc", "bench"));
        wrapped.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(wrapped).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("OUT", out.toString());
        builder.environment().put("ERR", err.toString());
        builder.environment().put("CPU", cpu.toString());
        long start = System.nanoTime();
        Process p = builder.start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(command + " failed: " + Files.readString(err));
        }
        double wall = seconds(System.nanoTime() - start);
        // times prints the shell's own user and system time, then its children's: "0m1.234s 0m0.056s".
        String[] children = Files.readAllLines(cpu).get(1).trim().split("\\s+");
        return new Timed(wall, bashSeconds(children[0]) + bashSeconds(children[1]), Files.readString(out));
    }

    static double bashSeconds(String t) {
        int m = t.indexOf('m');
        return Integer.parseInt(t.substring(0, m)) * 60 + Double.parseDouble(t.substring(m + 1, t.length() - 1));
    }

    private static List<String> goCommand(GoToolchain go) {
        return List.of(go.goroot().resolve("bin/go").toString(), "list", "-m", "all");
    }

    private static Map<String, String> sandboxEnv(GoToolchain.Sandbox sandbox, Universe.Layout layout, Path cache) {
        Map<String, String> env = new java.util.HashMap<>(sandbox.env());
        env.putAll(goEnv(layout, cache));
        return env;
    }

    private static List<String> holdfastCommand(Path jar, Universe.Layout layout) {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "list",
                "-q",
                "-C",
                layout.main().toString());
    }

    private static Map<String, String> holdfastEnv(Universe.Layout layout, Path cache, Path work) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        env.put("HOME", work.resolve("holdfast-home").toString());
        env.put("GOENV", "off");
        env.put("GOMODCACHE", cache.toString());
        env.put("GOPROXY", layout.proxyUrl());
        env.put("GOSUMDB", "off");
        return env;
    }

    static Universe universe(int paths, int versions) {
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

    static ModuleVersion module(int path, int version) {
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
        return timed(holdfastCommand(jar, layout), holdfastEnv(layout, cache, work), work, work)
                .stdout();
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

    static String format(List<Double> runs) {
        return String.join(
                ", ",
                runs.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList());
    }

    static double median(List<Double> runs) {
        List<Double> sorted = runs.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
