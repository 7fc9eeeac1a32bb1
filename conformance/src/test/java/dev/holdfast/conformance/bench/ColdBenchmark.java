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
 * The cold benchmark of issues 5 and 17, run by {@code scripts/bench-serve} (not a test): the wall time of
 * {@code go mod download} in a project that requires many generated modules, with a new, empty module
 * cache each run, (1) straight to an origin that adds latency to every answer, (2) through a {@code
 * holdfast serve} process with an empty cache whose upstream is that same origin, (3) the same with
 * prefetching off, (4) through goproxy/goproxy with an empty cache when its binary is given; and, for
 * comparison, (5) through the Holdfast of (2) again once its cache is warm. The origin is a {@link
 * LocalOrigin} behind a {@link FaultRelay} that adds the latency before every answer (the relay closes each
 * connection after one request, so every request pays it). Servers start before the clock does (a proxy
 * is long running); with warm-up modules, each server first serves a download of those (other modules, so
 * its cache stays cold for the project) before the timed run, as a server that has been up for a while
 * has. The go command's start-up is timed. Within a repetition the order rotates. Besides the times, the
 * requests that reached the origin and the server's CPU time during the timed run are reported.
 *
 * <p>Arguments: the holdfast jar, a work directory, and optionally the number of modules (300), the
 * repetitions (3), the added latency in ms (50), the zip size in bytes (16 KiB), the goproxy binary
 * ({@code -}: none) and the number of warm-up modules (0).
 */
public final class ColdBenchmark {
    private static final String DIRECT = "go mod download, straight to the origin";
    private static final String COLD = "through holdfast, cold cache";
    private static final String COLD_NO_PREFETCH = "through holdfast --prefetch 0, cold cache";
    private static final String GOPROXY = "through goproxy/goproxy, cold cache";
    private static final String WARM = "through holdfast, warm cache";

    private ColdBenchmark() {}

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int latencyMs = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        int zipBytes = args.length > 5 ? Integer.parseInt(args[5]) : 16 << 10;
        Path goproxy =
                args.length > 6 && !args[6].equals("-") ? Path.of(args[6]).toAbsolutePath() : null;
        int warmupCount = args.length > 7 ? Integer.parseInt(args[7]) : 0;

        GoToolchain go = GoToolchain.get();
        Results results = new Results();
        String realGoMod = System.getenv().getOrDefault("COLD_REAL_GOMOD", "");
        if (!realGoMod.isEmpty()) {
            // A real module's go.mod against a real upstream (the go environment's first GOPROXY entry,
            // given by the script): no origin to count requests at, no generated modules.
            String upstream = System.getenv("COLD_REAL_UPSTREAM");
            System.out.println("go: " + go.version() + ", java: " + System.getProperty("java.version") + ", cpus: "
                    + Runtime.getRuntime().availableProcessors() + "; the go.mod of " + realGoMod
                    + " against the go environment's proxy");
            // COLD_REAL_WARMUP_GOMOD: another project each server downloads first, untimed, so that the
            // timed run finds a running server's JVM (compiled, warmed) with the measured modules not cached.
            String realWarmup = System.getenv().getOrDefault("COLD_REAL_WARMUP_GOMOD", "");
            Bench bench = new Bench(
                    go,
                    null,
                    Files.readString(Path.of(realGoMod)),
                    realWarmup.isEmpty() ? "" : Files.readString(Path.of(realWarmup)),
                    -1,
                    realWarmup.isEmpty() ? 0 : -1);
            race(bench, upstream, jar, goproxy, repetitions, work, results);
            results.print("Cold: go mod download of a real module's go.mod, the go environment's proxy upstream");
            return;
        }
        List<BenchModules.Module> modules = BenchModules.generate(count, zipBytes, 11);
        List<BenchModules.Module> warmup = BenchModules.generate("example.com/warmup/m", warmupCount, zipBytes, 12);
        System.out.println("go: " + go.version() + ", java: " + System.getProperty("java.version") + ", cpus: "
                + Runtime.getRuntime().availableProcessors() + "; " + count + " modules, zips of "
                + modules.getFirst().zip().length + " bytes, +" + latencyMs + " ms per answer; servers warmed up"
                + " with " + warmupCount + " other modules");
        try (LocalOrigin origin = BenchModules.serve(BenchModules.serve(LocalOrigin.open(), modules), warmup);
                FaultRelay relay = FaultRelay.open(origin.address(), 1)) {
            relay.faults(Faults.NONE.withLatency(Duration.ofMillis(latencyMs), Duration.ZERO));
            Bench bench =
                    new Bench(go, origin, goMod(modules), warmupCount > 0 ? goMod(warmup) : "", count, warmupCount);
            race(bench, relay.url(), jar, goproxy, repetitions, work, results);
        }
        results.print(String.format(
                Locale.ROOT,
                "Cold: go mod download of a %d-module project, origin +%d ms per answer",
                count,
                latencyMs));
    }

    /** Runs every contestant against {@code upstream} {@code repetitions} times, rotating the order. */
    private static void race(
            Bench bench, String upstream, Path jar, Path goproxy, int repetitions, Path work, Results results)
            throws Exception {
        List<Contestant> contestants = new ArrayList<>(List.of(
                (rep, dir) -> bench.timed(results, DIRECT, rep, dir, upstream, () -> Double.NaN),
                (rep, dir) -> bench.holdfast(results, rep, dir, jar, upstream, List.of(), true),
                (rep, dir) -> bench.holdfast(results, rep, dir, jar, upstream, List.of("--prefetch", "0"), false)));
        if (goproxy != null) {
            contestants.add((rep, dir) -> {
                try (GoproxyProcess server = GoproxyProcess.start(goproxy, bench.go(), upstream, dir)) {
                    bench.warmUp(dir, server.url());
                    bench.timed(results, GOPROXY, rep, dir.resolve("cold"), server.url(), server::cpuSeconds);
                }
            });
        }
        int n = 0;
        for (int rep = 1; rep <= repetitions; rep++) {
            for (int i = 0; i < contestants.size(); i++) {
                Contestant c = contestants.get((i + rep - 1) % contestants.size());
                c.run(rep, Files.createDirectories(work.resolve("run" + n++)));
            }
        }
    }

    /** One contestant's timed run in a repetition, under a directory of its own. */
    private interface Contestant {
        void run(int rep, Path dir) throws Exception;
    }

    /**
     * What a benchmark run needs: the go command, the origin (null for a real upstream, where requests
     * are not counted), the projects' go.mod files and their numbers of zips (-1: not checked).
     */
    private record Bench(
            GoToolchain go, LocalOrigin origin, String goMod, String warmupGoMod, int count, int warmupCount) {
        /** Starts a holdfast server with {@code flags}, warms it up, times a cold run and, if asked, a warm one. */
        void holdfast(Results results, int rep, Path dir, Path jar, String upstream, List<String> flags, boolean main)
                throws Exception {
            List<String> serve = new ArrayList<>(List.of(
                    "--upstream",
                    upstream,
                    "--cache",
                    dir.resolve("holdfast-cache").toString()));
            serve.addAll(flags);
            try (ServerProcess server =
                    ServerProcess.start(jar, serverJvmOptions(dir), serve, dir.resolve("holdfast.log"))) {
                warmUp(dir, server.url());
                timed(
                        results,
                        main ? COLD : COLD_NO_PREFETCH,
                        rep,
                        dir.resolve("cold"),
                        server.url(),
                        server::cpuSeconds);
                if (main) {
                    Thread.sleep(2000); // let prefetches and background stores end; a warm run finds all stored
                    timed(results, WARM, rep, dir.resolve("warm"), server.url(), server::cpuSeconds);
                }
            }
        }

        /** Downloads the warm-up project through the server at {@code goproxy}, untimed. */
        void warmUp(Path dir, String goproxy) throws IOException {
            if (!warmupGoMod.isEmpty()) {
                goDownload(go, dir.resolve("warmup"), warmupGoMod, goproxy, warmupCount);
            }
        }

        /** Times one download through {@code goproxy}, noting the server's CPU time and the origin's requests. */
        void timed(Results results, String what, int rep, Path dir, String goproxy, CpuClock cpu) throws IOException {
            int before = origin == null ? 0 : origin.requests().size();
            double cpuBefore = cpu.seconds();
            double seconds = goDownload(go, dir, goMod, goproxy, count);
            double cpuSeconds = cpu.seconds() - cpuBefore;
            String requests = "—";
            if (origin != null) {
                List<LocalOrigin.Request> seen = origin.requests();
                requests = kinds(seen.subList(before, seen.size()));
            }
            results.add(what, seconds, cpuSeconds, requests);
            System.out.printf(Locale.ROOT, "%s\trep %d\t%.2f s (server CPU %.2f s)%n", what, rep, seconds, cpuSeconds);
        }
    }

    /** The CPU time a server process has used so far, or NaN without a server. */
    private interface CpuClock {
        double seconds();
    }

    /** Returns the go.mod of a project that requires every one of {@code modules}. */
    private static String goMod(List<BenchModules.Module> modules) {
        StringBuilder goMod = new StringBuilder("module example.com/bench/project\n\ngo 1.21\n\nrequire (\n");
        for (BenchModules.Module m : modules) {
            goMod.append('\t').append(m.require()).append('\n');
        }
        return goMod.append(")\n").toString();
    }

    /**
     * Returns the server's JVM options from {@code COLD_SERVER_JVM} (space-separated; {@code {dir}} is
     * replaced by the repetition's directory), so that a profile can be taken of the server's cold path.
     */
    private static List<String> serverJvmOptions(Path dir) {
        String options = System.getenv().getOrDefault("COLD_SERVER_JVM", "").strip();
        return options.isEmpty()
                ? List.of()
                : List.of(options.replace("{dir}", dir.toString()).split(" +"));
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
            if (count >= 0 && zips != count) {
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

    /** The times, server CPU times and origin requests of every contestant, in the order first seen. */
    private static final class Results {
        private final Map<String, List<Double>> times = new LinkedHashMap<>();
        private final Map<String, List<Double>> cpu = new LinkedHashMap<>();
        private final Map<String, String> requests = new LinkedHashMap<>(); // in the last repetition

        synchronized void add(String what, double seconds, double cpuSeconds, String originRequests) {
            times.computeIfAbsent(what, k -> new ArrayList<>()).add(seconds);
            cpu.computeIfAbsent(what, k -> new ArrayList<>()).add(cpuSeconds);
            requests.put(what, originRequests);
        }

        void print(String title) {
            double direct = median(times.get(DIRECT));
            System.out.println();
            System.out.println("### " + title);
            System.out.println();
            System.out.println("| run | times (s) | median (s) | this ÷ direct (lower: faster) | server CPU (s, median)"
                    + " | requests reaching the origin |");
            System.out.println("|---|---|---:|---:|---:|---:|");
            for (Map.Entry<String, List<Double>> e : times.entrySet()) {
                double m = median(e.getValue());
                double c = median(cpu.get(e.getKey()));
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %s | %.2f | %.2f | %s | %s |%n",
                        e.getKey(),
                        String.join(
                                ", ",
                                e.getValue().stream()
                                        .map(x -> String.format(Locale.ROOT, "%.2f", x))
                                        .toList()),
                        m,
                        m / direct,
                        Double.isNaN(c) ? "—" : String.format(Locale.ROOT, "%.2f", c),
                        requests.get(e.getKey()));
            }
        }
    }

    private static double median(List<Double> runs) {
        List<Double> sorted = runs.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
