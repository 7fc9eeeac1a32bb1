package dev.holdfast.semver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.module.GoStrings;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Algebraic properties of {@link Semver} that hold for any input, checked on version-like strings. */
class SemverPropertiesTest {

    @Provide
    Arbitrary<String> versionish() {
        return Arbitraries.strings().withChars("v0123.-+aZ9").ofMaxLength(14).map(s -> "v" + s);
    }

    @Property(tries = 2000)
    void canonical_isIdempotentAndComparesEqual(@ForAll("versionish") String v) {
        String c = Semver.canonical(v);
        assertThat(Semver.canonical(c)).isEqualTo(c);
        if (!c.isEmpty()) {
            assertThat(Semver.compare(v, c)).isZero();
            assertThat(Semver.build(c)).isEmpty();
        }
    }

    @Property(tries = 2000)
    void compare_isAntisymmetric(@ForAll("versionish") String v, @ForAll("versionish") String w) {
        assertThat(Semver.compare(v, w)).isEqualTo(-Semver.compare(w, v));
    }

    @Property(tries = 2000)
    void compare_isTransitive(
            @ForAll("versionish") String a, @ForAll("versionish") String b, @ForAll("versionish") String c) {
        if (Semver.compare(a, b) <= 0 && Semver.compare(b, c) <= 0) {
            assertThat(Semver.compare(a, c)).isLessThanOrEqualTo(0);
        }
    }

    @Property(tries = 2000)
    void order_tieBreakIsGoStringOrder(@ForAll String a, @ForAll String b) {
        // Arbitrary strings are (almost always) invalid versions, so ORDER falls back to Go order.
        if (Semver.compare(a, b) == 0) {
            assertThat(Semver.ORDER.compare(a, b)).isEqualTo(GoStrings.compare(a, b));
        }
    }
}
