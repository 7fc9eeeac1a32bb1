package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.FaultKind;
import dev.holdfast.testing.FaultRelay;
import dev.holdfast.testing.Faults;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure model of docs/resilience.md through a real {@code holdfast serve} process with its default
 * settings and the unmodified go command: a dead first upstream in a comma-separated GOPROXY list is
 * found dead within seconds and then costs nothing, and a flapping upstream loses no build.
 */
@Timeout(180)
class ServeResilienceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GoToolchain go = GoToolchain.get();

    @TempDir
    Path tmp;

    @Test
    void deadFirstUpstreamInACommaList_openedWithinTheFirstBuild_thenCostsNothing() throws Exception {
        int dead = closedPort();
        String deadUrl = "http://127.0.0.1:" + dead;
        try (LocalOrigin origin = LocalOrigin.open();
                ServeProcess serve = ServeProcess.start(
                        tmp.resolve("serve"),
                        "--upstream",
                        deadUrl + "," + origin.url(),
                        "--cache",
                        tmp.resolve("cache").toString(),
                        "--quiet")) {
            List<String> first = Modules.addMany(origin, "example.com/first", 10);
            List<String> second = Modules.addMany(origin, "example.com/second", 30);

            download(serve.url(), "first", first).checkSuccess();
            JsonNode upstream = upstream(serve.url(), deadUrl);
            assertThat(upstream.path("breaker").asText()).isEqualTo("OPEN");
            assertThat(upstream.path("reason").asText()).isEqualTo("unreachable");
            assertThat(upstream.path("lastError").asText()).contains("connection refused");
            double secondsBefore = upstreamSeconds(serve.url(), deadUrl);
            double callsBefore = upstreamCalls(serve.url(), deadUrl);

            download(serve.url(), "second", second).checkSuccess();

            double spent = upstreamSeconds(serve.url(), deadUrl) - secondsBefore;
            double calls = upstreamCalls(serve.url(), deadUrl) - callsBefore;
            ConformanceReport.record(
                    "server",
                    "dead first upstream of GOPROXY=a,b: a build after the breaker opened spends under 1 s on it",
                    1,
                    spent < 1 ? 1 : 0);
            assertThat(spent)
                    .as("seconds spent on the dead upstream during the second build")
                    .isLessThan(1);
            assertThat(calls)
                    .as("probes of the dead upstream during the second build")
                    .isLessThanOrEqualTo(5);
        }
    }

    @Test
    void flappingUpstream_everyBuildSucceeds() throws Exception {
        try (LocalOrigin origin = LocalOrigin.open();
                FaultRelay relay = FaultRelay.open(origin.address(), 5);
                ServeProcess serve = ServeProcess.over(tmp, relay.url())) {
            List<String> modules = Modules.addMany(origin, "example.com/flap", 40);
            relay.faults(Faults.NONE
                    .withLatency(Duration.ofMillis(20), Duration.ZERO)
                    .withFlapping(Duration.ofSeconds(2), Duration.ofSeconds(2)));

            GoToolchain.Run run = download(serve.url(), "flap", modules);

            ConformanceReport.record(
                    "server",
                    "flapping upstream (up 2 s, down 2 s): go mod download through holdfast serve",
                    1,
                    run.exitCode() == 0 ? 1 : 0);
            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(relay.faultCount(FaultKind.REFUSE))
                    .as("the relay went down during the build")
                    .isPositive();
        }
    }

    private GoToolchain.Run download(String goproxy, String name, List<String> targets) throws IOException {
        return Modules.download(go, tmp, goproxy, name, targets);
    }

    private static JsonNode upstream(String serve, String url) throws IOException, InterruptedException {
        JsonNode status = JSON.readTree(ServeGoCommandTest.get(HttpClient.newHttpClient(), serve + "/status")
                .body());
        for (JsonNode u : status.path("upstreams")) {
            if (u.path("url").asText().equals(url)) {
                return u;
            }
        }
        throw new AssertionError("no upstream " + url + " in /status: " + status);
    }

    private static double upstreamSeconds(String serve, String url) throws IOException, InterruptedException {
        return metric(serve, "holdfast_upstream_request_seconds_sum{", url);
    }

    private static double upstreamCalls(String serve, String url) throws IOException, InterruptedException {
        return metric(serve, "holdfast_upstream_request_seconds_count{", url);
    }

    private static double metric(String serve, String name, String url) throws IOException, InterruptedException {
        String scrape = ServeGoCommandTest.get(HttpClient.newHttpClient(), serve + "/metrics")
                .body();
        return ServeFaultRelayTest.sum(scrape, name, "upstream=\"" + url + "\"", "");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort(); // closed again at once: connections to it are refused
        }
    }
}
