package dev.holdfast.zip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.zip.GoStdlib.GoVersions;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected values were printed by go1.26.8 (go/version). */
class GoStdlibTest {
    static Stream<Arguments> versionCases() {
        return Stream.of(
                Arguments.of("go1", "go1", -1),
                Arguments.of("go1.0", "go1", -1),
                Arguments.of("go1.21rc1", "go1.21", -1),
                Arguments.of("go1.24", "go1.24", 0),
                Arguments.of("go1.24.3", "go1.24", 0),
                Arguments.of("go1.23", "go1.23", -1),
                Arguments.of("go1.2x", "go1.2", -1),
                Arguments.of("", "", -1),
                Arguments.of("go1.9999", "go1.9999", 1),
                Arguments.of("go2", "go2.0", 1),
                Arguments.of("go1.24-custom", "go1.24", 0),
                Arguments.of("1.24", "", -1));
    }

    @ParameterizedTest
    @MethodSource("versionCases")
    void langAndCompare_matchGoVersion(String v, String lang, int cmp124) {
        assertThat(GoVersions.lang(v)).isEqualTo(lang);
        assertThat(GoVersions.compare(GoVersions.lang(v), "go1.24")).isEqualTo(cmp124);
    }
}
