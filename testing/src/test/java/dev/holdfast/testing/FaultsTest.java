package dev.holdfast.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultsTest {
    @Test
    void none_injectsNothing() {
        Faults f = Faults.NONE;

        assertThat(f.latency()).isZero();
        assertThat(f.bytesPerSecond()).isZero();
        assertThat(f.resetShare() + f.blackHoleShare() + f.truncateShare() + f.corruptShare() + f.statusShare())
                .isZero();
        assertThat(f.flapping()).isFalse();
    }

    @Test
    void withCopies_changeOnlyTheirFault() {
        Faults f = Faults.NONE
                .withLatency(Duration.ofMillis(5), Duration.ofMillis(1))
                .withResets(0.5, 100)
                .withStatus(0.25, 429, Duration.ofSeconds(3))
                .withTruncation(0.1, 0.5);

        assertThat(f.latency()).isEqualTo(Duration.ofMillis(5));
        assertThat(f.chunkLatency()).isEqualTo(Duration.ofMillis(1));
        assertThat(f.resetShare()).isEqualTo(0.5);
        assertThat(f.resetAfterBodyBytes()).isEqualTo(100);
        assertThat(f.status()).isEqualTo(429);
        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(f.truncateKeep()).isEqualTo(0.5);
        assertThat(f.corruptShare()).isZero();
        assertThat(Faults.NONE.withResets(1).resetAfterBodyBytes()).isEqualTo(Faults.RESET_BEFORE_RESPONSE);
    }

    @Test
    void constructor_rejectsNonsense() {
        assertThatThrownBy(() -> Faults.NONE.withResets(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Faults.NONE.withBlackHole(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Faults.NONE.withTruncation(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Faults.NONE.withStatus(1, 99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Faults.NONE.withBandwidth(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Faults.NONE.withLatency(Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Faults.NONE.withFlapping(Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scenarios_matchMissionD2() {
        Faults threeG = Scenario.THREE_G.faults();

        assertThat(threeG.latency()).isEqualTo(Duration.ofMillis(200));
        assertThat(threeG.bytesPerSecond()).isEqualTo(1_000_000 / 8);
        assertThat(threeG.resetShare()).isEqualTo(0.05);
        assertThat(Scenario.LOSSY.faults().resetShare()).isEqualTo(0.30);
        assertThat(Scenario.OUTAGE.faults().blackHoleShare()).isEqualTo(1.0);
        assertThat(Scenario.FLAPPING.faults().flapping()).isTrue();
        assertThat(Scenario.LAN.faults().resetShare()).isZero();
    }
}
