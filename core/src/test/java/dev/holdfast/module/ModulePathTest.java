package dev.holdfast.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModulePath.PathMajor;
import dev.holdfast.seeded.Gen;
import dev.holdfast.seeded.Seeded;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests for splitting, major-version matching and escaping in {@link ModulePath}; expectations follow
 * x/mod's module.go (SplitPathVersion, CheckPathMajor, PathMajorPrefix, the Escape and Unescape functions).
 */
class ModulePathTest {

    @ParameterizedTest
    @CsvSource(
            nullValues = "NONE",
            value = {
                "x.y/z, x.y/z, ''",
                "x.y/z/v2, x.y/z, /v2",
                "x.y/z/v10, x.y/z, /v10",
                "x.y/z/v123456789012345678901234567890, x.y/z, /v123456789012345678901234567890",
                "x/v2, x, /v2",
                "/v2, '', /v2",
                "x.y/z/v, x.y/z/v, ''",
                "x.y/zv2, x.y/zv2, ''",
                "x.y/z/V2, x.y/z/V2, ''",
                "v2, v2, ''",
                "2, 2, ''",
                "'', '', ''",
                "x.y/z/v1, NONE, NONE",
                "x.y/z/v0, NONE, NONE",
                "x.y/z/v02, NONE, NONE",
                "x.y/z/v2.0, NONE, NONE",
                "x.y/z/v2., NONE, NONE",
                "x.y/z/v2.3.4, NONE, NONE",
                "gopkg.in/yaml.v2, gopkg.in/yaml, .v2",
                "gopkg.in/yaml.v0, gopkg.in/yaml, .v0",
                "gopkg.in/yaml.v2-unstable, gopkg.in/yaml, .v2-unstable",
                "gopkg.in/user/yaml.v3, gopkg.in/user/yaml, .v3",
                "gopkg.in/yaml.v01, NONE, NONE",
                "gopkg.in/yaml.v0-unstable, NONE, NONE",
                "gopkg.in/yaml, NONE, NONE",
                "gopkg.in/yaml.v, NONE, NONE",
                "gopkg.in/yaml-unstable, NONE, NONE",
                "gopkg.in/v1, NONE, NONE",
                "gopkg.in/x.v1/v2, NONE, NONE",
            })
    void splitPathVersion_table(String path, String prefix, String pathMajor) {
        Optional<PathMajor> want = prefix == null ? Optional.empty() : Optional.of(new PathMajor(prefix, pathMajor));
        assertThat(ModulePath.splitPathVersion(path)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "OK",
            value = {
                "v1.2.3, '', OK",
                "v0.1.0, '', OK",
                "v2.0.0+incompatible, '', OK",
                "v2.0.0, '', 'should be v0 or v1, not v2'",
                "v2.0.0+incompatible.x, '', 'should be v0 or v1, not v2'",
                "v2.0.0, /v2, OK",
                "v2.0.0+incompatible, /v2, OK",
                "v3.0.0, /v2, 'should be v2, not v3'",
                "v1.0.0, /v2, 'should be v2, not v1'",
                "v1.0.0, .v1, OK",
                "v0.0.0-20161208181325-20d25e280405, .v1, OK",
                "v0.1.0, .v1, 'should be v1, not v0'",
                "v2.0.0, .v2-unstable, OK",
                "v2.0.0, /v2-unstable, 'should be v2-unstable, not v2'",
                "bad, '', 'should be v0 or v1, not '",
                "bad, /v2, 'should be v2, not '",
                "v2.0.0, v2, 'should be v2, not v2'",
            })
    void checkPathMajor_table(String v, String pathMajor, String reason) {
        assertThat(ModulePath.matchPathMajor(v, pathMajor)).isEqualTo(reason == null);
        if (reason == null) {
            assertThatCode(() -> ModulePath.checkPathMajor(v, pathMajor)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> ModulePath.checkPathMajor(v, pathMajor))
                    .isInstanceOf(InvalidVersionException.class)
                    .hasMessage("version \"%s\" invalid: %s", v, reason);
        }
    }

    @Test
    void pathMajorPrefix_examples() {
        assertThat(ModulePath.pathMajorPrefix("")).isEmpty();
        assertThat(ModulePath.pathMajorPrefix("/v2")).isEqualTo("v2");
        assertThat(ModulePath.pathMajorPrefix(".v1")).isEqualTo("v1");
        assertThat(ModulePath.pathMajorPrefix(".v2-unstable")).isEqualTo("v2");
        assertThatThrownBy(() -> ModulePath.pathMajorPrefix("v2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pathMajor suffix v2 passed to PathMajorPrefix lacks separator");
        assertThatThrownBy(() -> ModulePath.pathMajorPrefix("/v2.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pathMajor suffix /v2.1passed to PathMajorPrefix is not a valid major version");
    }

    @ParameterizedTest
    @CsvSource({
        "v1.2, v1.2.0",
        "v1.2.3+meta, v1.2.3",
        "v2.0.0+incompatible, v2.0.0+incompatible",
        "v2.0.0-pre+incompatible, v2.0.0-pre+incompatible",
        "v2+incompatible, ''",
        "bad, ''"
    })
    void canonicalVersion_keepsIncompatible(String v, String want) {
        assertThat(ModulePath.canonicalVersion(v)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource({
        "example.com/foo, example.com/foo",
        "example.com/Foo/BAR, example.com/!foo/!b!a!r",
        "example.com/Azure/x, example.com/!azure/x",
        "example.com/x/V2, example.com/x/!v2",
    })
    void escape_andUnescape(String path, String escaped) {
        assertThat(ModulePath.escape(path)).isEqualTo(escaped);
        assertThat(ModulePath.unescape(escaped)).isEqualTo(path);
    }

    @Test
    void escape_invalidPath() {
        assertThatThrownBy(() -> ModulePath.escape("Example.com/x"))
                .isInstanceOf(InvalidPathException.class)
                .hasMessage("malformed module path \"Example.com/x\": invalid char 'E' in first path element");
    }

    @ParameterizedTest
    @CsvSource({
        "example.com/Foo",
        "example.com/!",
        "example.com/!!foo",
        "example.com/!F",
        "example.com/!1",
        "example.com/é",
    })
    void unescape_badEscape(String escaped) {
        assertThatThrownBy(() -> ModulePath.unescape(escaped))
                .isInstanceOf(InvalidPathException.class)
                .hasMessage("invalid escaped module path \"%s\"", escaped);
    }

    @Test
    void unescape_resultMustBeValidPath() {
        assertThatThrownBy(() -> ModulePath.unescape("!example.com/x"))
                .isInstanceOf(InvalidPathException.class)
                .hasMessage("invalid escaped module path \"!example.com/x\": malformed module path"
                        + " \"Example.com/x\": invalid char 'E' in first path element")
                .hasCauseInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> ModulePath.unescape("example.com/x//y"))
                .hasMessage("invalid escaped module path \"example.com/x//y\": malformed module path"
                        + " \"example.com/x//y\": double slash");
    }

    @ParameterizedTest
    @CsvSource({"v1.0.0-RC1, v1.0.0-!r!c1", "v1.2.3, v1.2.3", "master, master", "Branch, !branch", "-x, -x"})
    void escapeVersion_andUnescape(String v, String escaped) {
        assertThat(ModulePath.escapeVersion(v)).isEqualTo(escaped);
        assertThat(ModulePath.unescapeVersion(escaped)).isEqualTo(v);
    }

    @ParameterizedTest
    @CsvSource({"v1.0.0!", "''", "a/b", "con", "..", "a*b", "a\tb"})
    void escapeVersion_disallowed(String v) {
        assertThatThrownBy(() -> ModulePath.escapeVersion(v))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessage("version %s invalid: disallowed version string", GoStrings.quote(v));
    }

    @Test
    void escapeVersion_nonAsciiLetterHitsGosConsistencyCheck() {
        // File names allow Unicode letters, so Go's EscapeVersion gets past its check and then fails.
        assertThatThrownBy(() -> ModulePath.escapeVersion("v1.0.0-é"))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessage("internal error: inconsistency in EscapePath");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "v1.0.0-RC1|invalid escaped version \"v1.0.0-RC1\"",
                "v1.0.0-!|invalid escaped version \"v1.0.0-!\"",
                "v1.0.0-!!|invalid escaped version \"v1.0.0-!!\"",
                "v1.0.0-é|invalid escaped version \"v1.0.0-é\"",
                "!con|invalid escaped version \"Con\": \"Con\" disallowed as path element component on Windows",
                "a*b|invalid escaped version \"a*b\": invalid char '*'",
                "''|invalid escaped version \"\": empty path element",
            })
    void unescapeVersion_errors(String escaped, String message) {
        assertThatThrownBy(() -> ModulePath.unescapeVersion(escaped))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessage(message);
    }

    @Test
    void escape_roundTripsAndHasNoUpperCase() {
        Gen<String> paths = Gen.strings("abcXYZ019-_~.", 1, 6).joined(1, 4, "/").map(p -> "example.com/" + p);
        Seeded.forAll("escapeRoundTrip", 3000, r -> escapeRoundTrips(paths.next(r)));
    }

    private static void escapeRoundTrips(String path) {
        String escaped;
        try {
            escaped = ModulePath.escape(path);
        } catch (InvalidPathException e) {
            assertThatThrownBy(() -> ModulePath.check(path)).hasMessage(e.getMessage());
            return;
        }
        assertThat(escaped).doesNotContainPattern("[A-Z]");
        assertThat(ModulePath.unescape(escaped)).isEqualTo(path);
        assertThat(escaped.equalsIgnoreCase(path)).isEqualTo(!path.chars().anyMatch(Character::isUpperCase));
    }
}
