package dev.holdfast.modload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Go release order as the gover package documents it: language version before its release candidates
 * before its releases from 1.21 on, a missing patch meaning .0 before 1.21, and malformed versions lowest.
 * (The go distribution's own tables are compared in the conformance module.)
 */
class GoVersionTest {

    @ParameterizedTest
    @CsvSource({
        "1.21, 1.21rc1, -1",
        "1.21rc1, 1.21.0, -1",
        "1.21.0, 1.21.1, -1",
        "1.20, 1.20.0, 0",
        "1.20rc1, 1.20, -1",
        "1, 1.0.0, 0",
        "1.9, 1.10, -1",
        "1.22, 1.21.9, 1",
        "1.21beta1, 1.21rc1, -1",
        "bad, 1.0, -1",
        "bad, worse, 0",
        "1.021, 1.21, -1",
    })
    void compare_goReleaseOrder(String x, String y, int want) {
        assertThat(GoVersion.compare(x, y)).isEqualTo(want);
        assertThat(GoVersion.compare(y, x)).isEqualTo(-want);
    }

    @ParameterizedTest
    @CsvSource({"go1.21.3, 1.21.3", "go1.22rc1-custom, 1.22rc1", "1.21.3, ''", "go1.2.3+x, ''", "gox, ''"})
    void fromToolchain_stripsPrefixAndSuffix(String name, String want) {
        assertThat(GoVersion.fromToolchain(name)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource({
        "go, 1.9, 1.10, -1",
        "toolchain, go1.21.0, go1.21rc1, 1",
        "example.com/m, v1.9.0, v1.10.0, -1",
        "example.com/m, v1.2.0, v1.2.0-pre, 1",
    })
    void compareModule_byPath(String path, String x, String y, int want) {
        assertThat(GoVersion.compareModule(path, x, y)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource({"'', v9.0.0, 1", "v9.0.0, '', -1", "'', '', 0", "none, v0.0.1, -1"})
    void compareLoaded_mainModuleHighest(String x, String y, int want) {
        assertThat(GoVersion.compareLoaded("example.com/m", x, y)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource({"1.16, UNPRUNED", "1.17, PRUNED", "1.17rc1, UNPRUNED", "1.21, PRUNED"})
    void pruning_forGoVersion(String go, Pruning want) {
        assertThat(Pruning.forGoVersion(go)).isEqualTo(want);
    }
}
