package dev.holdfast.conformance.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.fetch.ProxySource;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.TestCerts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP/2 upstream that allows 2 concurrent streams per connection (SETTINGS_MAX_CONCURRENT_STREAMS),
 * asked for 40 go.mod files at once over one warmed-up connection. The JDK's client refuses every request
 * beyond the server's limit with "too many concurrent streams" (the failure issue 11 saw 40 to 136 times
 * per {@code drift} run against a real proxy); Holdfast must learn the limit and queue, so that every
 * request succeeds on its first attempt and none is ever sent twice. The server is the go distribution's
 * own {@code net/http} (HTTP/2 over TLS), built from source written here, because the test classpath must
 * not carry an HTTP/2 server that the in-process {@code holdfast serve} of other tests would pick up.
 */
@Timeout(120)
class Http2StreamLimitTest {
    private static final int MODULES = 40;

    /** Serves a directory over HTTP/2 and TLS, each request held 100 ms; {@code /stats} tells what it saw. */
    private static final String SERVER = """
            package main

            import (
            	"context"
            	"fmt"
            	"net"
            	"net/http"
            	"os"
            	"strconv"
            	"sync"
            	"time"
            )

            func main() {
            	limit, _ := strconv.Atoi(os.Args[4])
            	var mu sync.Mutex
            	inFlight, most, requests := 0, 0, 0
            	files := http.FileServer(http.Dir(os.Args[1]))
            	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
            		if r.URL.Path == "/stats" {
            			mu.Lock()
            			fmt.Fprintf(w, "%d %d %s\\n", most, requests, r.Proto)
            			mu.Unlock()
            			return
            		}
            		mu.Lock()
            		inFlight++
            		requests++
            		most = max(most, inFlight)
            		mu.Unlock()
            		time.Sleep(100 * time.Millisecond)
            		files.ServeHTTP(w, r)
            		mu.Lock()
            		inFlight--
            		mu.Unlock()
            	})
            	server := &http.Server{Handler: handler, HTTP2: &http.HTTP2Config{MaxConcurrentStreams: limit}}
            	listener, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
            	if err != nil {
            		panic(err)
            	}
            	fmt.Println(listener.Addr().(*net.TCPAddr).Port)
            	panic(server.ServeTLS(listener, os.Args[2], os.Args[3]))
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void manyRequestsAtOnce_serverAllowsTwoStreams_everyRequestSucceedsOnItsFirstAttempt() throws Exception {
        GoToolchain go = GoToolchain.get();
        TestCerts certs = TestCerts.create(tmp.resolve("certs"));
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        for (int i = 0; i < MODULES; i++) {
            Path dir = Files.createDirectories(tree.resolve("example.com/m" + i + "/@v"));
            Files.writeString(dir.resolve("v1.0.0.mod"), "module example.com/m" + i + "\n");
        }
        Path src = Files.createDirectories(tmp.resolve("h2server"));
        Files.writeString(src.resolve("main.go"), SERVER);
        Files.writeString(src.resolve("go.mod"), "module example.com/h2server\n\ngo 1.24\n");
        go.run(src, Map.of("GOFLAGS", ""), "build", "-o", "h2server", ".").checkSuccess();

        Process server = new ProcessBuilder(
                        src.resolve("h2server").toString(),
                        tree.toString(),
                        certs.cert().toString(),
                        certs.key().toString(),
                        "2")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            int port = Integer.parseInt(
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
                            .readLine()
                            .strip());
            String base = "https://127.0.0.1:" + port + "/";
            SSLContext tls = certs.sslContext();
            ProxySource.Timeouts timeouts = ProxySource.Timeouts.DEFAULT;
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(tls)
                    .connectTimeout(timeouts.connect())
                    .build();
            ProxySource source = new ProxySource(base, client, timeouts, Clock.systemUTC());
            source.mod(new ModuleVersion("example.com/m0", "v1.0.0")); // one HTTP/2 connection, pooled

            List<Future<byte[]>> answers = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 1; i < MODULES; i++) {
                    ModuleVersion mv = new ModuleVersion("example.com/m" + i, "v1.0.0");
                    answers.add(threads.submit(() -> source.mod(mv)));
                }
            }
            for (int i = 1; i < MODULES; i++) {
                assertThat(new String(answers.get(i - 1).get(), StandardCharsets.UTF_8))
                        .isEqualTo("module example.com/m" + i + "\n");
            }

            String[] stats = client.send(
                            HttpRequest.newBuilder(URI.create(base + "stats"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body()
                    .strip()
                    .split(" ");
            assertThat(stats[2]).as("protocol").isEqualTo("HTTP/2.0");
            assertThat(Integer.parseInt(stats[1]))
                    .as("requests: none sent twice")
                    .isEqualTo(MODULES);
            assertThat(Integer.parseInt(stats[0])).as("most streams at once").isLessThanOrEqualTo(2);
        } finally {
            server.destroyForcibly().waitFor();
        }
    }
}
