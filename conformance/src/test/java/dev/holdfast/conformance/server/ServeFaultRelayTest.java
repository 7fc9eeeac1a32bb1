package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.fetch.RetryPolicy;
import dev.holdfast.server.ProxyServer;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.FaultKind;
import dev.holdfast.testing.FaultRelay;
import dev.holdfast.testing.Faults;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The go command through Holdfast whose upstream is behind the fault relay: 20 ms more per answer,
 * 30 % of connections reset, 15 % of bodies cut in half, 5 % of answers a 503, and every 600 ms a
 * 150 ms burst in which every answer is a 502. {@code go get}, {@code go build}, {@code go list -m
 * -versions} and {@code go mod download} (of the app's modules and of {@value #EXTRA} more) all succeed
 * and show exactly what they show with GOPROXY at the origin itself, go.sum included; while the go
 * command pointed at the relay directly fails. {@code /metrics} counts the upstream's failures.
 */
@Timeout(120)
class ServeFaultRelayTest {
    private static final Faults LOSSY = Faults.NONE
            .withLatency(Duration.ofMillis(20), Duration.ZERO)
            .withResets(0.30)
            .withTruncation(0.15, 0.5)
            .withStatus(0.05, 503, Duration.ZERO);
    private static final int EXTRA = 16;
    private static final Faults BURST = LOSSY.withStatus(1.0, 502, Duration.ZERO);

    /** The retries of {@code holdfast serve} (docs/resilience.md), not a policy made for this test. */
    private static final RetryPolicy SERVE = RetryPolicy.defaults();

    private final GoToolchain go = GoToolchain.get();

    @TempDir
    Path tmp;

    @Test
    void goCommand_throughFaultyUpstream_sameResultsAsFromTheOrigin() throws Exception {
        try (LocalOrigin origin = extra(Modules.addTo(LocalOrigin.open()));
                FaultRelay relay = FaultRelay.open(origin.address(), 2024);
                ProxyServer holdfast = Holdfast.start(relay.url(), tmp.resolve("store"), SERVE)) {
            relay.faults(LOSSY);
            Thread bursts = Thread.ofVirtual().start(() -> burst(relay));
            List<String> through;
            GoToolchain.Run straight;
            try {
                through = new ArrayList<>(ServeGoCommandTest.session(go, tmp, holdfast.url(), "holdfast"));
                through.add(downloadExtra(holdfast.url(), "extra-holdfast"));
                straight = go.sandbox(tmp.resolve("straight"))
                        .run(
                                Modules.writeApp(tmp.resolve("straight-app")),
                                java.util.Map.of("GOPROXY", relay.url()),
                                "mod",
                                "download",
                                "-json",
                                "example.com/greet@v1.1.0",
                                "example.com/words@v0.1.0",
                                "example.com/greet@v1.0.0");
            } finally {
                bursts.interrupt();
                bursts.join();
            }
            relay.faults(Faults.NONE);
            List<String> direct = new ArrayList<>(ServeGoCommandTest.session(go, tmp, origin.url(), "direct"));
            direct.add(downloadExtra(origin.url(), "extra-direct"));

            long agreed = 0;
            for (int i = 0; i < direct.size(); i++) {
                agreed += direct.get(i).equals(through.get(i)) ? 1 : 0;
            }
            ConformanceReport.record(
                    "server",
                    "go get/build/list/mod download through holdfast serve over 30% resets, truncation, 5xx bursts"
                            + " vs origin",
                    direct.size(),
                    agreed);
            System.out.println("faults injected between Holdfast and the origin: " + relay.faultCounts()
                    + "; go mod download straight through the relay: exit " + straight.exitCode());
            assertThat(through).isEqualTo(direct);
            assertThat(through.get(2)).contains("example.com/words v0.1.0 h1:");
            assertThat(relay.faultCount(FaultKind.RESET)).isPositive();
            assertThat(relay.faultCount(FaultKind.TRUNCATE)).isPositive();
            assertThat(relay.faultCount(FaultKind.STATUS)).isPositive();
            assertThat(straight.exitCode())
                    .as("the go command alone fails: %s", straight.describe())
                    .isNotZero();

            String metrics = ServeGoCommandTest.get(HttpClient.newHttpClient(), holdfast.url() + "/metrics")
                    .body();
            String upstream = "upstream=\"" + relay.url() + "\"";
            assertThat(sum(metrics, "holdfast_upstream_errors_total{", upstream, "transient=\"true\""))
                    .as("transient upstream errors counted:\n%s", metrics)
                    .isPositive();
            assertThat(sum(metrics, "holdfast_upstream_request_seconds_count{", upstream, "outcome=\"ok\""))
                    .as("successful upstream calls timed")
                    .isPositive();
            assertThat(sum(metrics, "holdfast_upstream_request_seconds_count{", upstream, "outcome=\"error\""))
                    .as("failed upstream calls timed")
                    .isEqualTo(sum(metrics, "holdfast_upstream_errors_total{", upstream, ""));
        }
    }

    /** Returns the sum of the samples of metric {@code name} whose labels include {@code label} and {@code other}. */
    static double sum(String scrape, String name, String label, String other) {
        return scrape.lines()
                .filter(l -> l.startsWith(name) && l.contains(label) && l.contains(other))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Adds {@value #EXTRA} small modules {@code example.com/extra/m<i>} v1.0.0 to {@code origin}. */
    private static LocalOrigin extra(LocalOrigin origin) {
        Modules.addMany(origin, "example.com/extra", EXTRA);
        return origin;
    }

    /** Returns {@code go mod download -json} of the extra modules with GOPROXY {@code goproxy}, paths elided. */
    private String downloadExtra(String goproxy, String name) {
        List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
        for (int i = 0; i < EXTRA; i++) {
            args.add("example.com/extra/m" + i + "@v1.0.0");
        }
        return go.sandbox(tmp.resolve(name))
                .run(tmp, Map.of("GOPROXY", goproxy), args.toArray(String[]::new))
                .checkSuccess()
                .stdout()
                .replaceAll("\"(Dir|GoMod|Zip|Info)\": \"[^\"]*\"", "\"$1\": \"...\"");
    }

    /** Every 600 ms, 150 ms in which every answer is a 502, until interrupted. */
    private static void burst(FaultRelay relay) {
        try {
            while (true) {
                Thread.sleep(600);
                relay.faults(BURST);
                Thread.sleep(150);
                relay.faults(LOSSY);
            }
        } catch (InterruptedException | java.io.IOException e) {
            // the test is over
        }
    }
}
