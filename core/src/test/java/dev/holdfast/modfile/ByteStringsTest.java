package dev.holdfast.modfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Go string functions over byte strings. Expected values are what strconv.Quote, strconv.Unquote,
 * strings.TrimSpace and strings.Fields returned in Go for the same bytes.
 */
class ByteStringsTest {
    /** Returns the byte string of a Java string's UTF-8 encoding, with {@code \xNN} for raw bytes. */
    private static String raw(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\x", i) && i + 4 <= s.length()) {
                sb.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                sb.append(ByteStrings.raw(Character.toString(cp)));
                i += Character.charCount(cp) - 1;
            }
        }
        return sb.toString();
    }

    @Test
    void quote_matchesStrconvQuote() {
        assertThat(ByteStrings.quote(raw("a\\xffb"))).isEqualTo("\"a\\xffb\"");
        assertThat(ByteStrings.quote("\u0000\u007f\t\n")).isEqualTo("\"\\x00\\x7f\\t\\n\"");
        assertThat(ByteStrings.text(ByteStrings.quote(raw("é中😀")))).isEqualTo("\"é中😀\"");
        assertThat(ByteStrings.quote(raw("\u00a0\u2028\ufeff\udb40\udc01")))
                .isEqualTo("\"\\u00a0\\u2028\\ufeff\\U000e0001\"");
        assertThat(ByteStrings.quote("\\\"")).isEqualTo("\"\\\\\\\"\"");
        assertThat(ByteStrings.quote(raw("\\xed\\xa0\\x80"))).isEqualTo("\"\\xed\\xa0\\x80\"");
    }

    @Test
    void unquote_matchesStrconvUnquote() {
        assertThat(ByteStrings.text(ByteStrings.unquote("\"a\\x41\\101\\u00e9\\U0001F600\\n\\t\"")))
                .isEqualTo("aAAé😀\n\t");
        assertThat(ByteStrings.unquote("\"\\xff\"")).isEqualTo("\u00ff"); // the single byte 0xff
        assertThat(ByteStrings.unquote("`raw\r\n`")).isEqualTo("raw\n");
        for (String bad : List.of("\"a\"b\"", "\"\\q\"", "\"\\400\"", "\"\\ud800\"", raw("\"é"), "\"a\\")) {
            assertThat(ByteStrings.unquote(bad)).as(bad).isNull();
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {"' \t x y \u00a0'|'x y'|x,y", "'\u3000a\u2003b\u0085'|'a\u2003b'|a,b", "'  '|''|''"})
    void trimSpaceAndFields_matchStrings(String in, String trimmed, String fields) {
        assertThat(ByteStrings.text(ByteStrings.trimSpace(ByteStrings.raw(in)))).isEqualTo(trimmed);
        List<String> want = fields.isEmpty() ? List.of() : List.of(fields.split(","));
        assertThat(ByteStrings.fields(ByteStrings.raw(in)).stream()
                        .map(ByteStrings::text)
                        .toList())
                .isEqualTo(want);
    }

    @Test
    void trimSpace_stopsAtInvalidUtf8() {
        assertThat(ByteStrings.trimSpace(raw("\\xffa \u00a0"))).isEqualTo(raw("\\xffa"));
        assertThat(ByteStrings.fields(raw("\\xffa \u00a0"))).containsExactly(raw("\\xffa"));
    }

    @Test
    void textAndRuneCount_readInvalidSequencesByteByByte() {
        // Overlong, surrogate and out-of-range encodings are one U+FFFD per byte, as Go ranges over them.
        String s = raw("\\xc0\\xafé\\xed\\xa0\\x80\\xf4\\x90\\x80\\x80😀");
        assertThat(ByteStrings.text(s)).startsWith("\ufffd\ufffdé");
        assertThat(ByteStrings.runeCount(s)).isEqualTo(11);
        assertThat(ByteStrings.raw("é").getBytes(StandardCharsets.ISO_8859_1))
                .isEqualTo("é".getBytes(StandardCharsets.UTF_8));
    }
}
