package dev.holdfast.conformance.bench;

import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory benchmark of issue 5, run by {@code scripts/bench-serve} (not a test): many concurrent
 * downloads of one large zip from a {@code holdfast serve} process whose heap is capped. Two phases,
 * each with a new server process: <b>cold</b> (empty cache; every client waits on the one upstream fill
 * from a {@link LocalOrigin}) and <b>warm</b> (the zip is cached; the server is offline). Every download
 * must complete with the origin's exact bytes (SHA-256), the origin must see one request for the zip,
 * and the server must not run out of memory. Reported: wall time, peak RSS ({@code VmHWM}, and the
 * highest {@code VmRSS} and {@code RssAnon} sampled every 50 ms: anonymous memory is the process's own,
 * the rest is mapped files such as the JDK's modules), and the heap after each GC from the server's GC
 * log.
 *
 * <p>Arguments: the holdfast jar, a work directory, and optionally the zip size in MB (200), the number
 * of clients (100) and the server's {@code -Xmx} (256m).
 */
public final class MemoryBenchmark {
    private static final Pattern GC_PAUSE = Pattern.compile("GC\\(\\d+\\) Pause (.*) (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private MemoryBenchmark() {}

    /** What one phase measured. */
    private record Outcome(
            String phase,
            double seconds,
            int ok,
            int clients,
            long originZipRequests,
            long vmHwmKib,
            long sampledPeakRssKib,
            long sampledPeakAnonKib,
            long maxHeapAfterGcMib,
            long maxHeapBeforeGcMib,
            long heapAfterFinalGcMib,
            int gcPauses,
            boolean outOfMemory) {}

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        int megabytes = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        String heap = args.length > 4 ? args[4] : "256m";

        long t0 = System.nanoTime();
        BenchModules.Module big =
                BenchModules.create("example.com/bench/big", megabytes * 1_000_000, new Random(7), work);
        Files.deleteIfExists(work.resolve("data.bin"));
        Files.deleteIfExists(work.resolve("module.zip"));
        String expected = BenchModules.sha256(big.zip());
        System.out.printf(
                Locale.ROOT,
                "generated %s: zip of %d bytes, sha256 %s, in %.1f s%n",
                big.mv(),
                big.zip().length,
                expected,
                (System.nanoTime() - t0) / 1e9);

        Path cache = work.resolve("cache");
        List<Outcome> outcomes = new ArrayList<>();
        try (LocalOrigin origin = BenchModules.serve(LocalOrigin.open(), List.of(big))) {
            String zipPath = big.urlPath(".zip");
            outcomes.add(phase(
                    "cold: all wait on one upstream fill",
                    jar,
                    heap,
                    List.of("--upstream", origin.url(), "--cache", cache.toString()),
                    work.resolve("cold"),
                    zipPath,
                    clients,
                    expected,
                    origin));
            outcomes.add(phase(
                    "warm: zip cached, server offline",
                    jar,
                    heap,
                    List.of("--offline", "--upstream", "off", "--cache", cache.toString()),
                    work.resolve("warm"),
                    zipPath,
                    clients,
                    expected,
                    origin));
        }
        print(outcomes, megabytes, clients, heap, big.zip().length);
        for (Outcome o : outcomes) {
            if (o.ok() != o.clients() || o.outOfMemory() || o.originZipRequests() > 1) {
                throw new AssertionError("failed: " + o);
            }
        }
    }

    /** Starts a server, runs {@code clients} concurrent downloads of {@code zipPath}, measures, stops it. */
    private static Outcome phase(
            String name,
            Path jar,
            String heap,
            List<String> serveArgs,
            Path dir,
            String zipPath,
            int clients,
            String expected,
            LocalOrigin origin)
            throws Exception {
        Files.createDirectories(dir);
        Path gcLog = dir.resolve("gc.log");
        int originBefore = origin.requestCount(zipPath);
        List<String> jvm = List.of("-Xmx" + heap, "-Xlog:gc:file=" + gcLog);
        try (ServerProcess server = ServerProcess.start(jar, jvm, serveArgs, dir.resolve("server.log"))) {
            AtomicLong peakRss = new AtomicLong();
            AtomicLong peakAnon = new AtomicLong();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted() && server.isAlive()) {
                    peakRss.accumulateAndGet(server.statusKib("VmRSS"), Math::max);
                    peakAnon.accumulateAndGet(server.statusKib("RssAnon"), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long start = System.nanoTime();
            List<String> results = download(URI.create(server.url() + zipPath), clients);
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            sampler.join();
            long hwm = server.statusKib("VmHWM");
            int ok = (int) results.stream().filter(expected::equals).count();
            Map<String, Integer> wrong = new TreeMap<>();
            results.stream().filter(r -> !r.equals(expected)).forEach(r -> wrong.merge(r, 1, Integer::sum));
            if (!wrong.isEmpty()) {
                System.out.println(name + ": downloads that differ or failed: " + wrong);
            }
            Files.writeString(dir.resolve("heap-before-final-gc.txt"), server.jcmd("GC.heap_info"));
            server.jcmd("GC.run");
            Files.writeString(dir.resolve("heap-after-final-gc.txt"), server.jcmd("GC.heap_info"));
            String log = Files.readString(dir.resolve("server.log"));
            server.close();
            Gc gc = Gc.read(gcLog);
            Outcome o = new Outcome(
                    name,
                    seconds,
                    ok,
                    clients,
                    origin.requestCount(zipPath) - originBefore,
                    hwm,
                    peakRss.get(),
                    peakAnon.get(),
                    gc.maxAfterBeforeFinal(),
                    gc.maxBefore(),
                    gc.lastAfter(),
                    gc.count(),
                    log.contains("OutOfMemoryError"));
            System.out.println(o);
            return o;
        }
    }

    /** Downloads {@code uri} with {@code clients} concurrent connections; returns each body's SHA-256 or error. */
    private static List<String> download(URI uri, int clients) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return fetch(client, uri);
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    private static String fetch(HttpClient client, URI uri) {
        try {
            HttpResponse<InputStream> r =
                    client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest sha = BenchModules.digest();
            try (InputStream in = r.body()) {
                byte[] buffer = new byte[256 << 10];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
            }
            return r.statusCode() == 200 ? HexFormat.of().formatHex(sha.digest()) : "status " + r.statusCode();
        } catch (IOException | InterruptedException e) {
            return "error " + e;
        }
    }

    /** The pauses of a unified GC log ({@code -Xlog:gc}): heap before and after each, in MiB. */
    private record Gc(List<long[]> pauses, List<String> kinds) {
        static Gc read(Path log) throws IOException {
            List<long[]> pauses = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                Matcher m = GC_PAUSE.matcher(line);
                if (m.find()) {
                    kinds.add(m.group(1));
                    pauses.add(new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
                }
            }
            return new Gc(pauses, kinds);
        }

        int count() {
            return pauses.size();
        }

        /** The highest heap after a GC, not counting the final full GC the benchmark asks for (jcmd GC.run). */
        long maxAfterBeforeFinal() {
            long max = 0;
            for (int i = 0; i < pauses.size(); i++) {
                if (!kinds.get(i).contains("Diagnostic Command")) {
                    max = Math.max(max, pauses.get(i)[1]);
                }
            }
            return max;
        }

        long maxBefore() {
            return pauses.stream().mapToLong(p -> p[0]).max().orElse(0);
        }

        /** The heap after the last GC (the benchmark's final full GC). */
        long lastAfter() {
            return pauses.isEmpty() ? 0 : pauses.getLast()[1];
        }
    }

    private static void print(List<Outcome> outcomes, int megabytes, int clients, String heap, long zipBytes) {
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "### Memory: %d concurrent downloads of a %d MB zip (%d bytes), server -Xmx%s%n%n",
                clients,
                megabytes,
                zipBytes,
                heap);
        System.out.println("| phase | wall time (s) | downloads with the right sha256 | origin requests for the zip"
                + " | peak RSS, VmHWM (MiB) | peak RSS sampled (MiB) | of which anonymous (MiB)"
                + " | max heap after GC during the run (MiB)"
                + " | max heap before GC (MiB) | heap after a final full GC (MiB) | GC pauses | OutOfMemoryError |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Outcome o : outcomes) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.1f | %d of %d | %d | %d | %d | %d | %d | %d | %d | %d | %s |%n",
                    o.phase(),
                    o.seconds(),
                    o.ok(),
                    o.clients(),
                    o.originZipRequests(),
                    o.vmHwmKib() / 1024,
                    o.sampledPeakRssKib() / 1024,
                    o.sampledPeakAnonKib() / 1024,
                    o.maxHeapAfterGcMib(),
                    o.maxHeapBeforeGcMib(),
                    o.heapAfterFinalGcMib(),
                    o.gcPauses(),
                    o.outOfMemory() ? "yes" : "no");
        }
    }
}
