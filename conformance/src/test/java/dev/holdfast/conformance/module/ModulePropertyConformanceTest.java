package dev.holdfast.conformance.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.seeded.Gen;
import dev.holdfast.seeded.Seeded;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Generated inputs (see {@link Tricky}) through every module operation in Holdfast and in x/mod. Each
 * try sends one batch of {@value #BATCH} inputs per op, so that thousands of inputs cost few round trips.
 */
class ModulePropertyConformanceTest {

    static final int BATCH = 250;
    private static final OracleDiff DIFF = new OracleDiff();

    @AfterAll
    static void report() {
        DIFF.report("module");
    }

    private void expectAgreement(String kind, List<String> ops, List<List<String>> calls) {
        List<String> mismatches = new ArrayList<>();
        for (String op : ops) {
            mismatches.addAll(DIFF.diff("generated " + kind + ": " + op, op, calls, ModuleOps.OPS.get(op)));
        }
        assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
    }

    /** Returns a batch of {@value #BATCH} values of {@code gen}. */
    private static <T> Gen<List<T>> batch(Gen<T> gen) {
        return gen.list(BATCH, BATCH);
    }

    private static Gen<List<String>> pair(Gen<String> a, Gen<String> b) {
        return r -> List.of(a.next(r), b.next(r));
    }

    @Test
    void pathOps_agree() {
        Gen<List<String>> paths = batch(Gen.oneOf(Tricky.path(), Tricky.escaped()));
        Seeded.forAll("pathOps", 40, r -> expectAgreement("paths", ModuleOps.ON_PATHS, Inputs.singles(paths.next(r))));
    }

    @Test
    void versionOps_agree() {
        Gen<List<String>> versions = batch(
                Gen.weighted(3, Tricky.version(), 4, Gen.weighted(3, Tricky.pseudoVersion(), 1, Tricky.escaped())));
        Seeded.forAll(
                "versionOps",
                40,
                r -> expectAgreement("versions", ModuleOps.ON_VERSIONS, Inputs.singles(versions.next(r))));
    }

    @Test
    void pathVersionOps_agree() {
        Gen<List<List<String>>> pairs = batch(pair(Tricky.path(), Tricky.version()));
        Seeded.forAll(
                "pathVersionOps",
                20,
                r -> expectAgreement(
                        "path-version pairs", ModuleOps.ON_PATH_VERSION_PAIRS, transportable(pairs.next(r))));
    }

    @Test
    void pathMajorOps_agree() {
        Gen<List<List<String>>> pairs = batch(pair(Tricky.version(), Tricky.pathMajor()));
        Seeded.forAll("pathMajorOps", 20, r -> {
            List<List<String>> drawn = pairs.next(r);
            expectAgreement("version-pathMajor pairs", ModuleOps.ON_VERSION_PATH_MAJOR_PAIRS, transportable(drawn));
            expectAgreement(
                    "pathMajors",
                    List.of("module.pathMajorPrefix"),
                    Inputs.singles(drawn.stream().map(p -> p.get(1)).toList()));
        });
    }

    @Test
    void patternOps_agree() {
        Gen<List<List<String>>> pairs = batch(pair(Tricky.globs(), Gen.oneOf(Tricky.path(), Tricky.text())));
        Seeded.forAll(
                "patternOps",
                40,
                r -> expectAgreement("glob-target pairs", ModuleOps.ON_PATTERN_PAIRS, transportable(pairs.next(r))));
    }

    @Test
    void sortOrder_agrees() {
        Gen<String> path = Gen.of("a", "a/b", "b", "é.example.com", "\uFFFD", "😀", "");
        Gen<String> version = Gen.oneOf(
                Tricky.version(),
                r -> Tricky.version().next(r) + Gen.of("/go.mod", "/x", "/").next(r));
        Gen<List<List<String>>> pairs =
                batch(r -> List.of(path.next(r), version.next(r), path.next(r), version.next(r)));
        Seeded.forAll(
                "sortOrder",
                20,
                r -> expectAgreement("version pairs", List.of("module.sortOrder"), transportable(pairs.next(r))));
    }

    @Test
    void pseudoVersion_agrees() {
        Gen<String> major = Gen.of("", "v0", "v1", "v2", "v10", "bad", "v1.2");
        Gen<String> seconds = Gen.<Long>oneOf(
                        r -> -62198755200L + (long) (r.nextDouble() * (253402300800L + 62198755200L)),
                        r -> -70000000000000L + (long) (r.nextDouble() * (400000000000000L + 70000000000000L)),
                        Gen.of(-62135596800L, 0L, 253402300799L))
                .map(String::valueOf);
        Gen<String> rev = Gen.of("abcdef123456", "000000000000", "r", "", "A-B");
        Gen<List<List<String>>> calls =
                batch(r -> List.of(major.next(r), Tricky.version().next(r), seconds.next(r), rev.next(r)));
        Seeded.forAll(
                "pseudoVersion",
                20,
                r -> expectAgreement(
                        "construction args", List.of("module.pseudoVersion"), transportable(calls.next(r))));
    }

    @Test
    void sort_agreesIncludingTies() {
        Gen<String> path = Gen.of("a", "a/b", "b", "é.example.com", "\uFFFD", "😀");
        Gen<String> version = Gen.oneOf(
                Gen.of("v1.0.0", "v1.0.0+meta", "v1.0.0/go.mod", "v1", "none", "", "v1.0.0-pre", "v2.0.0+incompatible"),
                Tricky.version());
        Gen<List<ModuleVersion>> lists =
                ((Gen<ModuleVersion>) r -> new ModuleVersion(path.next(r), version.next(r))).list(1, 120);
        Seeded.forAll("moduleSort", 200, r -> {
            List<ModuleVersion> list = lists.next(r);
            if (!list.stream().allMatch(m -> Inputs.transportable(m.path()) && Inputs.transportable(m.version()))) {
                return;
            }
            List<ModuleVersion> want = ModuleTableConformanceTest.oracleSort(list);
            List<ModuleVersion> got = ModuleVersion.sort(list);
            DIFF.count("generated lists of 1-120 (ties included): module.Sort", 1, got.equals(want) ? 1 : 0);
            assertThat(got).as("sorting %s", list).isEqualTo(want);
        });
    }

    private static List<List<String>> transportable(List<List<String>> calls) {
        return calls.stream()
                .filter(c -> c.stream().allMatch(Inputs::transportable))
                .toList();
    }
}
