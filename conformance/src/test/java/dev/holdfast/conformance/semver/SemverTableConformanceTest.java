package dev.holdfast.conformance.semver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.module.Inputs;
import dev.holdfast.conformance.module.OracleDiff;
import dev.holdfast.conformance.module.TableInputs;
import dev.holdfast.semver.Semver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every input of the unit tables (see {@link TableInputs}) through each semver function in
 * Holdfast and in x/mod: single-argument functions on every string, {@code Compare} and {@code Max} on
 * every ordered pair of version-like strings, and {@code Sort} on shuffles of them.
 */
class SemverTableConformanceTest {

    private static final OracleDiff DIFF = new OracleDiff();

    @AfterAll
    static void report() {
        DIFF.report("semver");
    }

    static List<String> versionLike() {
        return TableInputs.STRINGS.stream()
                .filter(s -> s.isEmpty() || (s.length() < 60 && (s.charAt(0) == 'v' || Character.isDigit(s.charAt(0)))))
                .filter(Inputs::transportable)
                .distinct()
                .toList();
    }

    @Test
    void singleArgumentFunctions_agreeOnEveryTableString() {
        List<List<String>> calls = Inputs.singles(TableInputs.STRINGS);
        List<String> mismatches = new ArrayList<>();
        SemverOps.SINGLE.forEach((op, fn) -> mismatches.addAll(DIFF.diff("table strings: " + op, op, calls, fn)));
        assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
    }

    @Test
    void compareAndMax_agreeOnEveryPairOfTableVersions() {
        List<List<String>> calls = Inputs.cross(versionLike());
        List<String> mismatches = new ArrayList<>();
        SemverOps.PAIR.forEach((op, fn) -> mismatches.addAll(DIFF.diff("table version pairs: " + op, op, calls, fn)));
        assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
    }

    @Test
    void sort_agreesOnShufflesOfTableVersions() {
        Random random = new Random(11);
        List<String> versions = new ArrayList<>(versionLike());
        int rounds = 30;
        int agreed = 0;
        List<String> mismatches = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Collections.shuffle(versions, random);
            List<String> want = SemverOps.oracleSort(versions);
            List<String> got = Semver.sort(versions);
            if (got.equals(want)) {
                agreed++;
            } else {
                mismatches.add("holdfast " + got + " | x/mod " + want);
            }
        }
        DIFF.count("shuffles of " + versions.size() + " table versions: semver.Sort", rounds, agreed);
        assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
    }
}
