package dev.holdfast.conformance.module;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.module.GoStrings;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.XmodOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link GoStrings#isLetter} and {@link GoStrings#isPrint} with Go's {@code unicode.IsLetter} and
 * {@code strconv.IsPrint} on every code point. File paths admit exactly the Unicode letters, and error
 * messages quote exactly the non-printable runes, so both tables must be Go's, not the JDK's.
 */
class UnicodeTablesConformanceTest {

    private static final int CODE_POINTS = Character.MAX_CODE_POINT + 1;

    @Test
    void isLetter_agreesOnEveryCodePoint() {
        JsonNode tables = XmodOracle.get().call("unicode.tables");
        compare("unicode.IsLetter", tables.get("letter"), GoStrings::isLetter);
    }

    @Test
    void isPrint_agreesOnEveryCodePoint() {
        JsonNode tables = XmodOracle.get().call("unicode.tables");
        compare("strconv.IsPrint", tables.get("print"), GoStrings::isPrint);
    }

    @Test
    void jdkTables_differOnlyWhereGoIsOlder() {
        // Documents why GoStrings carries an exception table: the JDK alone disagrees with Go.
        JsonNode tables = XmodOracle.get().call("unicode.tables");
        boolean[] go = expand(tables.get("letter"));
        List<Integer> jdkOnly = new ArrayList<>();
        for (int cp = 0; cp < CODE_POINTS; cp++) {
            if (Character.isLetter(cp) != go[cp]) {
                assertThat(Character.isLetter(cp))
                        .as("U+%04X: Go says letter, JDK not", cp)
                        .isTrue();
                jdkOnly.add(cp);
            }
        }
        assertThat(jdkOnly)
                .as(
                        "letters in the JDK (Unicode %s) but not in Go (Unicode %s)",
                        "16.0", tables.get("version").asText())
                .isNotEmpty()
                .allSatisfy(cp -> assertThat(GoStrings.isLetter(cp)).isFalse());
    }

    private static void compare(String name, JsonNode ranges, IntPredicate holdfast) {
        boolean[] go = expand(ranges);
        List<String> mismatches = new ArrayList<>();
        for (int cp = 0; cp < CODE_POINTS; cp++) {
            if (holdfast.test(cp) != go[cp]) {
                mismatches.add(String.format("U+%04X: holdfast %s | Go %s", cp, holdfast.test(cp), go[cp]));
            }
        }
        ConformanceReport.record("module", "every code point: " + name, CODE_POINTS, CODE_POINTS - mismatches.size());
        assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
    }

    private static boolean[] expand(JsonNode ranges) {
        boolean[] in = new boolean[CODE_POINTS];
        for (JsonNode r : ranges) {
            for (int cp = r.get(0).asInt(); cp <= r.get(1).asInt(); cp++) {
                in[cp] = true;
            }
        }
        return in;
    }
}
