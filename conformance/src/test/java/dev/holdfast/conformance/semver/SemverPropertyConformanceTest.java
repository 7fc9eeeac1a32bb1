package dev.holdfast.conformance.semver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.module.Inputs;
import dev.holdfast.conformance.module.OracleDiff;
import dev.holdfast.conformance.module.Tricky;
import dev.holdfast.seeded.Gen;
import dev.holdfast.seeded.Seeded;
import dev.holdfast.semver.Semver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Generated version-like strings (see {@link Tricky}) through every semver function in Holdfast and in
 * x/mod, {@value #BATCH} inputs per oracle round trip.
 */
class SemverPropertyConformanceTest {

    static final int BATCH = 250;
    private static final OracleDiff DIFF = new OracleDiff();

    @AfterAll
    static void report() {
        DIFF.report("semver");
    }

    @Test
    void singleArgumentFunctions_agree() {
        Gen<List<String>> versions = Gen.oneOf(Tricky.version(), Tricky.text()).list(BATCH, BATCH);
        Seeded.forAll("semverSingle", 40, r -> {
            List<List<String>> calls = Inputs.singles(versions.next(r));
            List<String> mismatches = new ArrayList<>();
            SemverOps.SINGLE.forEach(
                    (op, fn) -> mismatches.addAll(DIFF.diff("generated versions: " + op, op, calls, fn)));
            assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
        });
    }

    @Test
    void compareAndMax_agree() {
        Gen<String> version = Tricky.version();
        // Half the pairs share a prefix, so that they get past major.minor.patch to the pre-release.
        Gen<List<String>> related = r -> {
            String v = version.next(r);
            return List.of(v, v + Gen.of("", "-0", "-a", ".1", "+b", "-a.1").next(r));
        };
        Gen<List<List<String>>> pairs = Gen.<List<String>>oneOf(r -> List.of(version.next(r), version.next(r)), related)
                .list(BATCH, BATCH);
        Seeded.forAll("semverPairs", 40, r -> {
            List<List<String>> calls = pairs.next(r).stream()
                    .filter(p -> p.stream().allMatch(Inputs::transportable))
                    .toList();
            List<String> mismatches = new ArrayList<>();
            SemverOps.PAIR.forEach(
                    (op, fn) -> mismatches.addAll(DIFF.diff("generated version pairs: " + op, op, calls, fn)));
            assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
        });
    }

    @Test
    void sort_agrees() {
        Gen<List<String>> lists = Tricky.version().list(0, 100);
        Seeded.forAll("semverSort", 200, r -> {
            List<String> versions = lists.next(r);
            if (!versions.stream().allMatch(Inputs::transportable)) {
                return;
            }
            List<String> want = SemverOps.oracleSort(versions);
            List<String> got = Semver.sort(versions);
            DIFF.count("generated lists of 0-100: semver.Sort", 1, got.equals(want) ? 1 : 0);
            assertThat(got).isEqualTo(want);
        });
    }
}
