package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.ConformanceReport;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast serve} (its own process, {@code -Xmx256m}) in front of an upstream that attacks it
 * (issue 12): endless and trickled answers, garbage in version lists and checksum-database tiles, and a
 * password in the upstream URL. Each gets a clear 502 (or a cleaned answer), nothing bad is stored, the
 * server's memory stays small however many floods arrive at once, and the password shows nowhere.
 */
@Timeout(240)
class ServeHostileTest {
    private static final String PASSWORD = "s3cr3t-Pa55word";
    private static final byte[] BLOCK = "module flood\n".repeat(4096).getBytes(StandardCharsets.UTF_8);

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private HttpResponse<String> get(ServeProcess serve, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(serve.url() + path))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void hostileAnswers_clearStatusNothingStoredMemoryBoundedNoPasswordShown() throws Exception {
        try (HostileUpstream up = HostileUpstream.open()) {
            up.on("/example.com/flood/@v/v1.0.0.mod", new Endless(BLOCK))
                    .on("/example.com/flood/@v/v1.0.0.info", new Endless(BLOCK))
                    .on("/example.com/flood/@v/list", new Endless(BLOCK))
                    .on("/sumdb/sum.example.com/latest", new Endless(BLOCK))
                    .on("/example.com/slow/@v/v1.0.0.info", new Trickle(info("v1.0.0"), Duration.ofMillis(500)))
                    .on("/example.com/garbage/@v/list", new Answer(200, "text/plain", garbageList()))
                    .on(
                            "/sumdb/sum.example.com/tile/8/0/000",
                            new Answer(200, "application/octet-stream", new byte[8192]));
            // A password goes over HTTPS only (as the go command refuses it over plain HTTP): the hostile
            // upstream answers first, and the entry with the password, tried only after a 404, must not show.
            String upstream = up.url() + "," + up.url().replace("http://", "https://ci:" + PASSWORD + "@");
            Path cache = tmp.resolve("cache");
            try (ServeProcess serve = ServeProcess.start(
                    tmp.resolve("serve"),
                    "--upstream",
                    upstream,
                    "--cache",
                    cache.toString(),
                    "--upstream-timeout",
                    "2s",
                    "--retry-budget",
                    "4s")) {
                List<String> problems = new ArrayList<>();
                long rssBefore = rssKib(serve);

                // Floods: a 502 naming the bound, whatever the kind, many at once.
                try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<HttpResponse<String>>> floods = new ArrayList<>();
                    for (int i = 0; i < 24; i++) {
                        String path =
                                switch (i % 4) {
                                    case 0 -> "/example.com/flood/@v/v1.0.0.mod";
                                    case 1 -> "/example.com/flood/@v/v1.0.0.info";
                                    case 2 -> "/example.com/flood/@v/list";
                                    default -> "/sumdb/sum.example.com/latest";
                                };
                        floods.add(clients.submit(() -> get(serve, path)));
                    }
                    for (Future<HttpResponse<String>> f : floods) {
                        HttpResponse<String> r = f.get();
                        if (r.statusCode() != 502 || !r.body().contains("larger than")) {
                            problems.add("flood " + r.uri().getPath() + ": " + r.statusCode() + " " + r.body());
                        }
                    }
                }
                long rssAfter = rssKib(serve);

                long start = System.nanoTime();
                HttpResponse<String> slow = get(serve, "/example.com/slow/@v/v1.0.0.info");
                Duration slowTook = Duration.ofNanos(System.nanoTime() - start);
                if (slow.statusCode() != 502 || !slow.body().contains("body not complete after")) {
                    problems.add("trickle: " + slow.statusCode() + " " + slow.body());
                }
                if (slowTook.compareTo(Duration.ofSeconds(15)) > 0) {
                    problems.add("trickle took " + slowTook + ", past the retry budget and one upstream timeout");
                }

                HttpResponse<String> list = get(serve, "/example.com/garbage/@v/list");
                if (!list.body().equals("v1.0.0\nv1.1.0\n")) {
                    problems.add("garbage list relayed as " + list.body().replace("\u0000", "\\0"));
                }

                HttpResponse<String> tile = get(serve, "/sumdb/sum.example.com/tile/8/0/000");
                boolean tileKept = Files.exists(cache.resolve("cache/download/sumdb/sum.example.com/tile/8/0/000"));
                if (tileKept
                        || tile.headers().firstValue("Cache-Control").orElse("").contains("immutable")) {
                    problems.add("a tile nobody could verify was kept as immutable");
                }

                String status = get(serve, "/status").body();
                String metrics = get(serve, "/metrics").body();
                for (String shown : List.of(serve.stdout(), status, metrics, slow.body(), problems.toString())) {
                    if (shown.contains(PASSWORD)) {
                        problems.add(
                                "the upstream password is shown: " + shown.substring(0, Math.min(300, shown.length())));
                    }
                }
                if (!status.contains("ci:xxxxx@127.0.0.1")) {
                    problems.add("/status does not name the upstream redacted: " + status);
                }
                List<String> stored = storedFiles(cache);

                ConformanceReport.record(
                        "server",
                        "hostile upstream: floods, trickle, garbage list and tile, password in the URL",
                        1,
                        problems.isEmpty() && stored.isEmpty() ? 1 : 0);
                System.out.printf(
                        "hostile upstream: VmRSS %d MiB before 24 concurrent floods, %d MiB after; the upstream"
                                + " sent %d MiB%n",
                        rssBefore >> 10, rssAfter >> 10, up.bytesSent() >> 20);
                assertThat(problems).isEmpty();
                assertThat(stored).as("files stored from hostile answers").isEmpty();
                assertThat(rssAfter).as("VmRSS after the floods, KiB").isLessThan(512L << 10);
                assertThat(up.bytesSent())
                        .as("the floods were read, not refused before a byte")
                        .isPositive();
            }
        }
    }

    /** Returns the module-cache files the store holds (lists excepted, which the garbage test stores cleaned). */
    private static List<String> storedFiles(Path cache) throws IOException {
        Path download = cache.resolve("cache/download");
        if (!Files.isDirectory(download)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(download)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> download.relativize(f).toString())
                    .filter(f -> !f.equals("example.com/garbage/@v/list") && !f.endsWith(".lock"))
                    .toList();
        }
    }

    private static byte[] info(String version) {
        return ("{\"Version\":\"" + version + "\",\"Time\":\"2024-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] garbageList() {
        byte[] invalidUtf8 = {'v', '1', '.', '9', '.', '0', (byte) 0xC3, (byte) 0x28, '\n'};
        byte[] text =
                "v1.0.0\nnot a version\nv2.0.0\u0000\n\nv1.1.0 2024-01-01T00:00:00Z\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[text.length + invalidUtf8.length];
        System.arraycopy(text, 0, all, 0, text.length);
        System.arraycopy(invalidUtf8, 0, all, text.length, invalidUtf8.length);
        return all;
    }

    private static long rssKib(ServeProcess serve) throws IOException {
        for (String line : Files.readAllLines(
                Path.of("/proc", Long.toString(serve.process().pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }
}
