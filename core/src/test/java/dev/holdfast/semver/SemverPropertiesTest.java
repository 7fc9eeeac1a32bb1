package dev.holdfast.semver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.module.GoStrings;
import dev.holdfast.seeded.Gen;
import dev.holdfast.seeded.Seeded;
import org.junit.jupiter.api.Test;

/** Algebraic properties of {@link Semver} that hold for any input, checked on version-like strings. */
class SemverPropertiesTest {

    private static final Gen<String> VERSIONISH =
            Gen.strings("v0123.-+aZ9", 0, 14).map(s -> "v" + s);

    @Test
    void canonical_isIdempotentAndComparesEqual() {
        Seeded.forAll("canonical", 2000, r -> canonicalHolds(VERSIONISH.next(r)));
    }

    private static void canonicalHolds(String v) {
        String c = Semver.canonical(v);
        assertThat(Semver.canonical(c)).isEqualTo(c);
        if (!c.isEmpty()) {
            assertThat(Semver.compare(v, c)).isZero();
            assertThat(Semver.build(c)).isEmpty();
        }
    }

    @Test
    void compare_isAntisymmetric() {
        Seeded.forAll("antisymmetric", 2000, r -> {
            String v = VERSIONISH.next(r);
            String w = VERSIONISH.next(r);
            assertThat(Semver.compare(v, w)).as("%s %s", v, w).isEqualTo(-Semver.compare(w, v));
        });
    }

    @Test
    void compare_isTransitive() {
        Seeded.forAll("transitive", 2000, r -> {
            String a = VERSIONISH.next(r);
            String b = VERSIONISH.next(r);
            String c = VERSIONISH.next(r);
            if (Semver.compare(a, b) <= 0 && Semver.compare(b, c) <= 0) {
                assertThat(Semver.compare(a, c)).as("%s %s %s", a, b, c).isLessThanOrEqualTo(0);
            }
        });
    }

    @Test
    void order_tieBreakIsGoStringOrder() {
        Seeded.forAll("tieBreak", 2000, r -> {
            // Arbitrary strings are (almost always) invalid versions, so ORDER falls back to Go order.
            String a = Gen.unicode(12).next(r);
            String b = Gen.unicode(12).next(r);
            if (Semver.compare(a, b) == 0) {
                assertThat(Semver.ORDER.compare(a, b)).isEqualTo(GoStrings.compare(a, b));
            }
        });
    }
}
