package dev.holdfast.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link ModuleVersion}; expectations follow x/mod's module.Check, module.Sort and Version.String. */
class ModuleVersionTest {

    @ParameterizedTest
    @CsvSource({
        "example.com/m, v1.2.3",
        "example.com/m, v1.2",
        "example.com/m, v0.0.0-20171112131015-abcdef123456",
        "example.com/m, v2.0.0+incompatible",
        "example.com/m/v2, v2.1.0",
        "example.com/m/v2, v2.0.0+incompatible",
        "gopkg.in/yaml.v2, v2.2.1",
        "gopkg.in/check.v1, v0.0.0-20161208181325-20d25e280405",
    })
    void check_valid(String path, String version) {
        assertThatCode(() -> ModuleVersion.check(path, version)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "example.com/m|1.2.3|example.com/m@1.2.3: invalid version: not a semantic version",
                "example.com/m|''|example.com/m@: invalid version: not a semantic version",
                "example.com/m|v2.0.0|example.com/m@v2.0.0: invalid version: should be v0 or v1, not v2",
                "example.com/m/v2|v1.0.0|example.com/m/v2@v1.0.0: invalid version: should be v2, not v1",
                "gopkg.in/yaml.v2|v3.0.0|gopkg.in/yaml.v2@v3.0.0: invalid version: should be v2, not v3",
            })
    void check_invalidVersion(String path, String version, String message) {
        assertThatThrownBy(() -> ModuleVersion.check(path, version))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessage(message)
                .satisfies(e -> {
                    InvalidVersionException ive = (InvalidVersionException) e;
                    assertThat(ive.path()).isEqualTo(path);
                    assertThat(ive.version()).isEqualTo(version);
                    assertThat(ive.pseudo()).isFalse();
                });
    }

    @Test
    void check_invalidPath() {
        assertThatThrownBy(() -> ModuleVersion.check("Example.com", "v1.0.0"))
                .isInstanceOf(InvalidPathException.class)
                .hasMessage("malformed module path \"Example.com\": invalid char 'E' in first path element");
    }

    @Test
    void toString_isPathAtVersion() {
        assertThat(new ModuleVersion("example.com/m", "v1.0.0")).hasToString("example.com/m@v1.0.0");
        assertThat(new ModuleVersion("example.com/m", "")).hasToString("example.com/m");
        assertThat(new ModuleVersion("example.com/m", "none")).hasToString("example.com/m@none");
    }

    @Test
    void new_rejectsNull() {
        assertThatThrownBy(() -> new ModuleVersion(null, "v1")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ModuleVersion("p", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void sort_byPathThenSemverThenSuffix() {
        List<ModuleVersion> want = List.of(
                new ModuleVersion("a", "none"),
                new ModuleVersion("a", "v1.2.0-pre"),
                new ModuleVersion("a", "v1.2.0"),
                new ModuleVersion("a", "v1.2.0/go.mod"),
                new ModuleVersion("a", "v1.10.0"),
                new ModuleVersion("a", "v1.10.0/go.mod"),
                new ModuleVersion("a/b", "v1.0.0"),
                new ModuleVersion("b", ""),
                new ModuleVersion("b", "v0.1.0"),
                new ModuleVersion("z", "v1.0.0"),
                new ModuleVersion("é.example.com", "v1.0.0"),
                new ModuleVersion("\uFFFD", "v1.0.0"),
                new ModuleVersion("\uD83D\uDE00", "v1.0.0"));
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<ModuleVersion> shuffled = new ArrayList<>(want);
            Collections.shuffle(shuffled, random);
            assertThat(ModuleVersion.sort(shuffled)).isEqualTo(want);
        }
    }

    @Test
    void order_equalVersionsWithDifferentSpellingTie() {
        ModuleVersion plain = new ModuleVersion("a", "v1.0.0");
        ModuleVersion meta = new ModuleVersion("a", "v1.0.0+meta");
        assertThat(ModuleVersion.ORDER.compare(plain, meta)).isZero();
        assertThat(ModuleVersion.sort(List.of(meta, plain))).containsExactly(meta, plain);
    }
}
