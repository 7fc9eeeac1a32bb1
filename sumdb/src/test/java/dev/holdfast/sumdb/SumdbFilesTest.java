package dev.holdfast.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.holdfast.fetch.BreakerPolicy;
import dev.holdfast.fetch.ProxyList;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.fetch.RetryPolicy;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.fetch.UpstreamUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the client's files live, and how the server is found and asked (modfetch dbClient). */
class SumdbFilesTest {
    private static final SumdbConfig CONFIG =
            SumdbConfig.parse(NoteKeyTest.LOCALDEV).orElseThrow();
    private static final String NAME = "localhost.localdev/sumdb";

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failFirst = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            int status = statuses.getOrDefault(path, 404);
            AtomicInteger fails = failFirst.get(path);
            if (fails != null && fails.getAndDecrement() > 0) {
                status = 503;
            }
            byte[] body = ("body of " + path).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private SumdbFiles files(SumdbConfig config, String goproxy) {
        RetryPolicy retry = RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(2))
                .build();
        return files(config, ProxyList.parse(goproxy, ""), retry);
    }

    private SumdbFiles files(SumdbConfig config, List<ProxySpec> proxies, RetryPolicy retry) {
        ProxySource.Timeouts timeouts = ProxySource.Timeouts.DEFAULT;
        return new SumdbFiles(
                config,
                proxies,
                tmp.resolve("gopath/pkg/sumdb"),
                tmp.resolve("modcache"),
                ProxySource.newClient(timeouts),
                timeouts,
                retry,
                new UpstreamBreakers(BreakerPolicy.defaults(), Clock.systemUTC()));
    }

    @Test
    void base_proxySupportsDatabase_usedThroughProxy() throws IOException {
        statuses.put("/b/sumdb/" + NAME + "/supported", 200);
        statuses.put("/b/sumdb/" + NAME + "/latest", 200);
        SumdbFiles f = files(CONFIG, url() + "/a," + url() + "/b,direct");
        assertThat(f.readRemote("/latest")).asString().isEqualTo("body of /b/sumdb/" + NAME + "/latest");
        assertThat(requests)
                .containsExactly(
                        "/a/sumdb/" + NAME + "/supported",
                        "/b/sumdb/" + NAME + "/supported",
                        "/b/sumdb/" + NAME + "/latest");
    }

    @Test
    void base_noProxySupportsIt_direct() throws IOException {
        assertThat(files(CONFIG, url() + "/a,direct").base()).isEqualTo("https://" + NAME);
        assertThat(files(CONFIG, "off").base()).isEqualTo("https://" + NAME);
    }

    @Test
    void base_proxyError_unavailable_unlessPipe() throws IOException {
        statuses.put("/a/sumdb/" + NAME + "/supported", 403);
        assertThatThrownBy(() -> files(CONFIG, url() + "/a,direct").base())
                .isInstanceOf(SumdbException.class)
                .hasMessageStartingWith("reading " + url() + "/a/sumdb/" + NAME + "/supported: 403");
        // After a pipe the next entry is tried; "direct" then wins.
        assertThat(files(CONFIG, url() + "/a|direct").base()).isEqualTo("https://" + NAME);
    }

    @Test
    void base_explicitUrl_noProxyAsked() throws IOException {
        SumdbConfig explicit =
                SumdbConfig.parse(NoteKeyTest.LOCALDEV + " " + url() + "/db/").orElseThrow();
        statuses.put("/db/lookup/x@v1.0.0", 200);
        assertThat(files(explicit, url() + "/a").readRemote("/lookup/x@v1.0.0"))
                .asString()
                .isEqualTo("body of /db/lookup/x@v1.0.0");
        assertThat(requests).containsExactly("/db/lookup/x@v1.0.0");
    }

    @Test
    void readRemote_transientFailure_retried() throws IOException {
        SumdbConfig explicit =
                SumdbConfig.parse(NoteKeyTest.LOCALDEV + " " + url()).orElseThrow();
        statuses.put("/tile/8/0/000.p/1", 200);
        failFirst.put("/tile/8/0/000.p/1", new AtomicInteger(2));
        assertThat(files(explicit, "off").readRemote("/tile/8/0/000.p/1")).isNotEmpty();
        assertThat(requests).hasSize(3);
        // A 404 is an answer, not a failure: asked once.
        requests.clear();
        assertThatThrownBy(() -> files(explicit, "off").readRemote("/lookup/y@v1.0.0"))
                .isInstanceOf(SumdbException.class)
                .satisfies(e -> assertThat(((SumdbException) e).status()).isEqualTo(404));
        assertThat(requests).hasSize(1);
    }

    @Test
    void readRemote_retriesStopAtTheBudget() {
        SumdbConfig explicit =
                SumdbConfig.parse(NoteKeyTest.LOCALDEV + " " + url()).orElseThrow();
        failFirst.put("/latest", new AtomicInteger(1000));
        RetryPolicy retry = RetryPolicy.builder()
                .maxAttempts(50)
                .initialBackoff(Duration.ofMillis(40))
                .maxBackoff(Duration.ofMillis(40))
                .jitter(RetryPolicy.Jitter.fraction(0))
                .budget(Duration.ofMillis(100))
                .build();
        SumdbFiles f = files(explicit, List.of(), retry);
        assertThatThrownBy(() -> f.readRemote("/latest"))
                .isInstanceOf(SumdbException.class)
                .satisfies(e -> assertThat(((SumdbException) e).isTransient()).isTrue());
        // 40 ms apart, retried while under 100 ms: a handful of attempts, not fifty.
        assertThat(requests.size()).isBetween(2, 5);
    }

    @Test
    void aProxyTheModuleSourcesFoundDown_isNotAskedForTheDatabase() throws IOException {
        statuses.put("/p/sumdb/" + NAME + "/supported", 200);
        UpstreamBreakers shared = new UpstreamBreakers(BreakerPolicy.defaults(), Clock.systemUTC());
        String proxy = ProxySource.describe(url() + "/p"); // the name the module sources' breaker has
        for (int i = 0; i < 100 && shared.state(proxy).orElse(null) != State.OPEN; i++) {
            try {
                shared.call(proxy, "example.com/m", () -> {
                    throw new ConnectException("connection refused"); // the module sources' calls, failing
                });
            } catch (IOException expected) {
                // counted
            }
        }
        assertThat(shared.state(proxy)).contains(State.OPEN);
        RetryPolicy impatient = RetryPolicy.builder()
                .maxAttempts(3)
                .outagePatience(Duration.ZERO)
                .build();
        SumdbFiles f = new SumdbFiles(
                CONFIG,
                ProxyList.parse(url() + "/p", ""),
                tmp.resolve("gopath/pkg/sumdb"),
                tmp.resolve("modcache"),
                ProxySource.newClient(ProxySource.Timeouts.DEFAULT),
                ProxySource.Timeouts.DEFAULT,
                impatient,
                shared);

        assertThatThrownBy(() -> f.readRemote("/latest")).isInstanceOf(UpstreamUnavailableException.class);
        assertThat(requests).as("the proxy was known down: not asked").isEmpty();
    }

    @Test
    void aDatabaseNobodyAnswers_theBreakerEndsTheRetries_notTheBudget() throws IOException {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort(); // closed again: nothing listens there
        }
        SumdbConfig explicit = SumdbConfig.parse(NoteKeyTest.LOCALDEV + " http://127.0.0.1:" + dead)
                .orElseThrow();
        RetryPolicy retry = RetryPolicy.builder()
                .maxAttempts(1000)
                .initialBackoff(Duration.ofMillis(20))
                .maxBackoff(Duration.ofMillis(50))
                .budget(Duration.ofMinutes(5))
                .outagePatience(Duration.ofMillis(500))
                .build();
        SumdbFiles f = files(explicit, List.of(), retry);

        // Without the breaker this would retry for the five minutes of the budget and then name the refusal.
        assertThatThrownBy(() -> f.readRemote("/latest"))
                .isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("circuit breaker open")
                .hasMessageContaining("connection refused");
    }

    @Test
    void fileProxy_supportedFile() throws IOException {
        Path proxy = tmp.resolve("proxy");
        Files.createDirectories(proxy.resolve("sumdb/" + NAME));
        Files.writeString(proxy.resolve("sumdb/" + NAME + "/supported"), "");
        Files.writeString(proxy.resolve("sumdb/" + NAME + "/latest"), "tree");
        SumdbFiles f = files(CONFIG, proxy.toUri().toString());
        assertThat(f.readRemote("/latest")).asString().isEqualTo("tree");
        assertThat(files(CONFIG, tmp.resolve("empty").toUri() + ",direct").base())
                .isEqualTo("https://" + NAME);
    }

    @Test
    void config_compareAndSwap_inGoCommandPlace() throws IOException {
        SumdbFiles f = files(CONFIG, "off");
        assertThat(f.readConfig(NAME + "/latest")).isEmpty();
        f.writeConfig(NAME + "/latest", new byte[0], bytes("one"));
        assertThat(tmp.resolve("gopath/pkg/sumdb/" + NAME + "/latest")).hasContent("one");
        assertThatThrownBy(() -> f.writeConfig(NAME + "/latest", bytes("zero"), bytes("two")))
                .isInstanceOf(SumdbClient.WriteConflictException.class);
        f.writeConfig(NAME + "/latest", bytes("one"), bytes("two"));
        assertThat(f.readConfig(NAME + "/latest")).asString().isEqualTo("two");
    }

    @Test
    void cache_inModuleCache_emptyFileIsMissing() throws IOException {
        SumdbFiles f = files(CONFIG, "off");
        assertThat(f.readCache(NAME + "/tile/8/0/000")).isEmpty();
        f.writeCache(NAME + "/tile/8/0/000", bytes("data"));
        Path file = tmp.resolve("modcache/cache/download/sumdb/" + NAME + "/tile/8/0/000");
        assertThat(file).hasContent("data");
        assertThat(f.readCache(NAME + "/tile/8/0/000"))
                .hasValueSatisfying(d -> assertThat(d).asString().isEqualTo("data"));
        Files.write(file, new byte[0]);
        assertThat(f.readCache(NAME + "/tile/8/0/000")).isEmpty();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
