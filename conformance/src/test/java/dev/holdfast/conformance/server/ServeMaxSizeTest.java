package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LiveFiles;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast serve --max-size} with a working set twice the bound, the real go command as client:
 * two builds from empty module caches both succeed with the bytes go.sum names, the zips evicted to
 * keep the bound are fetched from the origin again, and the cache directory ends under the bound, as
 * {@code /metrics} says too.
 */
class ServeMaxSizeTest {
    private static final int MODULES = 16;
    private static final int ZIP_BYTES = 256 << 10;

    @TempDir
    Path dir;

    @Test
    void aWorkingSetTwiceTheBound_buildsTwice_andTheCacheEndsUnderTheBound() throws Exception {
        GoToolchain go = GoToolchain.get();
        List<BigModules.Module> modules = BigModules.create(MODULES, ZIP_BYTES, 18);
        long zips = modules.stream().mapToLong(m -> m.zip().length).sum();
        long bound = zips / 2;
        Path work = BigModules.writeWorkModule(dir.resolve("work"), modules);
        Path cache = dir.resolve("cache");
        try (LocalOrigin origin = BigModules.serve(LocalOrigin.open(), modules);
                ServeMain serve = new ServeMain(
                        Map.of("HOME", dir.resolve("home").toString(), "GOENV", "off", "GOSUMDB", "off"),
                        "serve",
                        "--listen",
                        "127.0.0.1:0",
                        "--upstream",
                        origin.url(),
                        "--cache",
                        cache.toString(),
                        "--prefetch",
                        "0",
                        "--max-size",
                        String.valueOf(bound),
                        "--memory-cache", // the disk's bound alone: zips kept in memory would not be fetched again
                        "0")) {
            HttpClient http = HttpClient.newHttpClient();
            for (String client : List.of("client-1", "client-2")) {
                GoToolchain.Sandbox sb = go.sandbox(dir.resolve(client));
                GoToolchain.Run run = sb.run(work, Map.of("GOPROXY", serve.url()), "mod", "download", "all");
                assertThat(run.exitCode())
                        .as(client + ": " + run.describe() + serve.describe())
                        .isZero();
                GoToolchain.Run verify = sb.run(work, Map.of("GOPROXY", "off"), "mod", "verify");
                assertThat(verify.stdout())
                        .as(client + ": " + verify.describe())
                        .contains("all modules verified");

                String metrics = settled(http, serve.url(), bound, cache.resolve("cache/download"));
                assertThat(gauge(metrics, "holdfast_store_max_bytes")).isEqualTo(bound);
                assertThat(gauge(metrics, "holdfast_store_evictions_total")).isGreaterThan(0);
                assertThat(gauge(metrics, "holdfast_store_bytes"))
                        .as(client + ": bytes held after the build")
                        .isLessThanOrEqualTo(bound)
                        .isEqualTo(onDisk(cache.resolve("cache/download")));
            }
            long zipFetches = origin.requests().stream()
                    .filter(r -> r.path().endsWith(".zip"))
                    .count();
            assertThat(zipFetches)
                    .as("zips fetched from the origin: the evicted ones twice")
                    .isGreaterThan(MODULES);
        }
    }

    /**
     * Returns the metrics once the store holds at most {@code bound} bytes and counts exactly what is on
     * disk under {@code download}, or after 15 s: the zips of the last two seconds are in use, then
     * evicted, and a {@code .mod} or {@code .info} is written after its answer was sent.
     */
    private static String settled(HttpClient http, String url, long bound, Path download) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String metrics = metrics(http, url);
        while ((gauge(metrics, "holdfast_store_bytes") > bound
                        || gauge(metrics, "holdfast_store_bytes") != onDisk(download))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            metrics = metrics(http, url);
        }
        return metrics;
    }

    private static String metrics(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Returns the value of the metric {@code name} without labels in a Prometheus scrape. */
    private static long gauge(String scrape, String name) {
        Matcher m =
                Pattern.compile("(?m)^" + name + "(?:_bytes)? ([0-9.eE+]+)$").matcher(scrape);
        assertThat(m.find()).as(name + " in\n" + scrape).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    /** Returns the bytes of the regular files under {@code download} (a file evicted meanwhile counts 0). */
    private static long onDisk(Path download) {
        return LiveFiles.sizes(download, name -> true).stream()
                .mapToLong(Long::longValue)
                .sum();
    }
}
