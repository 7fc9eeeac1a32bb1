package dev.holdfast.conformance.bench;

import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.HostileUpstream;
import dev.holdfast.testing.HostileUpstream.Answer;
import dev.holdfast.testing.HostileUpstream.Endless;
import dev.holdfast.testing.HostileUpstream.Trickle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak of issue 12, run by {@code scripts/soak-hostile} (not a test): one {@code holdfast serve}
 * process with {@code -Xmx256m} in front of an upstream that serves honest modules and, on other paths,
 * endless answers, trickles and garbage; for {@code soak.seconds} (600), hostile clients hammer the
 * hostile paths while the go command downloads honest modules (each run new ones, so every run misses
 * the cache) and checks their hashes. The server's VmRSS is sampled every 10 s. Prints a Markdown report.
 *
 * <p>Arguments: the holdfast jar, a work directory, the report file.
 */
public final class HostileSoak {
    private static final byte[] FLOOD = "module flood\n".repeat(4096).getBytes(StandardCharsets.UTF_8);
    private static final int MODULES_PER_RUN = 20;

    private HostileSoak() {}

    /** Runs the soak; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        Path report = Path.of(args[2]).toAbsolutePath();
        Duration length = Duration.ofSeconds(Integer.getInteger("soak.seconds", 600));
        int hostileClients = Integer.getInteger("soak.hostileClients", 8);
        List<BenchModules.Module> modules = BenchModules.generate(3000, 4 << 10, 5);
        GoToolchain go = GoToolchain.get();

        try (HostileUpstream up = HostileUpstream.open()) {
            for (BenchModules.Module m : modules) {
                up.on(m.urlPath(".info"), new Answer(200, "application/json", info(m)));
                up.on(m.urlPath(".mod"), new Answer(200, "text/plain", m.mod()));
                up.on(m.urlPath(".zip"), new Answer(200, "application/zip", m.zip()));
            }
            up.onPrefix("/example.com/flood", new Endless(FLOOD))
                    .onPrefix("/sumdb/sum.example.com/", new Endless(FLOOD))
                    .onPrefix(
                            "/example.com/slow",
                            new Trickle(
                                    "{\"Version\":\"v1.0.0\"}".getBytes(StandardCharsets.UTF_8),
                                    Duration.ofMillis(300)));
            try (ServerProcess serve = ServerProcess.start(
                    jar,
                    List.of("-Xmx256m"),
                    List.of(
                            "--upstream",
                            up.url(),
                            "--cache",
                            work.resolve("cache").toString(),
                            "--upstream-timeout",
                            "5s",
                            "--retry-budget",
                            "10s"),
                    work.resolve("serve.log"))) {
                long end = System.nanoTime() + length.toNanos();
                Map<Integer, AtomicInteger> hostileStatuses = new ConcurrentHashMap<>();
                AtomicLong hostileRequests = new AtomicLong();
                List<Thread> attackers = new ArrayList<>();
                HttpClient http = HttpClient.newHttpClient();
                for (int c = 0; c < hostileClients; c++) {
                    int client = c;
                    attackers.add(Thread.ofVirtual()
                            .start(() -> attack(http, serve.url(), client, end, hostileStatuses, hostileRequests)));
                }
                List<long[]> rss = new ArrayList<>(); // seconds, KiB
                long start = System.nanoTime();
                int runs = 0;
                int failedRuns = 0;
                int next = 0;
                List<String> failures = new ArrayList<>();
                long nextSample = 0;
                while (System.nanoTime() < end) {
                    long t = (System.nanoTime() - start) / 1_000_000_000L;
                    if (t >= nextSample) {
                        rss.add(new long[] {t, serve.statusKib("VmRSS")});
                        nextSample = t + 10;
                    }
                    List<BenchModules.Module> batch = new ArrayList<>();
                    for (int i = 0; i < MODULES_PER_RUN; i++) {
                        batch.add(modules.get(next++ % modules.size()));
                    }
                    String problem = download(go, work.resolve("run" + runs), serve.url(), batch);
                    runs++;
                    if (problem != null) {
                        failedRuns++;
                        if (failures.size() < 5) {
                            failures.add(problem);
                        }
                    }
                }
                for (Thread a : attackers) {
                    a.join();
                }
                rss.add(new long[] {(System.nanoTime() - start) / 1_000_000_000L, serve.statusKib("VmRSS")});
                String text = report(
                        length,
                        hostileClients,
                        runs,
                        failedRuns,
                        failures,
                        hostileRequests.get(),
                        hostileStatuses,
                        rss,
                        serve.isAlive(),
                        up.bytesSent());
                Files.writeString(report, text);
                System.out.println(text);
            }
        }
    }

    private static void attack(
            HttpClient http,
            String base,
            int client,
            long end,
            Map<Integer, AtomicInteger> statuses,
            AtomicLong requests) {
        String[] kinds = {"/@v/v1.0.0.mod", "/@v/v1.0.0.info", "/@v/list", "/@latest"};
        for (long i = 0; System.nanoTime() < end; i++) {
            String path =
                    switch ((int) (i % 6)) {
                        case 4 -> "/sumdb/sum.example.com/latest";
                        case 5 -> "/example.com/slow" + client + "x" + i + "/@v/v1.0.0.info";
                        default -> "/example.com/flood" + client + "x" + i + kinds[(int) (i % 4)];
                    };
            int status;
            try {
                status = http.send(
                                HttpRequest.newBuilder(URI.create(base + path))
                                        .timeout(Duration.ofSeconds(60))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException | InterruptedException e) {
                status = -1;
            }
            requests.incrementAndGet();
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Downloads {@code batch} with the go command through {@code goproxy}; returns what went wrong, or null. */
    private static String download(GoToolchain go, Path dir, String goproxy, List<BenchModules.Module> batch)
            throws IOException {
        Files.createDirectories(dir);
        List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
        batch.forEach(m -> args.add(m.mv().path() + "@" + m.mv().version()));
        GoToolchain.Run run = go.sandbox(dir)
                .run(dir, Map.of("GOPROXY", goproxy, "GOFLAGS", "-modcacherw"), args.toArray(String[]::new));
        try {
            if (run.exitCode() != 0) {
                return run.describe();
            }
            for (BenchModules.Module m : batch) {
                String zipHash = dev.holdfast.dirhash.DirHash.hashZip(
                        go.sandbox(dir).modCache().resolve("cache/download/" + m.mv().path() + "/@v/v1.0.0.zip"));
                if (!run.stdout().contains("\"Sum\": \"" + zipHash + "\"")) {
                    return m.mv() + ": hash not as served";
                }
            }
            return null;
        } finally {
            deleteQuietly(dir);
        }
    }

    private static String report(
            Duration length,
            int hostileClients,
            int runs,
            int failedRuns,
            List<String> failures,
            long hostileRequests,
            Map<Integer, AtomicInteger> statuses,
            List<long[]> rss,
            boolean alive,
            long flooded) {
        StringBuilder b = new StringBuilder();
        long min = rss.stream().mapToLong(r -> r[1]).min().orElse(0);
        long max = rss.stream().mapToLong(r -> r[1]).max().orElse(0);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.get()));
        b.append(String.format(
                Locale.ROOT,
                "%d s, one `holdfast serve` with `-Xmx256m`, `--upstream-timeout 5s`, `--retry-budget 10s`;"
                        + " %d hostile clients looping over endless `.mod`, `.info`, `list`, `@latest` and"
                        + " `/sumdb/.../latest` answers and `.info` trickled at 3 bytes/s (new paths every time);"
                        + " meanwhile the go command downloading %d new honest modules per run.%n%n",
                length.toSeconds(),
                hostileClients,
                MODULES_PER_RUN));
        b.append(String.format(
                Locale.ROOT,
                "- go command runs: %d, failed: %d%s%n",
                runs,
                failedRuns,
                failures.isEmpty() ? "" : " (" + String.join("; ", failures).replace("\n", " ") + ")"));
        b.append(String.format(
                Locale.ROOT, "- hostile requests: %d, by status: %s (-1: no answer)%n", hostileRequests, byStatus));
        b.append(String.format(Locale.ROOT, "- bytes the hostile upstream sent: %d MiB%n", flooded >> 20));
        b.append(String.format(Locale.ROOT, "- server still running at the end: %s%n", alive ? "yes" : "NO"));
        b.append(String.format(
                Locale.ROOT,
                "- VmRSS: min %d MiB, max %d MiB, first %d MiB, last %d MiB%n%n",
                min >> 10,
                max >> 10,
                rss.getFirst()[1] >> 10,
                rss.getLast()[1] >> 10));
        b.append("| s | VmRSS MiB | |\n|---:|---:|---|\n");
        for (long[] r : rss) {
            b.append(
                    String.format(Locale.ROOT, "| %d | %d | %s |%n", r[0], r[1] >> 10, "#".repeat((int) (r[1] >> 14))));
        }
        return b.toString();
    }

    private static byte[] info(BenchModules.Module m) {
        return ("{\"Version\":\"" + m.mv().version() + "\",\"Time\":\"" + m.time() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
                f.toFile().setWritable(true);
                f.toFile().delete();
            });
        } catch (IOException e) {
            // the script removes the work directory at the end
        }
    }
}
