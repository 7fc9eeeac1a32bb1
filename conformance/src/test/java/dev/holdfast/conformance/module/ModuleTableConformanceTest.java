package dev.holdfast.conformance.module;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.XmodOracle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every input of the unit tables of {@code dev.holdfast.module} (see {@link TableInputs}) through
 * each module operation in Holdfast and in x/mod, and requires identical results and error texts.
 */
class ModuleTableConformanceTest {

    private static final OracleDiff DIFF = new OracleDiff();

    /** Commit times for pseudo-version construction: Go's zero time, far past and future, leap days. */
    static final List<String> EPOCH_SECONDS = List.of(
            "-62135596800",
            "0",
            "1510492215",
            "951868799",
            "253402300799",
            "253402300800",
            "-62198755200",
            "-62167219200");

    static final List<String> REVS = List.of("abcdef123456", "000000000000", "r", "");

    @AfterAll
    static void report() {
        DIFF.report("module");
    }

    @Test
    void singleArgumentOps_agreeOnEveryTableString() {
        List<List<String>> calls = Inputs.singles(TableInputs.STRINGS);
        List<String> mismatches = new ArrayList<>();
        for (String op : Stream.concat(ModuleOps.ON_PATHS.stream(), ModuleOps.ON_VERSIONS.stream())
                .distinct()
                .toList()) {
            mismatches.addAll(DIFF.diff("table strings: " + op, op, calls, ModuleOps.OPS.get(op)));
        }
        assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
    }

    @Test
    void pairOps_agreeOnEveryTableRow() {
        List<String> firsts = TableInputs.ROWS.stream().map(r -> r.get(0)).toList();
        List<String> seconds = TableInputs.ROWS.stream().map(r -> r.get(1)).toList();
        List<List<String>> calls = new ArrayList<>(Inputs.zip(firsts, seconds));
        calls.addAll(Inputs.zip(seconds, firsts));
        List<String> mismatches = new ArrayList<>();
        for (String op : Stream.of(
                        ModuleOps.ON_PATH_VERSION_PAIRS,
                        ModuleOps.ON_VERSION_PATH_MAJOR_PAIRS,
                        ModuleOps.ON_PATTERN_PAIRS)
                .flatMap(List::stream)
                .toList()) {
            mismatches.addAll(DIFF.diff("table rows: " + op, op, calls, ModuleOps.OPS.get(op)));
        }
        assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
    }

    @Test
    void sortOrder_agreesOnEveryPairOfTableVersions() {
        List<String> versions = TableInputs.STRINGS.stream()
                .filter(s -> s.startsWith("v") && s.length() < 60)
                .toList();
        List<List<String>> calls = new ArrayList<>();
        for (List<String> pair : Inputs.cross(versions)) {
            calls.add(List.of("example.com/m", pair.get(0), "example.com/m", pair.get(1)));
        }
        for (List<String> pair : Inputs.cross(List.of("a", "a/b", "b", "z", "é.example.com", "\uFFFD", "😀", ""))) {
            calls.add(List.of(pair.get(0), "v1.0.0", pair.get(1), "v0.1.0"));
        }
        List<String> mismatches = DIFF.diff(
                "table version pairs: module.sortOrder",
                "module.sortOrder",
                calls,
                ModuleOps.OPS.get("module.sortOrder"));
        assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
    }

    @Test
    void pseudoVersion_agreesOnTableMajorsAndOlderVersions() {
        List<List<String>> calls = new ArrayList<>();
        for (List<String> row : TableInputs.ROWS) {
            for (String seconds : EPOCH_SECONDS) {
                for (String rev : REVS) {
                    calls.add(List.of(row.get(0), row.get(1), seconds, rev));
                    calls.add(List.of("v1", row.get(0), seconds, rev));
                }
            }
        }
        calls.removeIf(c -> !c.stream().allMatch(Inputs::transportable));
        List<String> mismatches = DIFF.diff(
                "table rows: module.pseudoVersion",
                "module.pseudoVersion",
                calls,
                ModuleOps.OPS.get("module.pseudoVersion"));
        assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
    }

    @Test
    void quoteRune_agreesOnEveryCodePointOfTheTablesAndTheBmpSample() {
        List<List<String>> calls = Stream.concat(
                        TableInputs.STRINGS.stream()
                                .flatMapToInt(String::codePoints)
                                .boxed(),
                        Stream.concat(
                                IntStream.range(0, 0x800).boxed(),
                                IntStream.of(-1, 0xD800, 0xDFFF, 0xFFFD, 0xFFFE, 0x10FFFF, 0x110000, 0x2EBF0, 0x1FA89)
                                        .boxed()))
                .distinct()
                .map(cp -> List.of(Integer.toString(cp)))
                .toList();
        List<String> mismatches = DIFF.diff(
                "code points: strconv.quoteRune", "strconv.quoteRune", calls, ModuleOps.OPS.get("strconv.quoteRune"));
        assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
    }

    @Test
    void sort_agreesOnShuffledTableList() {
        List<ModuleVersion> list = List.of(
                new ModuleVersion("a", "none"),
                new ModuleVersion("a", "v1.2.0-pre"),
                new ModuleVersion("a", "v1.2.0"),
                new ModuleVersion("a", "v1.2.0/go.mod"),
                new ModuleVersion("a", "v1.10.0"),
                new ModuleVersion("a/b", "v1.0.0"),
                new ModuleVersion("b", ""),
                new ModuleVersion("z", "v1.0.0"),
                new ModuleVersion("é.example.com", "v1.0.0"),
                new ModuleVersion("\uFFFD", "v1.0.0"),
                new ModuleVersion("😀", "v1.0.0"),
                new ModuleVersion("a", "v1.2.0+meta"));
        Random random = new Random(3);
        int agreed = 0;
        int rounds = 50;
        List<String> mismatches = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<ModuleVersion> shuffled = new ArrayList<>(list);
            Collections.shuffle(shuffled, random);
            List<ModuleVersion> want = oracleSort(shuffled);
            if (want.equals(ModuleVersion.sort(shuffled))) {
                agreed++;
            } else {
                mismatches.add(shuffled + ": holdfast " + ModuleVersion.sort(shuffled) + " | x/mod " + want);
            }
        }
        DIFF.count("shuffled 12-element lists: module.Sort", rounds, agreed);
        assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
    }

    /** Sorts with x/mod's module.Sort (stable for up to 12 elements, like Holdfast's). */
    static List<ModuleVersion> oracleSort(List<ModuleVersion> list) {
        List<List<String>> pairs =
                list.stream().map(m -> List.of(m.path(), m.version())).toList();
        JsonNode sorted = XmodOracle.get().call("module.sort", pairs);
        List<ModuleVersion> out = new ArrayList<>();
        sorted.forEach(
                n -> out.add(new ModuleVersion(n.get(0).asText(), n.get(1).asText())));
        return out;
    }
}
