package dev.holdfast.conformance.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.module.ModuleVersion;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Generated inputs (see {@link Tricky}) through every module operation in Holdfast and in x/mod. Each
 * try sends one batch of {@value #BATCH} inputs per op, so that thousands of inputs cost few round trips.
 */
class ModulePropertyConformanceTest {

    static final int BATCH = 250;
    private static final OracleDiff DIFF = new OracleDiff();

    @AfterContainer
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

    @Provide
    Arbitrary<List<String>> paths() {
        return Arbitraries.oneOf(Tricky.path(), Tricky.escaped()).list().ofSize(BATCH);
    }

    @Property(tries = 40)
    void pathOps_agree(@ForAll("paths") List<String> paths) {
        expectAgreement("paths", ModuleOps.ON_PATHS, Inputs.singles(paths));
    }

    @Provide
    Arbitrary<List<String>> versions() {
        return Arbitraries.frequencyOf(
                        Tuple.of(3, Tricky.version()),
                        Tuple.of(3, Tricky.pseudoVersion()),
                        Tuple.of(1, Tricky.escaped()))
                .list()
                .ofSize(BATCH);
    }

    @Property(tries = 40)
    void versionOps_agree(@ForAll("versions") List<String> versions) {
        expectAgreement("versions", ModuleOps.ON_VERSIONS, Inputs.singles(versions));
    }

    @Provide
    Arbitrary<List<List<String>>> pathVersionPairs() {
        return Combinators.combine(Tricky.path(), Tricky.version())
                .as(List::of)
                .list()
                .ofSize(BATCH);
    }

    @Property(tries = 20)
    void pathVersionOps_agree(@ForAll("pathVersionPairs") List<List<String>> pairs) {
        expectAgreement("path-version pairs", ModuleOps.ON_PATH_VERSION_PAIRS, transportable(pairs));
    }

    @Provide
    Arbitrary<List<List<String>>> versionPathMajorPairs() {
        return Combinators.combine(Tricky.version(), Tricky.pathMajor())
                .as(List::of)
                .list()
                .ofSize(BATCH);
    }

    @Property(tries = 20)
    void pathMajorOps_agree(@ForAll("versionPathMajorPairs") List<List<String>> pairs) {
        expectAgreement("version-pathMajor pairs", ModuleOps.ON_VERSION_PATH_MAJOR_PAIRS, transportable(pairs));
        expectAgreement(
                "pathMajors",
                List.of("module.pathMajorPrefix"),
                Inputs.singles(pairs.stream().map(p -> p.get(1)).toList()));
    }

    @Provide
    Arbitrary<List<List<String>>> patternPairs() {
        Arbitrary<String> target = Arbitraries.oneOf(Tricky.path(), Tricky.text());
        return Combinators.combine(Tricky.globs(), target).as(List::of).list().ofSize(BATCH);
    }

    @Property(tries = 40)
    void patternOps_agree(@ForAll("patternPairs") List<List<String>> pairs) {
        expectAgreement("glob-target pairs", ModuleOps.ON_PATTERN_PAIRS, transportable(pairs));
    }

    @Provide
    Arbitrary<List<List<String>>> sortPairs() {
        Arbitrary<String> path = Arbitraries.of("a", "a/b", "b", "é.example.com", "\uFFFD", "😀", "");
        Arbitrary<String> version = Arbitraries.oneOf(
                Tricky.version(),
                Combinators.combine(Tricky.version(), Arbitraries.of("/go.mod", "/x", "/"))
                        .as(String::concat));
        return Combinators.combine(path, version, path, version)
                .as((p1, v1, p2, v2) -> List.of(p1, v1, p2, v2))
                .list()
                .ofSize(BATCH);
    }

    @Property(tries = 20)
    void sortOrder_agrees(@ForAll("sortPairs") List<List<String>> pairs) {
        expectAgreement("version pairs", List.of("module.sortOrder"), transportable(pairs));
    }

    @Provide
    Arbitrary<List<List<String>>> pseudoVersionArgs() {
        Arbitrary<String> major = Arbitraries.of("", "v0", "v1", "v2", "v10", "bad", "v1.2");
        Arbitrary<String> seconds = Arbitraries.oneOf(
                        Arbitraries.longs().between(-62198755200L, 253402300800L),
                        Arbitraries.longs().between(-70000000000000L, 400000000000000L),
                        Arbitraries.of(-62135596800L, 0L, 253402300799L))
                .map(String::valueOf);
        Arbitrary<String> rev = Arbitraries.of("abcdef123456", "000000000000", "r", "", "A-B");
        return Combinators.combine(major, Tricky.version(), seconds, rev)
                .as(List::of)
                .list()
                .ofSize(BATCH);
    }

    @Property(tries = 20)
    void pseudoVersion_agrees(@ForAll("pseudoVersionArgs") List<List<String>> calls) {
        expectAgreement("construction args", List.of("module.pseudoVersion"), transportable(calls));
    }

    @Provide
    Arbitrary<List<ModuleVersion>> moduleLists() {
        Arbitrary<String> path = Arbitraries.of("a", "a/b", "b", "é.example.com", "\uFFFD", "😀");
        Arbitrary<String> version = Arbitraries.oneOf(
                Arbitraries.of(
                        "v1.0.0",
                        "v1.0.0+meta",
                        "v1.0.0/go.mod",
                        "v1",
                        "none",
                        "",
                        "v1.0.0-pre",
                        "v2.0.0+incompatible"),
                Tricky.version());
        return Combinators.combine(path, version)
                .as(ModuleVersion::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(120);
    }

    @Property(tries = 200)
    void sort_agreesIncludingTies(@ForAll("moduleLists") List<ModuleVersion> list) {
        if (!list.stream().allMatch(m -> Inputs.transportable(m.path()) && Inputs.transportable(m.version()))) {
            return;
        }
        List<ModuleVersion> want = ModuleTableConformanceTest.oracleSort(list);
        List<ModuleVersion> got = ModuleVersion.sort(list);
        DIFF.count("generated lists of 1-120 (ties included): module.Sort", 1, got.equals(want) ? 1 : 0);
        assertThat(got).as("sorting %s", list).isEqualTo(want);
    }

    private static List<List<String>> transportable(List<List<String>> calls) {
        return calls.stream()
                .filter(c -> c.stream().allMatch(Inputs::transportable))
                .toList();
    }
}
