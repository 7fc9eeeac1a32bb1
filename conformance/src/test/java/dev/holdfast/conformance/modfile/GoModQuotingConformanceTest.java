package dev.holdfast.conformance.modfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.modfile.GoModFile;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.XmodOracle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks the Unicode tables behind quoting and tokenizing against Go's (the JDK's Unicode version
 * is newer than Go's, so Holdfast corrects it): MustQuote of every code point, AutoQuote of a wide
 * sample, and code points in comments and tokens through the whole parser and printer.
 */
class GoModQuotingConformanceTest {
    private static BitSet ranges(JsonNode list) {
        BitSet set = new BitSet(Character.MAX_CODE_POINT + 1);
        list.forEach(r -> set.set(r.get(0).asInt(), r.get(1).asInt() + 1));
        return set;
    }

    private static boolean isSurrogate(int cp) {
        return cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
    }

    @Test
    void mustQuote_everyCodePoint_matchesGoIsPrint() {
        BitSet print = ranges(XmodOracle.get().call("modfile.unicode").get("print"));
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (isSurrogate(cp)) {
                continue; // not encodable in UTF-8
            }
            compared++;
            // x/mod MustQuote of a one-rune string: a quote or space, or not printable.
            boolean want = cp == ' ' || cp == '"' || cp == '\'' || cp == '`' || !print.get(cp);
            if (GoModFile.mustQuote(Character.toString(cp)) != want && mismatches.size() < 50) {
                mismatches.add("U+%04X want %s".formatted(cp, want));
            }
        }
        ConformanceReport.record(
                "modfile",
                "MustQuote of every code point vs Go's unicode.IsPrint",
                compared,
                compared - mismatches.size());
        assertThat(mismatches).isEmpty();
    }

    @Test
    void autoQuote_sampledCodePoints_matchOracle() {
        XmodOracle oracle = XmodOracle.get();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += cp < 0x3100 ? 1 : 61) {
            if (isSurrogate(cp)) {
                continue;
            }
            String s = "a" + Character.toString(cp) + "b";
            compared++;
            String want = oracle.callString("modfile.autoQuote", s);
            if (!GoModFile.autoQuote(s).equals(want)) {
                mismatches.add("U+%04X want %s got %s".formatted(cp, want, GoModFile.autoQuote(s)));
            }
        }
        ConformanceReport.record(
                "modfile",
                "AutoQuote (strconv.Quote) of sampled code points vs x/mod",
                compared,
                compared - mismatches.size());
        assertThat(mismatches).isEmpty();
    }

    @Test
    void codePointsInCommentsAndTokens_matchOracle() {
        JsonNode tables = XmodOracle.get().call("modfile.unicode");
        List<Integer> codePoints = new ArrayList<>();
        for (int cp = 0; cp < 0x3100; cp++) {
            codePoints.add(cp);
        }
        tables.get("space").forEach(r -> codePoints.add(r.get(1).asInt()));
        codePoints.addAll(List.of(0xFEFF, 0xFFFD, 0x1F600, 0x10FFFF, 0xE0001, 0x1CC00, 0x105C0));
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int cp : codePoints) {
            if (isSurrogate(cp)) {
                continue;
            }
            String c = Character.toString(cp);
            for (String text : List.of(
                    "module m // c" + c + "\n",
                    "// " + c + "x" + c + "\nmodule m\n",
                    "module m" + c + "n\n",
                    "module \"m" + c + "\"\n",
                    "require (\n\tx" + c + " v1.0.0 //" + c + "indirect\n)\n")) {
                byte[] data = text.getBytes(StandardCharsets.UTF_8);
                for (boolean strict : new boolean[] {true, false}) {
                    compared++;
                    Outcome want = Outcome.oracle("modfile.format", data, strict);
                    Outcome got = Outcome.holdfastFormat(data, strict);
                    if (!got.agrees(want)) {
                        mismatches.add(
                                Outcome.describe("U+%04X in %s".formatted(cp, text), "x/mod", want, "holdfast", got));
                    }
                }
            }
        }
        ConformanceReport.record(
                "modfile",
                "code points in comments, paths and quoted strings: parse+format vs x/mod",
                compared,
                compared - mismatches.size());
        assertThat(mismatches)
                .as(GoModFormatConformanceTest.summary(mismatches))
                .isEmpty();
    }
}
