package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Durations as Go's time.ParseDuration reads them (its doc: "300ms", "-1.5h" or "2h45m"), positive only. */
class GoDurationTest {

    @Test
    void parse_unitsAndSequences() {
        assertThat(GoDuration.parse("300ms")).isEqualTo(Duration.ofMillis(300));
        assertThat(GoDuration.parse("2h45m")).isEqualTo(Duration.ofMinutes(165));
        assertThat(GoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(GoDuration.parse(".5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("10us")).isEqualTo(Duration.ofNanos(10_000));
        assertThat(GoDuration.parse("10µs")).isEqualTo(Duration.ofNanos(10_000));
        assertThat(GoDuration.parse("7ns")).isEqualTo(Duration.ofNanos(7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "s", "1x", "-1s", "0s", "0", "1s ", " 1s", "1.s.s", "1S"})
    void parse_rejectsWhatIsNotAPositiveDuration(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("invalid duration \"" + text + "\"");
    }
}
