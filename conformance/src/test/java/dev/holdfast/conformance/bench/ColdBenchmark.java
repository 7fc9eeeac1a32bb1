package dev.holdfast.conformance.bench;

import dev.holdfast.testing.FaultRelay;
import dev.holdfast.testing.Faults;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cold benchmark of issue 5, run by {@code scripts/bench-serve} (not a test): the wall time of
 * {@code go mod download} in a project that requires many generated modules, with a new, empty module
 * cache each run, (1) straight to an origin that adds latency to every answer, and (2) through a {@code
 * holdfast serve} process with an empty cache whose upstream is that same origin; and, for comparison,
 * (3) through the same Holdfast again once its cache is warm. The origin is a {@link LocalOrigin} behind
 * a {@link FaultRelay} that adds the latency before every answer (the relay closes each connection after
 * one request, so every request pays it). The server starts before the clock does (a proxy is long
 * running); the go command's start-up is timed. Within a repetition the order alternates.
 *
 * <p>Arguments: the holdfast jar, a work directory, and optionally the number of modules (300), the
 * repetitions (3), the added latency in ms (50) and the zip size in bytes (16 KiB).
 */
public final class ColdBenchmark {
    private static final String DIRECT = "go mod download, straight to the origin";
    private static final String COLD = "go mod download through holdfast, cold cache";
    private static final String WARM = "go mod download through holdfast, warm cache";

    private ColdBenchmark() {}

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int latencyMs = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        int zipBytes = args.length > 5 ? Integer.parseInt(args[5]) : 16 << 10;

        List<BenchModules.Module> modules = BenchModules.generate(count, zipBytes, 11);
        StringBuilder goMod = new StringBuilder("module example.com/bench/project\n\ngo 1.21\n\nrequire (\n");
        for (BenchModules.Module m : modules) {
            goMod.append('\t').append(m.require()).append('\n');
        }
        goMod.append(")\n");
        GoToolchain go = GoToolchain.get();
        System.out.println("go: " + go.version() + ", java: " + System.getProperty("java.version") + ", cpus: "
                + Runtime.getRuntime().availableProcessors() + "; " + count + " modules, zips of "
                + modules.getFirst().zip().length + " bytes, +" + latencyMs + " ms per answer");

        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, String> requests = new LinkedHashMap<>(); // reaching the origin, in the last repetition
        try (LocalOrigin origin = BenchModules.serve(LocalOrigin.open(), modules);
                FaultRelay relay = FaultRelay.open(origin.address(), 1)) {
            relay.faults(Faults.NONE.withLatency(Duration.ofMillis(latencyMs), Duration.ZERO));
            Run run = (what, rep, dir, goproxy) -> {
                int before = origin.requests().size();
                double seconds = goDownload(go, dir, goMod, goproxy, count);
                times.computeIfAbsent(what, k -> new ArrayList<>()).add(seconds);
                List<LocalOrigin.Request> seen = origin.requests();
                requests.put(what, kinds(seen.subList(before, seen.size())));
                System.out.printf(Locale.ROOT, "%s\trep %d\t%.2f s%n", what, rep, seconds);
            };
            int n = 0;
            for (int rep = 1; rep <= repetitions; rep++) {
                boolean directFirst = rep % 2 == 1;
                if (directFirst) {
                    run.go(DIRECT, rep, work.resolve("run" + n++), relay.url());
                }
                Path dir = Files.createDirectories(work.resolve("run" + n++));
                try (ServerProcess holdfast = ServerProcess.start(
                        jar,
                        List.of(),
                        List.of(
                                "--upstream",
                                relay.url(),
                                "--cache",
                                dir.resolve("holdfast-cache").toString()),
                        dir.resolve("holdfast.log"))) {
                    run.go(COLD, rep, dir.resolve("cold"), holdfast.url());
                    run.go(WARM, rep, dir.resolve("warm"), holdfast.url());
                }
                if (!directFirst) {
                    run.go(DIRECT, rep, work.resolve("run" + n++), relay.url());
                }
            }
        }
        print(times, requests, count, latencyMs);
    }

    /** One timed run of the go command. */
    private interface Run {
        void go(String what, int rep, Path dir, String goproxy) throws IOException;
    }

    /** Returns how many of {@code requests} asked for each kind of file: {@code "mod 300, info 300, ..."}. */
    private static String kinds(List<LocalOrigin.Request> requests) {
        Map<String, Integer> counts = new TreeMap<>();
        for (LocalOrigin.Request r : requests) {
            String path = r.path();
            String kind = path.endsWith("/@v/list") ? "list" : path.substring(path.lastIndexOf('.') + 1);
            counts.merge(kind, 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder().append(requests.size());
        counts.forEach(
                (k, v) -> b.append(b.length() == String.valueOf(requests.size()).length() ? " (" : ", ")
                        .append(k)
                        .append(' ')
                        .append(v));
        return counts.isEmpty() ? b.toString() : b.append(')').toString();
    }

    /** Times {@code go mod download} in a new copy of the project with a new module cache under {@code dir}. */
    private static double goDownload(GoToolchain go, Path dir, CharSequence goMod, String goproxy, int count)
            throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("go.mod"), goMod, StandardCharsets.UTF_8);
        GoToolchain.Sandbox sandbox = go.sandbox(dir);
        Map<String, String> env = Map.of("GOPROXY", goproxy, "GOFLAGS", "-mod=mod -modcacherw", "GOSUMDB", "off");
        long start = System.nanoTime();
        GoToolchain.Run r = sandbox.run(project, env, "mod", "download");
        double seconds = (System.nanoTime() - start) / 1e9;
        r.checkSuccess();
        try (var files = Files.walk(sandbox.modCache().resolve("cache/download"))) {
            long zips = files.filter(f -> f.toString().endsWith(".zip")).count();
            if (zips != count) {
                throw new AssertionError("expected " + count + " zips in " + sandbox.modCache() + ", found " + zips);
            }
        }
        delete(dir);
        return seconds;
    }

    private static void delete(Path dir) throws IOException {
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                p.getParent().toFile().setWritable(true);
                Files.delete(p);
            }
        }
    }

    private static void print(Map<String, List<Double>> times, Map<String, String> requests, int count, int latencyMs) {
        double direct = median(times.get(DIRECT));
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "### Cold: go mod download of a %d-module project, origin +%d ms per answer%n%n",
                count,
                latencyMs);
        System.out.println(
                "| run | times (s) | median (s) | direct ÷ this (higher: faster than direct) | requests reaching the origin |");
        System.out.println("|---|---|---:|---:|---:|");
        for (Map.Entry<String, List<Double>> e : times.entrySet()) {
            double m = median(e.getValue());
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %.2f | %.2f | %s |%n",
                    e.getKey(),
                    String.join(
                            ", ",
                            e.getValue().stream()
                                    .map(s -> String.format(Locale.ROOT, "%.2f", s))
                                    .toList()),
                    m,
                    direct / m,
                    requests.get(e.getKey()));
        }
    }

    private static double median(List<Double> runs) {
        List<Double> sorted = runs.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
