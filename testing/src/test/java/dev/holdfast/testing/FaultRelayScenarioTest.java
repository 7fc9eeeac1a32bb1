package dev.holdfast.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The relay's dice (seeded, so reproducible) and the time-based scenarios. */
@Timeout(10)
class FaultRelayScenarioTest {
    private static final String M = "example.com/m";
    private static final String LIST = "/example.com/m/@v/list";

    private LocalOrigin origin;

    @BeforeEach
    void open() throws IOException {
        origin = LocalOrigin.open().add(M, "v1.0.0", Instant.EPOCH, TestModules.mod(M), new byte[] {1});
    }

    @AfterEach
    void close() {
        origin.close();
    }

    /**
     * Returns, for each of {@code n} sequential requests, whether it succeeded. Raw sockets, because the
     * JDK's client silently retries a GET once when its connection dies before the answer.
     */
    private static List<Boolean> outcomes(FaultRelay relay, int n) {
        List<Boolean> ok = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try {
                ok.add(LabHttp.raw(relay.port(), LIST).statusLine().startsWith("HTTP/1.1 200 "));
            } catch (IOException e) {
                ok.add(false);
            }
        }
        return ok;
    }

    @Test
    void seed_makesTheFaultsReproducible() throws Exception {
        List<Boolean> first;
        List<Boolean> second;
        try (FaultRelay relay = FaultRelay.open(origin.address(), 7)) {
            relay.faults(Faults.NONE.withResets(0.5));
            first = outcomes(relay, 24);
        }
        try (FaultRelay relay = FaultRelay.open(origin.address(), 7)) {
            relay.faults(Faults.NONE.withResets(0.5));
            second = outcomes(relay, 24);
        }

        assertThat(first).isEqualTo(second).contains(true, false);
    }

    @Test
    void lossy_resetsAboutThirtyPercentAndTruncatesSome() throws Exception {
        try (FaultRelay relay = FaultRelay.open(origin.address(), 3)) {
            relay.faults(Scenario.LOSSY.faults());

            List<Boolean> ok = outcomes(relay, 100);

            long failed = ok.stream().filter(b -> !b).count();
            assertThat(failed).isBetween(12L, 48L).isEqualTo(relay.faultCount(FaultKind.RESET));
            assertThat(relay.faultCount(FaultKind.TRUNCATE)).isPositive(); // a 200 whose body is cut short
            assertThat(relay.connections()).isEqualTo(100);
        }
    }

    @Test
    void threeG_addsItsRoundTripToEveryAnswer() throws Exception {
        try (FaultRelay relay = FaultRelay.open(origin.address(), 1)) {
            relay.faults(Scenario.THREE_G.faults());
            long start = System.nanoTime();

            List<Boolean> ok = outcomes(relay, 4);

            long answered = ok.stream().filter(b -> b).count();
            assertThat(answered).isPositive();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(200 * answered));
            assertThat(relay.faultCount(FaultKind.LATENCY)).isEqualTo(answered);
        }
    }

    @Test
    void flapping_alternatesBetweenRefusingAndServing() throws Exception {
        try (FaultRelay relay = FaultRelay.open(origin.address(), 1)) {
            relay.faults(Faults.NONE.withFlapping(Duration.ofMillis(300), Duration.ofMillis(300)));
            List<String> seen = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofMillis(2_000).toNanos();
            while (System.nanoTime() < end) {
                seen.add(probe(relay));
                Thread.sleep(25);
            }

            String joined = String.join("", seen).replace("?", "").replaceAll("(.)\\1+", "$1"); // runs collapsed
            assertThat(joined).contains("UDU");
            assertThat(relay.faultCount(FaultKind.REFUSE)).isBetween(1L, 5L);

            relay.faults(Faults.NONE);
            assertThat(probe(relay)).isEqualTo("U");
        }
    }

    private static String probe(FaultRelay relay) throws InterruptedException {
        try {
            return LabHttp.get(relay.url() + LIST).statusCode() == 200 ? "U" : "?";
        } catch (ConnectException e) {
            return "D";
        } catch (IOException e) {
            return "?"; // a connection cut as the relay went down
        }
    }
}
