package dev.holdfast.conformance.semver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.module.Inputs;
import dev.holdfast.conformance.module.OracleDiff;
import dev.holdfast.conformance.module.Tricky;
import dev.holdfast.semver.Semver;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Generated version-like strings (see {@link Tricky}) through every semver function in Holdfast and in
 * x/mod, {@value #BATCH} inputs per oracle round trip.
 */
class SemverPropertyConformanceTest {

    static final int BATCH = 250;
    private static final OracleDiff DIFF = new OracleDiff();

    @AfterContainer
    static void report() {
        DIFF.report("semver");
    }

    @Provide
    Arbitrary<List<String>> versions() {
        return Arbitraries.oneOf(Tricky.version(), Tricky.text()).list().ofSize(BATCH);
    }

    @Property(tries = 40)
    void singleArgumentFunctions_agree(@ForAll("versions") List<String> versions) {
        List<List<String>> calls = Inputs.singles(versions);
        List<String> mismatches = new ArrayList<>();
        SemverOps.SINGLE.forEach((op, fn) -> mismatches.addAll(DIFF.diff("generated versions: " + op, op, calls, fn)));
        assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
    }

    @Provide
    Arbitrary<List<List<String>>> pairs() {
        Arbitrary<String> version = Tricky.version();
        // Half the pairs share a prefix, so that they get past major.minor.patch to the pre-release.
        Arbitrary<List<String>> related = Combinators.combine(
                        version, Arbitraries.of("", "-0", "-a", ".1", "+b", "-a.1"))
                .as((v, suffix) -> List.of(v, v + suffix));
        return Arbitraries.oneOf(Combinators.combine(version, version).as(List::of), related)
                .list()
                .ofSize(BATCH);
    }

    @Property(tries = 40)
    void compareAndMax_agree(@ForAll("pairs") List<List<String>> pairs) {
        List<List<String>> calls = pairs.stream()
                .filter(p -> p.stream().allMatch(Inputs::transportable))
                .toList();
        List<String> mismatches = new ArrayList<>();
        SemverOps.PAIR.forEach(
                (op, fn) -> mismatches.addAll(DIFF.diff("generated version pairs: " + op, op, calls, fn)));
        assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
    }

    @Provide
    Arbitrary<List<String>> lists() {
        return Tricky.version().list().ofMinSize(0).ofMaxSize(100);
    }

    @Property(tries = 200)
    void sort_agrees(@ForAll("lists") List<String> versions) {
        if (!versions.stream().allMatch(Inputs::transportable)) {
            return;
        }
        List<String> want = SemverOps.oracleSort(versions);
        List<String> got = Semver.sort(versions);
        DIFF.count("generated lists of 0-100: semver.Sort", 1, got.equals(want) ? 1 : 0);
        assertThat(got).isEqualTo(want);
    }
}
