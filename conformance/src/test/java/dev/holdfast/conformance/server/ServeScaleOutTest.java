package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.testing.S3ProxyServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Three {@code holdfast serve} instances on one S3-compatible bucket (S3Proxy), every module uncached,
 * and many go-command clients at once spread over them: every client gets the bytes its go.sum names,
 * the origin sees each zip at most once per instance (each instance's single flight is its own; the
 * bucket's conditional writes keep the first copy) and each .info or .mod at most twice per instance
 * (a stalled request is hedged once), and the bucket holds every zip whole, with the h1 it was verified
 * with.
 */
class ServeScaleOutTest {
    private static final int INSTANCES = 3;
    /** The go commands run: 24 in the build; {@code -Dholdfast.scaleout.clients=200} for the full run. */
    private static final int CLIENTS = Integer.getInteger("holdfast.scaleout.clients", 24);

    private static final int MODULES = 12;

    @TempDir
    Path dir;

    @Test
    void threeInstancesOneBucket_manyClients_sameBytes_atMostOneFetchPerInstance() throws Exception {
        GoToolchain go = GoToolchain.get();
        List<BigModules.Module> modules = BigModules.create(MODULES, 192 << 10, 31);
        Path work = BigModules.writeWorkModule(dir.resolve("work"), modules);
        try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3proxy"));
                LocalOrigin origin = BigModules.serve(LocalOrigin.open(), modules);
                S3Client bucket = Buckets.client(s3)) {
            bucket.createBucket(b -> b.bucket("fleet"));
            Map<String, String> env = Buckets.serveEnv(s3.env(), dir.resolve("home"));
            List<ServeMain> instances = new ArrayList<>();
            try {
                for (int i = 0; i < INSTANCES; i++) {
                    instances.add(new ServeMain(
                            env,
                            "serve",
                            "--listen",
                            "127.0.0.1:0",
                            "--upstream",
                            origin.url(),
                            "--store",
                            "s3://fleet/go",
                            "--cache",
                            dir.resolve("cache-" + i).toString(),
                            "--prefetch",
                            "0",
                            "--quiet"));
                }
                List<String> failures = downloadAll(go, work, instances);
                assertThat(failures).as("clients that failed").isEmpty();
            } finally {
                for (ServeMain instance : instances) {
                    instance.close();
                }
            }

            Map<String, Long> fetches = origin.requests().stream()
                    .collect(Collectors.groupingBy(LocalOrigin.Request::path, TreeMap::new, Collectors.counting()));
            long zipFetches = count(fetches, ".zip");
            ConformanceReport.record(
                    "server",
                    INSTANCES + " serve instances on one S3 bucket, " + CLIENTS + " go clients, " + MODULES
                            + " uncached modules: identical bytes, origin fetches per zip <= instances (per .info"
                            + " or .mod <= twice that: hedged requests)",
                    1,
                    fetches.entrySet().stream()
                                    .allMatch(e -> e.getValue() <= (e.getKey().endsWith(".zip") ? 1 : 2) * INSTANCES)
                            ? 1
                            : 0);
            System.out.printf(
                    "scale-out: %d clients over %d instances; origin fetches: %d zips, %d .mod, %d .info for %d"
                            + " modules; most for one file: %d%n",
                    CLIENTS,
                    INSTANCES,
                    zipFetches,
                    count(fetches, ".mod"),
                    count(fetches, ".info"),
                    MODULES,
                    fetches.values().stream().mapToLong(n -> n).max().orElse(0));
            // A zip is fetched at most once per instance. A .info or .mod request that stalls past the link's
            // usual wait is hedged (a second identical request races it, at most one per request), which on
            // a loaded machine can add one origin request per instance.
            assertThat(fetches).as("origin requests per file").allSatisfy((path, n) -> assertThat(n)
                    .as(path)
                    .isLessThanOrEqualTo(path.endsWith(".zip") ? INSTANCES : 2L * INSTANCES));
            assertThat(zipFetches).isBetween((long) MODULES, (long) MODULES * INSTANCES);

            Map<String, BigModules.Module> byKey =
                    modules.stream().collect(Collectors.toMap(m -> "go" + m.zipPath(), Function.identity()));
            for (Map.Entry<String, BigModules.Module> e : byKey.entrySet()) {
                HeadObjectResponse head =
                        bucket.headObject(b -> b.bucket("fleet").key(e.getKey()));
                assertThat(head.contentLength())
                        .as(e.getKey())
                        .isEqualTo(e.getValue().zip().length);
                assertThat(head.metadata())
                        .as(e.getKey())
                        .containsEntry("h1", e.getValue().sum());
            }
        }
    }

    /**
     * Not-found answers are not written to the bucket: each instance remembers its own for 30 s. This
     * measures that it is enough: many requests for missing modules spread over three instances reach the
     * origin at most once per instance for each file, and every client gets the same 404.
     */
    @Test
    void threeInstancesOneBucket_missingModules_askTheOriginAtMostOncePerInstance() throws Exception {
        String[] missing = {
            "/example.com/missing/@v/list",
            "/example.com/missing/@v/v1.0.0.info",
            "/example.com/missing/sub/@v/v1.0.0.mod",
            "/example.com/missing/sub/@latest"
        };
        int requests = 40;
        try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3proxy"));
                LocalOrigin origin = LocalOrigin.open();
                S3Client bucket = Buckets.client(s3)) {
            bucket.createBucket(b -> b.bucket("fleet"));
            Map<String, String> env = Buckets.serveEnv(s3.env(), dir.resolve("home"));
            List<ServeMain> instances = new ArrayList<>();
            Map<Integer, Long> statuses = new TreeMap<>();
            try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
                for (int i = 0; i < INSTANCES; i++) {
                    instances.add(new ServeMain(
                            env,
                            "serve",
                            "--listen",
                            "127.0.0.1:0",
                            "--upstream",
                            origin.url(),
                            "--store",
                            "s3://fleet/go",
                            "--cache",
                            dir.resolve("cache-" + i).toString(),
                            "--quiet"));
                }
                for (int r = 0; r < requests; r++) {
                    for (String path : missing) {
                        ServeMain instance = instances.get(r % INSTANCES);
                        var response = http.send(
                                java.net.http.HttpRequest.newBuilder(java.net.URI.create(instance.url() + path))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding());
                        statuses.merge(response.statusCode(), 1L, Long::sum);
                    }
                }
            } finally {
                for (ServeMain instance : instances) {
                    instance.close();
                }
            }
            Map<String, Integer> asked = new TreeMap<>();
            for (String path : missing) {
                asked.put(path, origin.requestCount(path));
            }
            System.out.printf(
                    "scale-out, missing modules: %d requests over %d instances; answers %s; origin asked %s%n",
                    requests * missing.length, INSTANCES, statuses, asked);
            ConformanceReport.record(
                    "server",
                    INSTANCES + " serve instances on one bucket, " + requests * missing.length
                            + " requests for missing modules: origin asked at most once per instance per file"
                            + " (twice with a hedge)",
                    missing.length,
                    asked.values().stream()
                            .filter(n -> n >= 1 && n <= 2 * INSTANCES)
                            .count());
            assertThat(statuses).containsOnlyKeys(404);
            // Once per instance; a hedged request (a stalled one raced by a second) can add one more.
            assertThat(asked).allSatisfy((path, n) -> assertThat(n).as(path).isBetween(1, 2 * INSTANCES));
        }
    }

    /** Runs {@link #CLIENTS} go commands, six at a time, each on the next instance; returns what failed. */
    private List<String> downloadAll(GoToolchain go, Path work, List<ServeMain> instances) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> runs = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                ServeMain instance = instances.get(c % instances.size());
                Path sandbox = dir.resolve("client-" + c);
                runs.add(pool.submit(() -> {
                    GoToolchain.Run run =
                            go.sandbox(sandbox).run(work, Map.of("GOPROXY", instance.url()), "mod", "download", "all");
                    return run.exitCode() == 0 ? null : run.describe() + instance.describe();
                }));
            }
            List<String> failed = new ArrayList<>();
            for (Future<String> run : runs) {
                String failure = run.get();
                if (failure != null) {
                    failed.add(failure);
                }
            }
            return failed;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(Map<String, Long> fetches, String suffix) {
        return fetches.entrySet().stream()
                .filter(e -> e.getKey().endsWith(suffix))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }
}
