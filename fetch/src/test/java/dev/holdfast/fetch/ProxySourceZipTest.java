package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxySourceZipTest {
    static final ModuleVersion M = new ModuleVersion("example.com/m", "v1.0.0");
    static final String ZIP = "/example.com/m/@v/v1.0.0.zip";
    static final byte[] BODY = bytes(300_000, 1);

    final TestServer server = ProxySourceTest.newServer();

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        server.close();
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    ProxySource source(Duration stall, long maxZipBytes) {
        var timeouts = new ProxySource.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), stall);
        return new ProxySource(
                ProxyList.check(server.url("")),
                ProxySource.newClient(timeouts),
                timeouts,
                Clock.systemUTC(),
                maxZipBytes);
    }

    ProxySource source() {
        return source(Duration.ofSeconds(5), ProxySource.MAX_ZIP_BYTES);
    }

    /** Serves {@code body.get()} with an ETag of {@code etag.get()}, honouring Range with If-Range. */
    static HttpHandler resumable(AtomicReference<byte[]> body, AtomicReference<String> etag) {
        return exchange -> {
            byte[] b = body.get();
            exchange.getResponseHeaders().set("ETag", etag.get());
            String range = exchange.getRequestHeaders().getFirst("Range");
            String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
            if (range != null && etag.get().equals(ifRange)) {
                int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
                exchange.getResponseHeaders()
                        .set("Content-Range", "bytes " + from + "-" + (b.length - 1) + "/" + b.length);
                TestServer.send(exchange, 206, "application/zip", Arrays.copyOfRange(b, from, b.length));
            } else {
                TestServer.send(exchange, 200, "application/zip", b);
            }
        };
    }

    /** Announces the whole body, sends {@code sent} bytes of it, then waits {@code hold} or closes. */
    static HttpHandler cutShort(byte[] body, int sent, Duration hold) {
        return exchange -> {
            exchange.getResponseHeaders().set("ETag", "\"v1\"");
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, sent);
            out.flush();
            if (!hold.isZero()) {
                ProxySourceTest.sleep(hold);
            }
            closeConnection(exchange);
        };
    }

    private static void closeConnection(HttpExchange exchange) {
        try {
            exchange.getResponseBody().close(); // too few bytes: the server drops the connection
        } catch (IOException expected) {
            // "insufficient bytes written to stream"
        }
    }

    @Test
    void zip_downloadsAndRecordsValidator() throws IOException {
        server.on(ZIP, resumable(new AtomicReference<>(BODY), new AtomicReference<>("\"v1\"")));
        ZipTarget target = new ZipTarget(tmp.resolve("m.zip"));
        source().zip(M, target);
        assertThat(Files.readAllBytes(target.file())).isEqualTo(BODY);
        assertThat(target.validator()).isEqualTo("\"v1\"");
        assertThat(server.seen(ZIP).getFirst().headers().getFirst("Range")).isNull();
    }

    @Test
    void zip_resumesWithRangeAndIfRange() throws IOException {
        server.on(ZIP, resumable(new AtomicReference<>(BODY), new AtomicReference<>("\"v1\"")));
        ZipTarget target = new ZipTarget(tmp.resolve("m.zip"));
        Files.write(target.file(), Arrays.copyOf(BODY, 1000));
        target.validator("\"v1\"");
        source().zip(M, target);
        assertThat(Files.readAllBytes(target.file())).isEqualTo(BODY);
        var headers = server.seen(ZIP).getFirst().headers();
        assertThat(headers.getFirst("Range")).isEqualTo("bytes=1000-");
        assertThat(headers.getFirst("If-Range")).isEqualTo("\"v1\"");
    }

    @Test
    void zip_startsOverWhenTheFileChanged() throws IOException {
        byte[] changed = bytes(200_000, 2);
        server.on(ZIP, resumable(new AtomicReference<>(changed), new AtomicReference<>("\"v2\"")));
        ZipTarget target = new ZipTarget(tmp.resolve("m.zip"));
        Files.write(target.file(), Arrays.copyOf(BODY, 250_000));
        target.validator("\"v1\"");
        source().zip(M, target);
        assertThat(Files.readAllBytes(target.file())).isEqualTo(changed);
        assertThat(target.validator()).isEqualTo("\"v2\"");
    }

    @Test
    void zip_withoutValidatorStartsOver() throws IOException {
        server.on(ZIP, resumable(new AtomicReference<>(BODY), new AtomicReference<>("\"v1\"")));
        ZipTarget target = new ZipTarget(tmp.resolve("m.zip"));
        Files.write(target.file(), new byte[] {1, 2, 3});
        source().zip(M, target);
        assertThat(Files.readAllBytes(target.file())).isEqualTo(BODY);
        assertThat(server.seen(ZIP).getFirst().headers().getFirst("Range")).isNull();
    }

    @Test
    void zip_truncatedBodyIsTransientAndKeepsPartialBytes() throws IOException {
        ZipTarget target = new ZipTarget(tmp.resolve("m.zip"));
        try (RawServer raw = new RawServer((head, out) -> {
            RawServer.head(out, 200, BODY.length, "ETag: \"v1\"");
            out.write(BODY, 0, 100_000); // then the connection closes
        })) {
            var timeouts =
                    new ProxySource.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
            ProxySource source =
                    new ProxySource(raw.url(), ProxySource.newClient(timeouts), timeouts, Clock.systemUTC());
            assertThatThrownBy(() -> source.zip(M, target))
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(StalledTransferException.class)
                    .satisfies(e -> assertThat(FetchErrors.isTransient(e)).isTrue())
                    .hasMessage("example.com/m@v1.0.0: read \"" + raw.url() + ZIP + "\": unexpected EOF");
        }
        assertThat(target.length()).isEqualTo(100_000);
        assertThat(Files.readAllBytes(target.file())).isEqualTo(Arrays.copyOf(BODY, 100_000));
        assertThat(target.validator()).isEqualTo("\"v1\"");

        // The next attempt resumes after the kept bytes and completes the file.
        server.on(ZIP, resumable(new AtomicReference<>(BODY), new AtomicReference<>("\"v1\"")));
        source().zip(M, target);
        assertThat(Files.readAllBytes(target.file())).isEqualTo(BODY);
        assertThat(server.seen(ZIP).getLast().headers().getFirst("Range")).isEqualTo("bytes=100000-");
    }

    @Test
    void get_shorterThanAnnouncedIsTransient() throws IOException {
        try (RawServer raw = new RawServer((head, out) -> {
            RawServer.head(out, 200, 100, "Content-Type: text/plain");
            out.write("v1.0.0\n".getBytes());
        })) {
            var timeouts =
                    new ProxySource.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
            ProxySource source =
                    new ProxySource(raw.url(), ProxySource.newClient(timeouts), timeouts, Clock.systemUTC());
            assertThatThrownBy(() -> source.list("example.com/m"))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(FetchErrors.isTransient(e)).isTrue())
                    .hasMessage(
                            "module example.com/m: read \"" + raw.url() + "/example.com/m/@v/list\": unexpected EOF");
        }
    }

    @Test
    void zip_stalledBodyIsAbandoned() throws IOException {
        server.on(ZIP, cutShort(BODY, 50_000, Duration.ofSeconds(10)));
        ZipTarget target = new ZipTarget(tmp.resolve("m.zip"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> source(Duration.ofMillis(400), ProxySource.MAX_ZIP_BYTES)
                        .zip(M, target))
                .isInstanceOf(StalledTransferException.class)
                .satisfies(e -> assertThat(FetchErrors.isTransient(e)).isTrue())
                .hasMessage("example.com/m@v1.0.0: read \"" + server.url(ZIP) + "\": no data for 400 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(target.length()).isEqualTo(50_000);
    }

    @Test
    void zip_tooLargeIsPermanentAndEmptiesTarget() {
        server.on(ZIP, resumable(new AtomicReference<>(BODY), new AtomicReference<>("\"v1\"")));
        ZipTarget target = new ZipTarget(tmp.resolve("m.zip"));
        assertThatThrownBy(() -> source(Duration.ofSeconds(5), BODY.length - 1).zip(M, target))
                .isInstanceOf(UpstreamException.class)
                .satisfies(e -> assertThat(FetchErrors.isTransient(e)).isFalse())
                .hasMessage("example.com/m@v1.0.0: downloaded zip file too large");
        assertThat(Files.exists(target.file())).isFalse();
    }

    @Test
    void zip_exactlyAtTheLimitIsAccepted() throws IOException {
        server.on(ZIP, resumable(new AtomicReference<>(BODY), new AtomicReference<>("\"v1\"")));
        ZipTarget target = new ZipTarget(tmp.resolve("m.zip"));
        source(Duration.ofSeconds(5), BODY.length).zip(M, target);
        assertThat(target.length()).isEqualTo(BODY.length);
    }

    @Test
    void zip_notFound() {
        ZipTarget target = new ZipTarget(tmp.resolve("m.zip"));
        assertThatThrownBy(() -> source().zip(M, target))
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessage("example.com/m@v1.0.0: reading " + server.url(ZIP)
                        + ": 404 Not Found\n\tserver response: not found: " + ZIP);
    }
}
