package dev.holdfast.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Tests for {@link GoStrings}; expectations from Go's strings.Compare, strconv.Quote and unicode docs. */
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

    @Property(tries = 3000)
    void compare_matchesUnsignedUtf8Bytes(@ForAll String a, @ForAll String b) {
        // jqwik's default strings are valid UTF-16 (no unpaired surrogates), so getBytes is exact.
        int bytes = Integer.signum(
                Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        assertThat(GoStrings.compare(a, b)).isEqualTo(bytes);
    }

    @Property(tries = 1000)
    void compare_matchesUnsignedUtf8BytesNearSurrogates(
            @ForAll("nearSurrogates") String a, @ForAll("nearSurrogates") String b) {
        int bytes = Integer.signum(
                Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        assertThat(GoStrings.compare(a, b)).isEqualTo(bytes);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> nearSurrogates() {
        return net.jqwik.api.Arbitraries.of(
                        "a", "\uD7FF", "\uE000", "\uFFFD", "\uFFFF", "\uD800\uDC00", "\uD83D\uDE00", "\uDBFF\uDFFF")
                .list()
                .ofMaxSize(4)
                .map(l -> String.join("", l));
    }

    @Test
    void quote_escapesLikeStrconv() {
        assertThat(GoStrings.quote("")).isEqualTo("\"\"");
        assertThat(GoStrings.quote("abc")).isEqualTo("\"abc\"");
        assertThat(GoStrings.quote("a\"b\\c'd")).isEqualTo("\"a\\\"b\\\\c'd\"");
        assertThat(GoStrings.quote("\u0007\b\f\n\r\t\u000B")).isEqualTo("\"\\a\\b\\f\\n\\r\\t\\v\"");
        assertThat(GoStrings.quote("\u0000\u001f\u007f")).isEqualTo("\"\\x00\\x1f\\x7f\"");
        // Printable non-ASCII stays; spaces other than U+0020, format chars and unassigned ones do not.
        assertThat(GoStrings.quote("é中😀")).isEqualTo("\"é中😀\"");
        assertThat(GoStrings.quote("\u00a0\u200b\u2028")).isEqualTo("\"\\u00a0\\u200b\\u2028\"");
        assertThat(GoStrings.quote("\uDB40\uDC01")).isEqualTo("\"\\U000e0001\"");
        assertThat(GoStrings.quote("\uD800x")).isEqualTo("\"\uFFFDx\"");
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
    }
}
