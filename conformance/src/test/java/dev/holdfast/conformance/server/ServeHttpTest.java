package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.server.ProxyServer;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Holdfast's server over a socket: bad requests, and many clients asking for one uncached zip. */
@Timeout(30)
class ServeHttpTest {
    @TempDir
    Path tmp;

    /** Raw request targets that must get a 4xx with a plain-text reason: never a 5xx, never a file. */
    static final List<String> BAD = List.of(
            "/x/@v/list",
            "/example.com/Upper/@v/list",
            "/example.com/greet/@v/v1.zip",
            "/example.com/greet/@v/master.mod",
            "/example.com/greet/@v/v2.0.0.zip",
            "/example.com/greet/@v/v1.0.0.exe",
            "/example.com/greet/@v/%zz.info",
            "/example.com/greet/@v/v1.0.0%ff.info",
            "/example.com/greet/../../../etc/passwd",
            "/example.com/greet/@v/..%2f..%2f..%2fetc%2fpasswd.info",
            "/example.com/greet/@v/%2e%2e/list",
            "/sumdb/sum.example.com/lookup/example.com/greet@master",
            "/sumdb/sum.example.com/tile/8/0/1",
            "/sumdb/nodot/supported",
            "/favicon.ico",
            "/" + "example.com/".repeat(400) + "@v/list");

    @Test
    void badRequests_are4xxWithReason() throws IOException {
        try (LocalOrigin origin = Modules.addTo(LocalOrigin.open());
                ProxyServer holdfast = Holdfast.start(origin.url(), tmp.resolve("store"))) {
            List<String> failures = new ArrayList<>();
            for (String target : BAD) {
                String response = rawGet(holdfast.port(), target);
                String statusLine = response.lines().findFirst().orElse("");
                int status = Integer.parseInt(statusLine.split(" ")[1]);
                String body = response.substring(response.indexOf("\r\n\r\n") + 4);
                boolean ok = status >= 400 && status < 500 && !body.isBlank() && !body.contains("root:");
                if (!ok) {
                    failures.add(target + " -> " + statusLine + " " + body);
                }
            }
            assertThat(origin.requests())
                    .as("no bad request reaches the upstream")
                    .isEmpty();
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void concurrentClients_oneUpstreamFetchIdenticalBytes() throws Exception {
        try (LocalOrigin origin = Modules.addTo(LocalOrigin.open());
                ProxyServer holdfast = Holdfast.start(origin.url(), tmp.resolve("store"))) {
            String zipPath = "/example.com/greet/@v/v1.1.0.zip";
            byte[] want = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(origin.url() + zipPath))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray())
                    .body();
            int before = origin.requestCount(zipPath);
            HttpClient client = HttpClient.newBuilder()
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 200; i++) {
                    answers.add(pool.submit(() -> client.send(
                            HttpRequest.newBuilder(URI.create(holdfast.url() + zipPath))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray())));
                }
            }
            AtomicInteger identical = new AtomicInteger();
            for (Future<HttpResponse<byte[]>> f : answers) {
                HttpResponse<byte[]> r = f.get();
                if (r.statusCode() == 200 && Arrays.equals(r.body(), want)) {
                    identical.incrementAndGet();
                }
            }
            int upstreamFetches = origin.requestCount(zipPath) - before;
            assertThat(identical.get()).isEqualTo(200);
            assertThat(upstreamFetches).isEqualTo(1);
            Path stored = tmp.resolve("store/cache/download/example.com/greet/@v/v1.1.0.zip");
            assertThat(Files.readAllBytes(stored)).isEqualTo(want);
        }
    }

    /**
     * A 16 MB zip to a client that reads slowly, so that the server's socket writes often complete in
     * part: every byte arrives (Helidon 4.4.0's NIO socket dropped the rest of a partial write,
     * helidon-io/helidon#11635, and clients hung with the zip short).
     */
    @Test
    void largeZip_slowClient_receivesEveryByte() throws IOException {
        BigModules.Module big = BigModules.create(1, 16 << 20, 16).getFirst();
        try (LocalOrigin origin = BigModules.serve(LocalOrigin.open(), List.of(big));
                ProxyServer holdfast = Holdfast.start(origin.url(), tmp.resolve("store"))) {
            for (int round = 0; round < 2; round++) { // a cache fill, then from the cache
                try (Socket s = new Socket("127.0.0.1", holdfast.port())) {
                    s.setSoTimeout(20_000);
                    s.setReceiveBufferSize(32 << 10);
                    RawHttp.send(s, big.zipPath());
                    InputStream body = RawHttp.body(s);
                    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                    byte[] chunk = new byte[64 << 10];
                    for (int n; (n = body.read(chunk)) > 0; ) {
                        got.write(chunk, 0, n);
                        if (got.size() % (1 << 20) < n) {
                            ServeProcess.sleep(15);
                        }
                    }
                    assertThat(got.size()).as("round %d", round).isEqualTo(big.zip().length);
                    assertThat(got.toByteArray()).isEqualTo(big.zip());
                }
            }
        }
    }

    /**
     * Sends {@code GET target} as written (no client-side normalization) and returns the status line,
     * headers and the Content-Length bytes of body. (Helidon 4.4 does not close the connection after
     * a request with {@code Connection: close}, helidon-io/helidon#12324, so the body is read by length.)
     */
    static String rawGet(int port, String target) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                head.append((char) c);
            }
            int length = head.toString()
                    .lines()
                    .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                    .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).strip()))
                    .findFirst()
                    .orElse(0);
            return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }
}
