package dev.holdfast.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.seeded.Gen;
import dev.holdfast.seeded.Seeded;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link GoStrings}; expectations from Go's strings.Compare, strconv.Quote, unicode and
 * unicode/utf8 docs, and values printed by go1.26.8 where a test says so.
 */
class GoStringsTest {

    @Test
    void compare_usesUtf8ByteOrder() {
        assertThat(GoStrings.compare("a", "b")).isEqualTo(-1);
        assertThat(GoStrings.compare("b", "a")).isEqualTo(1);
        assertThat(GoStrings.compare("", "")).isZero();
        assertThat(GoStrings.compare("", "a")).isEqualTo(-1);
        assertThat(GoStrings.compare("ab", "a")).isEqualTo(1);
        // U+FFFD is EF BF BD and U+1F600 is F0 9F 98 80: Go puts the emoji last, Java's compareTo first.
        assertThat(GoStrings.compare("\uFFFD", "\uD83D\uDE00")).isEqualTo(-1);
        assertThat("\uFFFD".compareTo("\uD83D\uDE00")).isPositive();
        assertThat(GoStrings.compare("x\uD83D\uDE00", "x\uD83D\uDE01")).isEqualTo(-1);
        assertThat(GoStrings.compare("x\uD83D\uDE00", "x\uD83D")).isEqualTo(1);
        assertThat(GoStrings.ORDER.compare("Z", "a")).isEqualTo(-1);
    }

    @Test
    void compare_matchesUnsignedUtf8Bytes() {
        // The generated strings are well-formed UTF-16 (no lone surrogates), so getBytes is exact.
        Seeded.forAll(
                "compareUtf8",
                3000,
                r -> compareMatchesBytes(
                        Gen.unicode(10).next(r), Gen.unicode(10).next(r)));
    }

    @Test
    void compare_matchesUnsignedUtf8BytesNearSurrogates() {
        Gen<String> nearSurrogates = Gen.of(
                        "a", "\uD7FF", "\uE000", "\uFFFD", "\uFFFF", "\uD800\uDC00", "\uD83D\uDE00", "\uDBFF\uDFFF")
                .joined(0, 4, "");
        Seeded.forAll(
                "compareNearSurrogates",
                1000,
                r -> compareMatchesBytes(nearSurrogates.next(r), nearSurrogates.next(r)));
    }

    private static void compareMatchesBytes(String a, String b) {
        int bytes = Integer.signum(
                Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        assertThat(GoStrings.compare(a, b)).as("%s vs %s", a, b).isEqualTo(bytes);
    }

    @Test
    void quote_escapesLikeStrconv() {
        assertQuote("", "\"\"");
        assertQuote("abc", "\"abc\"");
        assertQuote("a\"b\\c'd", "\"a\\\"b\\\\c'd\"");
        assertQuote("\u0007\b\f\n\r\t\u000B", "\"\\a\\b\\f\\n\\r\\t\\v\"");
        assertQuote("\u0000\u001f\u007f", "\"\\x00\\x1f\\x7f\"");
        // Printable non-ASCII stays; spaces other than U+0020, format chars and unassigned ones do not.
        assertQuote("é中😀", "\"é中😀\"");
        assertQuote("\u00a0\u200b\u2028", "\"\\u00a0\\u200b\\u2028\"");
        assertQuote("\uDB40\uDC01", "\"\\U000e0001\"");
        assertThat(GoStrings.quote("\uD800x")).isEqualTo("\"\uFFFDx\"");
        // Single characters, as printed by go1.26.8's strconv.Quote.
        assertQuote("a\"b", "\"a\\\"b\"");
        assertQuote("\n\t", "\"\\n\\t\"");
        assertQuote("\u00e9", "\"\u00e9\"");
        assertQuote("\u200b", "\"\\u200b\"");
        assertQuote("\u007f", "\"\\x7f\"");
        assertQuote("\uD83D\uDE00", "\"\uD83D\uDE00\"");
        assertQuote("\u00a0", "\"\\u00a0\"");
        assertQuote("a\\b", "\"a\\\\b\"");
    }

    /** Asserts that both {@code s} and its UTF-8 bytes quote as {@code want}. */
    private static void assertQuote(String s, String want) {
        assertThat(GoStrings.quote(s)).as(s).isEqualTo(want);
        assertThat(GoStrings.quote(s.getBytes(StandardCharsets.UTF_8))).as(s).isEqualTo(want);
    }

    @Test
    void quoteBytes_writesInvalidUtf8AsHexBytes() {
        assertThat(GoStrings.quote(new byte[] {'a', (byte) 0xff})).isEqualTo("\"a\\xff\"");
        assertThat(GoStrings.quote(bytes(0xed, 0xa0, 0x80))).isEqualTo("\"\\xed\\xa0\\x80\"");
        assertThat(GoStrings.quote(bytes(0xe2, 0x82))).isEqualTo("\"\\xe2\\x82\"");
        // An encoded U+FFFD is a valid, printable rune, not an invalid byte.
        assertThat(GoStrings.quote(bytes(0xef, 0xbf, 0xbd))).isEqualTo("\"\uFFFD\"");
        assertThat(GoStrings.quote(new byte[0])).isEqualTo("\"\"");
    }

    @Test
    void quoteRune_escapesLikeStrconv() {
        assertThat(GoStrings.quoteRune('a')).isEqualTo("'a'");
        assertThat(GoStrings.quoteRune('\'')).isEqualTo("'\\''");
        assertThat(GoStrings.quoteRune('"')).isEqualTo("'\"'");
        assertThat(GoStrings.quoteRune('\\')).isEqualTo("'\\\\'");
        assertThat(GoStrings.quoteRune(' ')).isEqualTo("' '");
        assertThat(GoStrings.quoteRune('\t')).isEqualTo("'\\t'");
        assertThat(GoStrings.quoteRune(0)).isEqualTo("'\\x00'");
        assertThat(GoStrings.quoteRune(0xA0)).isEqualTo("'\\u00a0'");
        assertThat(GoStrings.quoteRune(0x1F600)).isEqualTo("'😀'");
        assertThat(GoStrings.quoteRune(0x10FFFF)).isEqualTo("'\\U0010ffff'");
        assertThat(GoStrings.quoteRune(0xD800)).isEqualTo("'\uFFFD'");
        assertThat(GoStrings.quoteRune(0x110000)).isEqualTo("'\uFFFD'");
        assertThat(GoStrings.quoteRune(-1)).isEqualTo("'\uFFFD'");
    }

    @Test
    void isLetter_followsGoTables() {
        assertThat(GoStrings.isLetter('a')).isTrue();
        assertThat(GoStrings.isLetter('é')).isTrue();
        assertThat(GoStrings.isLetter('ǅ')).isTrue(); // Lt
        assertThat(GoStrings.isLetter('ʰ')).isTrue(); // Lm
        assertThat(GoStrings.isLetter('中')).isTrue(); // Lo
        assertThat(GoStrings.isLetter('1')).isFalse();
        assertThat(GoStrings.isLetter('€')).isFalse();
        assertThat(GoStrings.isLetter(0x0301)).isFalse(); // combining acute: a mark, not a letter
        // CJK Extension I arrived in Unicode 15.1: a letter for the JDK, not yet for Go's 15.0 tables.
        assertThat(Character.isLetter(0x2EBF0)).isTrue();
        assertThat(GoStrings.isLetter(0x2EBF0)).isFalse();
    }

    @Test
    void isPrint_followsGoTables() {
        assertThat(GoStrings.isPrint(' ')).isTrue();
        assertThat(GoStrings.isPrint('~')).isTrue();
        assertThat(GoStrings.isPrint(0x0301)).isTrue();
        assertThat(GoStrings.isPrint('\n')).isFalse();
        assertThat(GoStrings.isPrint(0xA0)).isFalse();
        assertThat(GoStrings.isPrint(0xAD)).isFalse(); // soft hyphen, Cf
        assertThat(GoStrings.isPrint(0xE000)).isFalse(); // private use
        assertThat(GoStrings.isPrint(0x1FA89)).isFalse(); // an emoji of Unicode 16.0
        assertThat(GoStrings.isPrint('a')).isTrue();
        assertThat(GoStrings.isPrint(0xFEFF)).isFalse();
        assertThat(GoStrings.isPrint(0x1F600)).isTrue();
        assertThat(GoStrings.isPrint(0x1CC00))
                .as("Unicode 16.0 symbol, unknown to Go 1.26")
                .isFalse();
    }

    /** The expected runes and widths were printed by go1.26.8's utf8.DecodeRuneInString. */
    @Test
    void decodeRune_rejectsInvalidSequencesByteByByte() {
        byte[] b = bytes(0xc0, 0xaf, 0xc3, 0xa9, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xf0, 0x9f, 0x98, 0x80);
        String byteString = new String(b, StandardCharsets.ISO_8859_1);
        String want = "fffd/1 fffd/1 e9/2 fffd/1 fffd/1 fffd/1 fffd/1 fffd/1 fffd/1 fffd/1 1f600/4";
        // Overlong, surrogate and out-of-range encodings decode as U+FFFD of width 1 per byte.
        assertThat(decodeAll(i -> GoStrings.decodeRune(byteString, i), b.length))
                .isEqualTo(want);
        assertThat(decodeAll(i -> GoStrings.decodeRune(b, i), b.length)).isEqualTo(want);
    }

    @Test
    void decodeRune_truncatedSequenceIsOneErrorPerByte() {
        byte[] b = bytes(0xf0, 0x9f, 0x98);
        assertThat(decodeAll(i -> GoStrings.decodeRune(b, i), b.length)).isEqualTo("fffd/1 fffd/1 fffd/1");
    }

    @Test
    void appendRune_encodesUtf8ThatDecodeRuneReads() {
        Gen<Integer> codePoints = Gen.oneOf(
                Gen.ints(0, Character.MIN_SURROGATE - 1),
                Gen.ints(Character.MAX_SURROGATE + 1, Character.MAX_CODE_POINT),
                Gen.of(0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF));
        Seeded.forAll("appendRune", 1000, r -> appendRuneRoundTrips(codePoints.next(r)));
    }

    private static void appendRuneRoundTrips(int cp) {
        StringBuilder bytes = new StringBuilder();
        GoStrings.appendRune(bytes, cp);
        assertThat(bytes.toString().getBytes(StandardCharsets.ISO_8859_1))
                .isEqualTo(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
        long d = GoStrings.decodeRune(bytes, 0);
        assertThat(GoStrings.rune(d)).isEqualTo(cp);
        assertThat(GoStrings.width(d)).isEqualTo(bytes.length());
    }

    @Test
    void appendRune_writesSurrogateAsWtf8() {
        StringBuilder bytes = new StringBuilder();
        GoStrings.appendRune(bytes, 0xD800);
        assertThat(bytes.toString()).isEqualTo("\u00ed\u00a0\u0080");
        assertThat(GoStrings.width(GoStrings.decodeRune(bytes, 0)))
                .as("not UTF-8")
                .isEqualTo(1);
    }

    @Test
    void isSpace_isUnicodeWhiteSpace() {
        // unicode.IsSpace doc: '\t', '\n', '\v', '\f', '\r', ' ', U+0085 (NEL), U+00A0 (NBSP), and
        // beyond Latin-1 the White_Space property.
        for (int cp :
                new int[] {'\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2000, 0x200A, 0x2028, 0x3000}) {
            assertThat(GoStrings.isSpace(cp)).as("U+%04X", cp).isTrue();
        }
        // U+200B ZERO WIDTH SPACE and U+FEFF are format characters, not White_Space; U+180E left it in Unicode 6.3.
        for (int cp : new int[] {0, 'a', 0x1C, 0x7F, 0x200B, 0x180E, 0xFEFF, 0x3001}) {
            assertThat(GoStrings.isSpace(cp)).as("U+%04X", cp).isFalse();
        }
    }

    @Test
    void isGraphic_isPrintOrSpaceSeparator() {
        assertThat(GoStrings.isGraphic('a')).isTrue();
        assertThat(GoStrings.isGraphic(0x3000))
                .as("ideographic space: Zs, not IsPrint")
                .isTrue();
        assertThat(GoStrings.isPrint(0x3000)).isFalse();
        assertThat(GoStrings.isGraphic('\n')).isFalse();
        assertThat(GoStrings.isGraphic(0x200B)).as("Cf").isFalse();
    }

    @Test
    void trimSpace_and_fields_splitOnUnicodeSpace() {
        assertThat(GoStrings.trimSpace(" \t\u3000a b\u0085\n")).isEqualTo("a b");
        assertThat(GoStrings.trimSpace("\u00a0")).isEmpty();
        assertThat(GoStrings.trimSpace("x\uD83D\uDE00")).isEqualTo("x\uD83D\uDE00");
        assertThat(GoStrings.fields("  v1.0.0\u2003 2024-01-01\tx ")).containsExactly("v1.0.0", "2024-01-01", "x");
        assertThat(GoStrings.fields(" \u2028 ")).isEmpty();
        assertThat(GoStrings.fields("\u200Ba\u200B")).containsExactly("\u200Ba\u200B");
    }

    private static String decodeAll(java.util.function.IntToLongFunction decode, int length) {
        StringBuilder runes = new StringBuilder();
        for (int i = 0; i < length; ) {
            long d = decode.applyAsLong(i);
            runes.append(Integer.toHexString(GoStrings.rune(d)))
                    .append('/')
                    .append(GoStrings.width(d))
                    .append(' ');
            i += GoStrings.width(d);
        }
        return runes.toString().strip();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
