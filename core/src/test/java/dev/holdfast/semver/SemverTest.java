package dev.holdfast.semver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table tests for {@link Semver}; expectations follow the grammar and precedence rules documented in
 * x/mod's semver.go (and SemVer 2.0.0 §11, which it quotes).
 */
class SemverTest {

    /** A version and its canonical form ({@code ""} when invalid). */
    record Case(String in, String canonical) {}

    static final List<Case> VERSIONS = List.of(
            new Case("", ""),
            new Case("v", ""),
            new Case("bad", ""),
            new Case("1.2.3", ""),
            new Case("V1.2.3", ""),
            new Case("v1", "v1.0.0"),
            new Case("v0", "v0.0.0"),
            new Case("v1.0", "v1.0.0"),
            new Case("v1.2", "v1.2.0"),
            new Case("v1.2.0", "v1.2.0"),
            new Case("v1.2.3", "v1.2.3"),
            new Case("v1-pre", ""),
            new Case("v1+meta", ""),
            new Case("v1-pre+meta", ""),
            new Case("v1.2-pre", ""),
            new Case("v1.2+meta", ""),
            new Case("v1.2-pre+meta", ""),
            new Case("v1.", ""),
            new Case("v1.2.", ""),
            new Case("v1.2.3.4", ""),
            new Case("v01.2.3", ""),
            new Case("v1.02.3", ""),
            new Case("v1.2.03", ""),
            new Case("v00", ""),
            new Case("v0.0.0", "v0.0.0"),
            new Case("v18446744073709551616.0.0", "v18446744073709551616.0.0"),
            new Case("v1.0.0-alpha", "v1.0.0-alpha"),
            new Case("v1.0.0-alpha.1", "v1.0.0-alpha.1"),
            new Case("v1.0.0-alpha.beta", "v1.0.0-alpha.beta"),
            new Case("v1.0.0-rc.1", "v1.0.0-rc.1"),
            new Case("v1.2.3-0", "v1.2.3-0"),
            new Case("v1.2.3-01", ""),
            new Case("v1.2.3-0.01", ""),
            new Case("v1.2.3-00a", "v1.2.3-00a"),
            new Case("v1.2.3-0a.1", "v1.2.3-0a.1"),
            new Case("v1.2.3--", "v1.2.3--"),
            new Case("v1.2.3-456-789", "v1.2.3-456-789"),
            new Case("v1.2.3-", ""),
            new Case("v1.2.3-.a", ""),
            new Case("v1.2.3-a.", ""),
            new Case("v1.2.3-a..b", ""),
            new Case("v1.2.3-a_b", ""),
            new Case("v1.2.3-é", ""),
            new Case("v1.2.3+meta", "v1.2.3"),
            new Case("v1.2.3+meta-pre", "v1.2.3"),
            new Case("v1.2.3+01", "v1.2.3"),
            new Case("v1.2.3-pre+meta", "v1.2.3-pre"),
            new Case("v1.2.3+meta.sha.256a", "v1.2.3"),
            new Case("v1.2.3+", ""),
            new Case("v1.2.3+a..b", ""),
            new Case("v1.2.3+a.", ""),
            new Case("v1.2.3-a+b+c", ""),
            new Case("v1.2.3+a-b+c", ""),
            new Case("v1.2.3 ", ""),
            new Case("v1.2.3\n", ""),
            new Case("v１.2.3", ""),
            new Case("v2.0.0+incompatible", "v2.0.0"));

    static Stream<Case> versions() {
        return VERSIONS.stream();
    }

    @ParameterizedTest
    @MethodSource("versions")
    void canonicalAndIsValid_table(Case c) {
        assertThat(Semver.canonical(c.in())).isEqualTo(c.canonical());
        assertThat(Semver.isValid(c.in())).isEqualTo(!c.canonical().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("versions")
    void parts_agreeWithCanonical(Case c) {
        String canon = c.canonical();
        if (canon.isEmpty()) {
            assertThat(List.of(
                            Semver.major(c.in()),
                            Semver.majorMinor(c.in()),
                            Semver.prerelease(c.in()),
                            Semver.build(c.in())))
                    .containsOnly("");
            return;
        }
        // canonical = vMAJOR.MINOR.PATCH[-PRE]; build = what canonical dropped from the input
        assertThat(canon).startsWith(Semver.majorMinor(c.in()) + ".");
        assertThat(Semver.majorMinor(c.in())).startsWith(Semver.major(c.in()) + ".");
        assertThat(canon).endsWith(Semver.prerelease(c.in()));
        assertThat(c.in()).endsWith(Semver.build(c.in()));
    }

    @Test
    void parts_examples() {
        assertThat(Semver.major("v2.1.0")).isEqualTo("v2");
        assertThat(Semver.major("v2")).isEqualTo("v2");
        assertThat(Semver.majorMinor("v2.1.0")).isEqualTo("v2.1");
        assertThat(Semver.majorMinor("v2")).isEqualTo("v2.0");
        assertThat(Semver.majorMinor("v2.10")).isEqualTo("v2.10");
        assertThat(Semver.prerelease("v2.1.0-pre+meta")).isEqualTo("-pre");
        assertThat(Semver.prerelease("v2.1.0+meta-pre")).isEmpty();
        assertThat(Semver.build("v2.1.0+meta")).isEqualTo("+meta");
        assertThat(Semver.build("v2.1.0-pre+meta.1")).isEqualTo("+meta.1");
    }

    /** Strictly increasing by precedence (SemVer 2.0.0 §11 and the Go doc comment). */
    static final List<String> ASCENDING = List.of(
            "bad",
            "v0.0.0-0",
            "v0.0.0-0.0",
            "v0.0.0-1",
            "v0.0.0-9",
            "v0.0.0-10",
            "v0.0.0-10.a",
            "v0.0.0--",
            "v0.0.0-0a",
            "v0.0.0-A",
            "v0.0.0-Z",
            "v0.0.0-a",
            "v0.0.0-a-b",
            "v0.0.0",
            "v0.1.0",
            "v1.0.0-alpha",
            "v1.0.0-alpha.1",
            "v1.0.0-alpha.beta",
            "v1.0.0-beta",
            "v1.0.0-beta.2",
            "v1.0.0-beta.11",
            "v1.0.0-rc.1",
            "v1.0.0",
            "v1.0.1",
            "v1.1.0",
            "v1.2.0",
            "v1.10.0",
            "v2.0.0",
            "v10.0.0",
            "v100.0.0",
            "v18446744073709551616.0.0");

    @Test
    void compare_followsPrecedence() {
        for (int i = 0; i < ASCENDING.size(); i++) {
            for (int j = 0; j < ASCENDING.size(); j++) {
                String v = ASCENDING.get(i);
                String w = ASCENDING.get(j);
                assertThat(Semver.compare(v, w)).as("compare(%s, %s)", v, w).isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @Test
    void compare_ignoresBuildAndShorthand() {
        assertThat(Semver.compare("v1", "v1.0.0")).isZero();
        assertThat(Semver.compare("v1.0", "v1.0.0+meta")).isZero();
        assertThat(Semver.compare("v1.0.0+a", "v1.0.0+b")).isZero();
        assertThat(Semver.compare("v2.0.0+incompatible", "v2.0.0")).isZero();
    }

    @Test
    void compare_invalidIsLowestAndEqualToInvalid() {
        assertThat(Semver.compare("none", "v0.0.0-0")).isEqualTo(-1);
        assertThat(Semver.compare("v0.0.0-0", "none")).isEqualTo(1);
        assertThat(Semver.compare("none", "")).isZero();
        assertThat(Semver.compare("v1-pre", "bad")).isZero();
    }

    @Test
    void max_returnsCanonicalGreater() {
        assertThat(Semver.max("v1.2", "v1.10")).isEqualTo("v1.10.0");
        assertThat(Semver.max("v1.10", "v1.2")).isEqualTo("v1.10.0");
        assertThat(Semver.max("bad", "v1")).isEqualTo("v1.0.0");
        assertThat(Semver.max("v1", "bad")).isEqualTo("v1.0.0");
        assertThat(Semver.max("bad", "worse")).isEmpty();
        assertThat(Semver.max("v1.0.0+a", "v1.0.0+b")).isEqualTo("v1.0.0");
    }

    @Test
    void sort_breaksTiesByGoStringOrder() {
        List<String> in = List.of("v1.0.0+b", "v0.9", "v1", "bad", "v1.0.0", "abc", "\uD83D\uDE00", "\uFFFD");
        // Invalid strings tie, so Go byte order decides: U+FFFD (EF BF BD) < U+1F600 (F0 9F 98 80),
        // the reverse of Java's UTF-16 order.
        assertThat(Semver.sort(in))
                .containsExactly("abc", "bad", "\uFFFD", "\uD83D\uDE00", "v0.9", "v1", "v1.0.0", "v1.0.0+b");
    }

    @Test
    void sort_ascendingListIsFixedPointOfShuffles() {
        Random random = new Random(1);
        for (int round = 0; round < 20; round++) {
            List<String> shuffled = new ArrayList<>(ASCENDING);
            Collections.shuffle(shuffled, random);
            assertThat(Semver.sort(shuffled)).isEqualTo(ASCENDING);
        }
    }

    static Stream<Arguments> orderedPairs() {
        return Stream.of(Arguments.of("v1.0.0", "v1.0.0+meta"), Arguments.of("v1", "v1.0"), Arguments.of("a", "b"));
    }

    @ParameterizedTest
    @MethodSource("orderedPairs")
    void order_isAntisymmetricOnTies(String a, String b) {
        assertThat(Semver.ORDER.compare(a, b)).isNegative();
        assertThat(Semver.ORDER.compare(b, a)).isPositive();
        assertThat(Semver.ORDER.compare(a, a)).isZero();
    }
}
