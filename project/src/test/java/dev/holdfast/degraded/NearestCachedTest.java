package dev.holdfast.degraded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NearestCachedTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // lowest above wins over any below
                Arguments.of("v1.2.0", List.of("v1.1.0", "v1.3.0", "v1.5.0"), "v1.3.0"),
                Arguments.of("v1.2.0", List.of("v1.5.0", "v1.3.0", "v1.2.1"), "v1.2.1"),
                // nothing above: highest below
                Arguments.of("v1.2.0", List.of("v1.0.0", "v1.1.9", "v1.1.0"), "v1.1.9"),
                // never another major, never the wanted version itself
                Arguments.of("v1.2.0", List.of("v2.0.0+incompatible", "v0.9.0", "v1.2.0"), ""),
                Arguments.of("v2.1.0", List.of("v2.0.0", "v3.0.0"), "v2.0.0"),
                Arguments.of("v0.3.0", List.of("v0.2.0", "v1.0.0"), "v0.2.0"),
                // pre-releases and pseudo-versions are versions like any other, in semver order
                Arguments.of("v1.2.0", List.of("v1.3.0-rc.1", "v1.4.0"), "v1.3.0-rc.1"),
                Arguments.of(
                        "v1.2.0",
                        List.of("v1.2.1-0.20240101000000-abcdefabcdef", "v1.3.0"),
                        "v1.2.1-0.20240101000000-abcdefabcdef"),
                Arguments.of("v1.2.0-rc.1", List.of("v1.2.0"), "v1.2.0"),
                // invalid versions are ignored; nothing cached is nothing chosen
                Arguments.of("v1.2.0", List.of("latest", "1.3.0"), ""),
                Arguments.of("v1.2.0", List.of(), ""));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void choose_table(String wanted, List<String> cached, String expected) {
        assertThat(NearestCached.choose(wanted, cached).orElse("")).isEqualTo(expected);
    }
}
