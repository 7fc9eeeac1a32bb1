package dev.holdfast.conformance.cli;

import dev.holdfast.testing.FaultRelay;
import dev.holdfast.testing.Faults;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The fetch benchmark of issue 3, run by {@code scripts/bench-fetch} (not a test): the wall time of
 * {@code holdfast fetch} against {@code go mod download} of the same generated module versions from a
 * {@link LocalOrigin} on 127.0.0.1, in the same run, each with a cold (new, empty) module cache. Three
 * network conditions: straight to the origin; through a {@link FaultRelay} that adds nothing (it closes
 * every connection after one request, so it shows what losing keep-alive costs); through the relay
 * adding 50 ms before every answer. Both tools run as separate processes, JVM and go start-up included;
 * within a repetition the order alternates.
 *
 * <p>Arguments: the holdfast jar, then optionally the number of modules (200), the zip size in bytes (1
 * MiB), the repetitions (3) and the added latency in ms (50). Prints one line per run and a Markdown
 * table of medians.
 *
 * <p>With {@code -Dbench.project=true} (issue 4's download benchmark) both tools work in a project
 * whose go.mod requires every generated module version: {@code go mod download} against {@code
 * holdfast download}, each reading the requirements from go.mod.
 */
public final class FetchBenchmark {
    private static final boolean PROJECT = Boolean.getBoolean("bench.project");

    private FetchBenchmark() {}

    /** In project mode, writes a go.mod in {@code dir} requiring {@code targets}; returns the arguments. */
    private static List<String> project(Path dir, List<String> targets) throws IOException {
        if (!PROJECT) {
            return targets;
        }
        StringBuilder goMod = new StringBuilder("module example.com/bench\n\ngo 1.21\n\nrequire (\n");
        for (String target : targets) {
            goMod.append('\t').append(target.replace('@', ' ')).append('\n');
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), goMod.append(")\n"));
        return List.of();
    }

    /** One network condition: a name and the faults of the relay, or null to go straight to the origin. */
    private record Condition(String name, Faults faults) {}

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        int modules = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int zipBytes = args.length > 2 ? Integer.parseInt(args[2]) : 1 << 20;
        int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int latencyMs = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        Path work = Files.createTempDirectory("holdfast-bench-fetch");

        long t0 = System.nanoTime();
        List<GeneratedModules.Module> set = GeneratedModules.generate(modules, 1, zipBytes, 4, 2024);
        long zipTotal = set.stream().mapToLong(m -> m.zip().length).sum();
        System.out.printf(
                Locale.ROOT,
                "generated %d module versions, %.1f MB of zips, in %.1f s%n",
                set.size(),
                zipTotal / 1e6,
                seconds(System.nanoTime() - t0));
        List<String> targets = GeneratedModules.targets(set);
        GoToolchain go = GoToolchain.get();
        System.out.println("go: " + go.version() + ", java: " + System.getProperty("java.version") + ", cpus: "
                + Runtime.getRuntime().availableProcessors());

        List<Condition> conditions = List.of(
                new Condition("direct", null),
                new Condition("relay, no added latency", Faults.NONE),
                new Condition(
                        "relay, +" + latencyMs + " ms per answer",
                        Faults.NONE.withLatency(Duration.ofMillis(latencyMs), Duration.ZERO)));
        Map<String, List<Double>> times = new LinkedHashMap<>();
        try (LocalOrigin origin = GeneratedModules.serve(LocalOrigin.open(), set);
                FaultRelay relay = FaultRelay.open(origin.address(), 1)) {
            int run = 0;
            for (Condition c : conditions) {
                String url = c.faults() == null ? origin.url() : relay.url();
                if (c.faults() != null) {
                    relay.faults(c.faults());
                }
                for (int rep = 0; rep < repetitions; rep++) {
                    for (String tool : rep % 2 == 0 ? List.of("go", "holdfast") : List.of("holdfast", "go")) {
                        Path dir = work.resolve("run" + run++);
                        double s = tool.equals("go")
                                ? goDownload(go, dir, url, targets)
                                : holdfast(jar, dir, url, targets);
                        times.computeIfAbsent(c.name() + "\t" + tool, k -> new ArrayList<>())
                                .add(s);
                        System.out.printf(Locale.ROOT, "%s\t%s\trep %d\t%.2f s%n", c.name(), tool, rep + 1, s);
                        delete(dir); // the module caches are read-only trees of ~2x the zips
                    }
                }
            }
        }
        printTable(conditions, times);
    }

    private static double goDownload(GoToolchain go, Path dir, String url, List<String> targets) throws IOException {
        GoToolchain.Sandbox sandbox = go.sandbox(dir);
        List<String> args = new ArrayList<>(List.of("mod", "download"));
        args.addAll(project(dir, targets));
        Map<String, String> env = Map.of("GOPROXY", url, "GOFLAGS", "-mod=mod -modcacherw");
        long start = System.nanoTime();
        GoToolchain.Run r = sandbox.run(dir, env, args.toArray(String[]::new));
        long took = System.nanoTime() - start;
        r.checkSuccess();
        checkFilled(sandbox.modCache(), targets.size());
        return seconds(took);
    }

    private static double holdfast(Path jar, Path dir, String url, List<String> targets) throws Exception {
        Path cache = dir.resolve("gomodcache");
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                PROJECT ? "download" : "fetch",
                "-q"));
        command.addAll(project(dir, targets));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(Holdfast.env(cache, url));
        File log = dir.resolve("holdfast.log").toFile();
        builder.redirectErrorStream(true).redirectOutput(log);
        long start = System.nanoTime();
        Process p = builder.start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(
                    "holdfast " + (PROJECT ? "download" : "fetch") + " failed: " + Files.readString(log.toPath()));
        }
        long took = System.nanoTime() - start;
        checkFilled(cache, targets.size());
        return seconds(took);
    }

    /** Fails unless {@code cache} holds {@code n} module zips: a run that fetched nothing is no result. */
    private static void checkFilled(Path cache, int n) {
        try (var files = Files.walk(cache.resolve("cache/download"))) {
            long zips = files.filter(f -> f.toString().endsWith(".zip")).count();
            if (zips != n) {
                throw new AssertionError("expected " + n + " zips in " + cache + ", found " + zips);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                p.getParent().toFile().setWritable(true);
                Files.delete(p);
            }
        }
    }

    private static void printTable(List<Condition> conditions, Map<String, List<Double>> times) {
        System.out.println();
        System.out.println("| condition | go mod download: runs (s) | median | holdfast "
                + (PROJECT ? "download" : "fetch") + ": runs (s) | median | go / holdfast |");
        System.out.println("|---|---|---|---|---|---|");
        for (Condition c : conditions) {
            List<Double> go = times.get(c.name() + "\tgo");
            List<Double> hf = times.get(c.name() + "\tholdfast");
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %.2f | %s | %.2f | %.2f |%n",
                    c.name(),
                    format(go),
                    median(go),
                    format(hf),
                    median(hf),
                    median(go) / median(hf));
        }
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
