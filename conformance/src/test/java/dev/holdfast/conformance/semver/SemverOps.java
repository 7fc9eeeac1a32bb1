package dev.holdfast.conformance.semver;

import static java.util.Map.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.conformance.module.OracleDiff.Fn;
import dev.holdfast.semver.Semver;
import dev.holdfast.testing.XmodOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Holdfast side of each oracle op in {@code oracle/semver.go}. */
final class SemverOps {

    private SemverOps() {}

    /** Ops on one version string. */
    static final Map<String, Fn> SINGLE = Map.ofEntries(
            entry("semver.isValid", a -> String.valueOf(Semver.isValid(a.get(0)))),
            entry("semver.canonical", a -> Semver.canonical(a.get(0))),
            entry("semver.major", a -> Semver.major(a.get(0))),
            entry("semver.majorMinor", a -> Semver.majorMinor(a.get(0))),
            entry("semver.prerelease", a -> Semver.prerelease(a.get(0))),
            entry("semver.build", a -> Semver.build(a.get(0))));

    /** Ops on a pair of version strings. */
    static final Map<String, Fn> PAIR = Map.ofEntries(
            entry("semver.compare", a -> String.valueOf(Semver.compare(a.get(0), a.get(1)))),
            entry("semver.max", a -> Semver.max(a.get(0), a.get(1))));

    /** Sorts with x/mod's semver.Sort. */
    static List<String> oracleSort(List<String> versions) {
        JsonNode sorted = XmodOracle.get().call("semver.sort", versions);
        List<String> out = new ArrayList<>();
        sorted.forEach(n -> out.add(n.asText()));
        return out;
    }
}
