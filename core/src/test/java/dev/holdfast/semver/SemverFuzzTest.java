package dev.holdfast.semver;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.holdfast.module.InvalidPathException;
import dev.holdfast.module.InvalidVersionException;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.module.PseudoVersion;

/**
 * Fuzzes the version and module path parsers: any input either parses into something that keeps the
 * laws below or is refused with one of the documented exceptions. Runs its seed corpus in regression
 * mode on every build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class SemverFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void versions(FuzzedDataProvider data) {
        String v = data.consumeString(64);
        String w = data.consumeRemainingAsString();

        String canonical = Semver.canonical(v);
        assertThat(Semver.isValid(v)).isEqualTo(!canonical.isEmpty());
        if (!canonical.isEmpty()) {
            assertThat(Semver.canonical(canonical)).isEqualTo(canonical);
            assertThat(Semver.compare(v, canonical)).isZero();
            assertThat(canonical).startsWith(Semver.major(v));
        }
        assertThat(Semver.compare(v, v)).isZero();
        assertThat(Semver.compare(v, w)).isEqualTo(-Semver.compare(w, v));
        assertThat(Semver.max(v, w)).isIn(v, w, Semver.canonical(v), Semver.canonical(w));
        if (PseudoVersion.isPseudoVersion(v)) {
            try {
                PseudoVersion.base(v);
                PseudoVersion.time(v);
                assertThat(PseudoVersion.rev(v)).isNotEmpty();
            } catch (InvalidVersionException expected) {
                assertThat(expected).hasMessageContaining(v);
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void modulePaths(FuzzedDataProvider data) {
        String path = data.consumeString(128);
        String version = data.consumeRemainingAsString();
        try {
            ModuleVersion.check(path, version);
            assertThat(ModulePath.unescape(ModulePath.escape(path))).isEqualTo(path);
            assertThat(ModulePath.unescapeVersion(ModulePath.escapeVersion(version)))
                    .isEqualTo(version);
        } catch (InvalidPathException | InvalidVersionException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
