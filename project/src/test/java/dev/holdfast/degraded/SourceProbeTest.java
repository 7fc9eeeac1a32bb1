package dev.holdfast.degraded;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.holdfast.fetch.ProxySpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceProbeTest {
    private static HttpServer server(int status) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", ex -> {
            byte[] body = "not found".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        s.start();
        return s;
    }

    private static String url(HttpServer s) {
        return "http://127.0.0.1:" + s.getAddress().getPort();
    }

    @Test
    void probe_eachKindOfEntry() throws Exception {
        HttpServer notFound = server(404);
        HttpServer unavailable = server(503);
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try {
            List<ProxySpec> specs = List.of(
                    new ProxySpec.NoProxy("example.com/private"),
                    new ProxySpec.Url(url(notFound), true),
                    new ProxySpec.Url(url(unavailable), true),
                    new ProxySpec.Url("http://127.0.0.1:" + closed, true),
                    new ProxySpec.Off());

            List<SourceProbe.Health> health = SourceProbe.probe(
                    specs,
                    Optional.of("example.com/a"),
                    Duration.ofSeconds(2),
                    Path.of("/cache"),
                    Clock.systemUTC(),
                    System.getenv());

            assertThat(health)
                    .extracting(SourceProbe.Health::state)
                    .containsExactly(
                            SourceProbe.State.ROUTING,
                            SourceProbe.State.UP,
                            SourceProbe.State.DOWN,
                            SourceProbe.State.DOWN,
                            SourceProbe.State.OFF,
                            SourceProbe.State.LOCAL);
            assertThat(health.get(1).detail()).isEmpty();
            assertThat(health.get(2).detail()).contains("503");
            assertThat(health.get(5).source()).isEqualTo("module cache /cache");
        } finally {
            notFound.stop(0);
            unavailable.stop(0);
        }
    }

    @Test
    void probe_withoutAPublicModule_asksNobody() {
        List<SourceProbe.Health> health = SourceProbe.probe(
                List.of(new ProxySpec.Url("http://127.0.0.1:9", false), new ProxySpec.Direct()),
                Optional.empty(),
                Duration.ofSeconds(1),
                Path.of("/cache"),
                Clock.systemUTC(),
                System.getenv());

        assertThat(health)
                .extracting(SourceProbe.Health::state)
                .containsExactly(SourceProbe.State.UNPROBED, SourceProbe.State.UP, SourceProbe.State.LOCAL);
    }

    @Test
    void probe_direct_isDownWithoutGit() {
        List<SourceProbe.Health> health = SourceProbe.probe(
                List.of(new ProxySpec.Direct()),
                Optional.empty(),
                Duration.ofSeconds(1),
                Path.of("/cache"),
                Clock.systemUTC(),
                Map.of("PATH", "/nonexistent"));

        assertThat(health.getFirst().state()).isEqualTo(SourceProbe.State.DOWN);
        assertThat(health.getFirst().detail()).startsWith("git is needed for direct fetches: ");
    }
}
