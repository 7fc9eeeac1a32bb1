package dev.holdfast.conformance.module;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.module.GoStrings;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.XmodOracle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link GoStrings#isSpace}, {@link GoStrings#trimSpace} and {@link GoStrings#fields} with Go's
 * {@code unicode.IsSpace}, {@code strings.TrimSpace} and {@code strings.Fields}. The fetch module splits
 * proxy answers ({@code @v/list} lines, GOPROXY entries) with them, as the go command does.
 */
class GoStringsSpaceConformanceTest {
    private static final int CODE_POINTS = Character.MAX_CODE_POINT + 1;

    @Test
    void isSpace_agreesOnEveryCodePoint() {
        boolean[] go = new boolean[CODE_POINTS];
        for (JsonNode r : XmodOracle.get().call("modfile.unicode").get("space")) {
            for (int cp = r.get(0).asInt(); cp <= r.get(1).asInt(); cp++) {
                go[cp] = true;
            }
        }
        List<String> mismatches = new ArrayList<>();
        for (int cp = 0; cp < CODE_POINTS; cp++) {
            if (GoStrings.isSpace(cp) != go[cp]) {
                mismatches.add("U+%04X: holdfast %s | Go %s".formatted(cp, GoStrings.isSpace(cp), go[cp]));
            }
        }
        ConformanceReport.record(
                "module", "every code point: unicode.IsSpace", CODE_POINTS, CODE_POINTS - mismatches.size());
        assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
    }

    @Test
    void trimSpaceAndFields_agreeWithStrings() {
        List<String> inputs = new ArrayList<>(List.of("", " ", "a", " a ", "a  b", "\uD83D\uDE00 x\t"));
        for (int cp : new int[] {
            '\t', '\n', 0x0B, '\f', '\r', ' ', 0x1C, 0x85, 0xA0, 0x1680, 0x180E, 0x2000, 0x200A, 0x200B, 0x2028, 0x2029,
            0x202F, 0x205F, 0x3000, 0xFEFF, 0x3001
        }) {
            String c = Character.toString(cp);
            inputs.addAll(List.of(c, c + "v1.0.0" + c, "v1" + c + c + "v2", c + "\u00e9" + c + "x"));
        }
        XmodOracle oracle = XmodOracle.get();
        List<String> mismatches = new ArrayList<>();
        for (String s : inputs) {
            JsonNode want = oracle.call("modfile.trimSpaceFields", (Object) s.getBytes(StandardCharsets.UTF_8));
            String wantTrim = text(want.get("trim"));
            List<String> wantFields = new ArrayList<>();
            want.path("fields").forEach(f -> wantFields.add(text(f)));
            if (!GoStrings.trimSpace(s).equals(wantTrim) || !GoStrings.fields(s).equals(wantFields)) {
                mismatches.add("%s: holdfast %s %s | Go %s %s"
                        .formatted(
                                GoStrings.quote(s),
                                GoStrings.quote(GoStrings.trimSpace(s)),
                                GoStrings.fields(s),
                                GoStrings.quote(wantTrim),
                                wantFields));
            }
        }
        ConformanceReport.record(
                "module",
                "strings.TrimSpace and strings.Fields of text around space runes",
                inputs.size(),
                inputs.size() - mismatches.size());
        assertThat(mismatches).as(OracleDiff.describe(mismatches)).isEmpty();
    }

    private static String text(JsonNode base64) {
        return base64.isNull() ? "" : new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
    }
}
