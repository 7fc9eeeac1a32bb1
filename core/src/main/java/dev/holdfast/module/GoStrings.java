package dev.holdfast.module;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gives Java strings the Go semantics that module code depends on: byte-wise UTF-8 ordering, {@code
 * strconv.Quote}-style quoting for error messages, the Unicode tables of the Go toolchain (letters,
 * printable, graphic and space runes), Go's white-space trimming and splitting, and Go's UTF-8
 * decoding. It is the one copy of these for Holdfast: {@code modfile}, {@code zip}, {@code sum} and
 * {@code fetch} call it too.
 *
 * <p>Go strings are UTF-8 bytes and compare byte by byte; Java's {@link String#compareTo} compares UTF-16
 * code units, which puts supplementary characters (U+10000 and up) below U+E000..U+FFFF. Everything
 * that must sort like the go command ({@code go.sum}, {@code go.mod} blocks, {@code @v/list}) therefore
 * uses {@link #ORDER}. A Java string holding an unpaired surrogate has no UTF-8 form; such a surrogate
 * is treated as the code point of the same value (the WTF-8 view).
 *
 * <p>Where a Go string may hold bytes that are not UTF-8 (go.mod files, zip entry names), callers keep
 * the bytes, either as a {@code byte[]} or as a <em>byte string</em>: a {@link CharSequence} whose
 * chars are all in {@code 0..255} and each stand for one byte. {@link #decodeRune(CharSequence, int)}
 * and {@link #appendRune} work on byte strings.
 *
 * <p>All methods are static, pure and thread-safe; arguments must not be null.
 */
public final class GoStrings {

    /** The rune Go's UTF-8 decoder returns for a byte that does not start a valid encoding. */
    public static final int RUNE_ERROR = 0xFFFD;

    /** Orders strings as Go's {@code strings.Compare}: by their UTF-8 bytes. */
    public static final Comparator<String> ORDER = GoStrings::compare;

    /**
     * Code point ranges (inclusive pairs) that the JDK's Unicode tables assign but Go's do not. JDK 25
     * implements Unicode 16.0 and Go 1.26 Unicode 15.0; the ranges are exactly the characters added by
     * Unicode 15.1 and 16.0 and were found by comparing every code point with the oracle (see the
     * conformance test {@code UnicodeTablesConformanceTest}). For every other code point {@link
     * Character#isLetter(int)} and Go's {@code unicode.IsLetter} agree, and so do the print tests.
     */
    private static final int[] NEWER_THAN_GO = {
        0x897, 0x897, 0x1B4E, 0x1B4F, 0x1B7F, 0x1B7F, 0x1C89, 0x1C8A, 0x2427, 0x2429, 0x2FFC, 0x2FFF, 0x31E4, 0x31E5,
        0x31EF, 0x31EF, 0xA7CB, 0xA7CD, 0xA7DA, 0xA7DC, 0x105C0, 0x105F3, 0x10D40, 0x10D65, 0x10D69, 0x10D85, 0x10D8E,
        0x10D8F, 0x10EC2, 0x10EC4, 0x10EFC, 0x10EFC, 0x11380, 0x11389, 0x1138B, 0x1138B, 0x1138E, 0x1138E, 0x11390,
        0x113B5, 0x113B7, 0x113C0, 0x113C2, 0x113C2, 0x113C5, 0x113C5, 0x113C7, 0x113CA, 0x113CC, 0x113D5, 0x113D7,
        0x113D8, 0x113E1, 0x113E2, 0x116D0, 0x116E3, 0x11BC0, 0x11BE1, 0x11BF0, 0x11BF9, 0x11F5A, 0x11F5A, 0x13460,
        0x143FA, 0x16100, 0x16139, 0x16D40, 0x16D79, 0x18CFF, 0x18CFF, 0x1CC00, 0x1CCF9, 0x1CD00, 0x1CEB3, 0x1E5D0,
        0x1E5FA, 0x1E5FF, 0x1E5FF, 0x1F8B2, 0x1F8BB, 0x1F8C0, 0x1F8C1, 0x1FA89, 0x1FA89, 0x1FA8F, 0x1FA8F, 0x1FABE,
        0x1FABE, 0x1FAC6, 0x1FAC6, 0x1FADC, 0x1FADC, 0x1FADF, 0x1FADF, 0x1FAE9, 0x1FAE9, 0x1FBCB, 0x1FBEF, 0x2EBF0,
        0x2EE5D,
    };

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoStrings() {}

    /**
     * Compares two strings by their UTF-8 bytes, as Go's {@code strings.Compare}, and returns -1, 0 or
     * +1. Never allocates: byte order equals code point order, so only the first differing code point
     * needs decoding.
     */
    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == n) {
            return Integer.compare(a.length(), b.length());
        }
        if (i > 0
                && Character.isHighSurrogate(a.charAt(i - 1))
                && (Character.isLowSurrogate(a.charAt(i)) || Character.isLowSurrogate(b.charAt(i)))) {
            i--; // the difference is inside a code point that starts one char earlier
        }
        return Integer.compare(a.codePointAt(i), b.codePointAt(i));
    }

    /**
     * Reports whether {@code cp} is a letter by Go's {@code unicode.IsLetter} (categories Lu, Ll, Lt, Lm,
     * Lo in the Unicode version of the Go toolchain).
     */
    public static boolean isLetter(int cp) {
        return Character.isLetter(cp) && !isNewerThanGo(cp);
    }

    /**
     * Reports whether {@code cp} is printable by Go's {@code strconv.IsPrint}: a letter, mark, number,
     * punctuation or symbol, or the ASCII space.
     */
    public static boolean isPrint(int cp) {
        if (cp < 0x80) {
            return cp >= ' ' && cp < 0x7f; // ASCII: the space, letters, digits, punctuation and symbols
        }
        boolean graphic =
                switch (Character.getType(cp)) {
                    case Character.UPPERCASE_LETTER,
                            Character.LOWERCASE_LETTER,
                            Character.TITLECASE_LETTER,
                            Character.MODIFIER_LETTER,
                            Character.OTHER_LETTER,
                            Character.NON_SPACING_MARK,
                            Character.ENCLOSING_MARK,
                            Character.COMBINING_SPACING_MARK,
                            Character.DECIMAL_DIGIT_NUMBER,
                            Character.LETTER_NUMBER,
                            Character.OTHER_NUMBER,
                            Character.CONNECTOR_PUNCTUATION,
                            Character.DASH_PUNCTUATION,
                            Character.START_PUNCTUATION,
                            Character.END_PUNCTUATION,
                            Character.INITIAL_QUOTE_PUNCTUATION,
                            Character.FINAL_QUOTE_PUNCTUATION,
                            Character.OTHER_PUNCTUATION,
                            Character.MATH_SYMBOL,
                            Character.CURRENCY_SYMBOL,
                            Character.MODIFIER_SYMBOL,
                            Character.OTHER_SYMBOL -> true;
                    default -> false;
                };
        return graphic && !isNewerThanGo(cp);
    }

    /**
     * Reports whether {@code cp} is graphic by Go's {@code unicode.IsGraphic}: printable ({@link #isPrint})
     * or a space separator (category Zs).
     */
    public static boolean isGraphic(int cp) {
        return isPrint(cp) || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    /**
     * Reports whether {@code cp} is white space by Go's {@code unicode.IsSpace}: the ASCII spaces {@code
     * \t \n \v \f \r} and space, U+0085, U+00A0, and the other White_Space characters of Unicode.
     */
    public static boolean isSpace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> 0x2000 <= cp && cp <= 0x200A;
        };
    }

    /**
     * Returns text {@code s} without leading and trailing white space ({@link #isSpace}), as Go's {@code
     * strings.TrimSpace}. For byte strings, which may hold invalid UTF-8, modfile keeps its own.
     */
    public static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** Returns the runs of non-space characters ({@link #isSpace}) of text {@code s}, as Go's {@code strings.Fields}. */
    public static List<String> fields(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isSpace(cp)) {
                if (start >= 0) {
                    out.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(s.substring(start));
        }
        return out;
    }

    private static boolean isNewerThanGo(int cp) {
        if (cp < NEWER_THAN_GO[0]) {
            return false;
        }
        for (int k = 0; k < NEWER_THAN_GO.length; k += 2) {
            if (cp < NEWER_THAN_GO[k]) {
                return false;
            }
            if (cp <= NEWER_THAN_GO[k + 1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns {@code s} as a double-quoted Go string literal, exactly as Go's {@code strconv.Quote} (and
     * so {@code fmt}'s {@code %q}) writes it. An unpaired surrogate is written as U+FFFD.
     */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            appendEscaped(b, isSurrogate(cp) ? 0xFFFD : cp, '"');
        }
        return b.append('"').toString();
    }

    /**
     * Returns the bytes {@code b} as a double-quoted Go string literal, exactly as Go's {@code
     * strconv.Quote(string(b))} writes it: a byte that does not start a valid UTF-8 encoding is written
     * as {@code \xNN}.
     */
    public static String quote(byte[] b) {
        StringBuilder out = new StringBuilder(b.length + 2).append('"');
        for (int i = 0; i < b.length; ) {
            long d = decodeRune(b, i);
            if (rune(d) == RUNE_ERROR && width(d) == 1) {
                int x = b[i] & 0xFF;
                out.append("\\x").append(HEX[x >> 4]).append(HEX[x & 0xF]);
            } else {
                appendEscaped(out, rune(d), '"');
            }
            i += width(d);
        }
        return out.append('"').toString();
    }

    /**
     * Returns {@code cp} as a single-quoted Go rune literal, exactly as Go's {@code strconv.QuoteRune} (and
     * so {@code fmt}'s {@code %q} for a rune) writes it. A surrogate or a value outside the Unicode range
     * is written as U+FFFD, as Go does.
     */
    public static String quoteRune(int cp) {
        StringBuilder b = new StringBuilder(12).append('\'');
        boolean valid = Character.isValidCodePoint(cp) && !isSurrogate(cp);
        appendEscaped(b, valid ? cp : 0xFFFD, '\''); // Go quotes an invalid rune as U+FFFD
        return b.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder b, int cp, char quote) {
        if (cp == quote || cp == '\\') {
            b.append('\\').appendCodePoint(cp);
            return;
        }
        if (isPrint(cp)) {
            b.appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case 0x07 -> b.append("\\a");
            case '\b' -> b.append("\\b");
            case '\f' -> b.append("\\f");
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            case 0x0B -> b.append("\\v");
            default -> appendHexEscape(b, cp);
        }
    }

    private static void appendHexEscape(StringBuilder b, int cp) {
        if (cp < ' ' || cp == 0x7F) {
            b.append("\\x").append(HEX[(cp >> 4) & 0xF]).append(HEX[cp & 0xF]); // Go prints byte(r)
            return;
        }
        if (!Character.isValidCodePoint(cp) || isSurrogate(cp)) {
            cp = 0xFFFD; // Go writes an invalid rune as the replacement character
        }
        int digits = cp < 0x10000 ? 4 : 8;
        b.append(cp < 0x10000 ? "\\u" : "\\U");
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            b.append(HEX[(cp >> shift) & 0xF]);
        }
    }

    private static boolean isSurrogate(int cp) {
        return cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
    }

    /**
     * Decodes the rune at index {@code i} of byte string {@code bytes} as Go's {@code
     * utf8.DecodeRuneInString} does, and returns the rune and its width in bytes packed into one long
     * (read them with {@link #rune} and {@link #width}). A byte that does not start a valid,
     * shortest-form encoding of a code point outside the surrogates decodes as {@link #RUNE_ERROR} of
     * width 1.
     */
    public static long decodeRune(CharSequence bytes, int i) {
        int b0 = bytes.charAt(i);
        if (b0 < 0x80) {
            return pack(b0, 1);
        }
        int size;
        int lo = 0x80; // the range of the second byte: it rules out overlong, surrogate and too-large runes
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            size = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            size = 3;
            lo = b0 == 0xE0 ? 0xA0 : 0x80;
            hi = b0 == 0xED ? 0x9F : 0xBF;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            size = 4;
            lo = b0 == 0xF0 ? 0x90 : 0x80;
            hi = b0 == 0xF4 ? 0x8F : 0xBF;
        } else {
            return pack(RUNE_ERROR, 1);
        }
        if (i + size > bytes.length()) {
            return pack(RUNE_ERROR, 1);
        }
        int b1 = bytes.charAt(i + 1);
        if (b1 < lo || b1 > hi) {
            return pack(RUNE_ERROR, 1);
        }
        int r = (b0 & (0xFF >> (size + 1))) << 6 | (b1 & 0x3F);
        for (int k = 2; k < size; k++) {
            int b = bytes.charAt(i + k);
            if (b < 0x80 || b > 0xBF) {
                return pack(RUNE_ERROR, 1);
            }
            r = r << 6 | (b & 0x3F);
        }
        return pack(r, size);
    }

    /** Decodes the rune at {@code b[i]} as {@link #decodeRune(CharSequence, int)} does (Go's {@code utf8.DecodeRune}). */
    public static long decodeRune(byte[] b, int i) {
        int b0 = b[i] & 0xFF;
        if (b0 < 0x80) {
            return pack(b0, 1);
        }
        // A rune is at most four bytes: decode those as a byte string.
        return decodeRune(new String(b, i, Math.min(4, b.length - i), StandardCharsets.ISO_8859_1), 0);
    }

    /** Returns the rune of a {@link #decodeRune} result. */
    public static int rune(long decoded) {
        return (int) (decoded >>> 32);
    }

    /** Returns the width in bytes of a {@link #decodeRune} result. */
    public static int width(long decoded) {
        return (int) decoded;
    }

    private static long pack(int rune, int width) {
        return (long) rune << 32 | width;
    }

    /**
     * Appends the UTF-8 encoding of {@code cp} to byte string {@code bytes}. Unlike Go's {@code
     * utf8.AppendRune}, a surrogate is written as its three WTF-8 bytes, not as {@link #RUNE_ERROR}.
     */
    public static void appendRune(StringBuilder bytes, int cp) {
        if (cp < 0x80) {
            bytes.append((char) cp);
        } else if (cp < 0x800) {
            bytes.append((char) (0xC0 | cp >> 6)).append((char) (0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            bytes.append((char) (0xE0 | cp >> 12))
                    .append((char) (0x80 | (cp >> 6 & 0x3F)))
                    .append((char) (0x80 | (cp & 0x3F)));
        } else {
            bytes.append((char) (0xF0 | cp >> 18))
                    .append((char) (0x80 | (cp >> 12 & 0x3F)))
                    .append((char) (0x80 | (cp >> 6 & 0x3F)))
                    .append((char) (0x80 | (cp & 0x3F)));
        }
    }
}
