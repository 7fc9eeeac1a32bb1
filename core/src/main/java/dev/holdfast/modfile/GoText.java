package dev.holdfast.modfile;

import java.nio.charset.StandardCharsets;

/**
 * Go's string functions over <em>byte strings</em>: Java strings whose chars are all in {@code
 * 0..255} and stand for the bytes of a Go string.
 *
 * <p>A go.mod file is bytes, not text: it may hold invalid UTF-8, and the go command copies such
 * bytes through unchanged, sorts tokens by byte order and counts columns in runes. The syntax tree
 * therefore keeps every token and comment as a byte string, and only the semantic accessors of
 * {@link GoModFile} decode UTF-8 (see {@link #text}).
 */
final class GoText {
    private GoText() {}

    /** Unicode code point that Go substitutes for an invalid UTF-8 sequence. */
    static final int RUNE_ERROR = 0xFFFD;

    /** Returns the byte string holding {@code data[from..to)}. */
    static String of(byte[] data, int from, int to) {
        return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Returns the bytes of byte string {@code raw}. */
    static byte[] bytes(String raw) {
        return raw.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Returns the byte string of the UTF-8 encoding of {@code text}. */
    static String raw(String text) {
        if (isAscii(text)) {
            return text;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return of(utf8, 0, utf8.length);
    }

    /**
     * Returns the text that byte string {@code raw} encodes, decoding UTF-8 the way Go ranges over a
     * string: each byte of an invalid sequence becomes U+FFFD.
     */
    static String text(String raw) {
        if (isAscii(raw)) {
            return raw;
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); ) {
            long d = decodeRune(raw, i);
            sb.appendCodePoint(rune(d));
            i += width(d);
        }
        return sb.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Returns the rune part of a {@link #decodeRune} result. */
    static int rune(long decoded) {
        return (int) (decoded >>> 32);
    }

    /** Returns the width in bytes part of a {@link #decodeRune} result. */
    static int width(long decoded) {
        return (int) decoded;
    }

    /**
     * Decodes the rune starting at byte {@code i} of {@code raw} like Go's utf8.DecodeRuneInString,
     * returning rune and width packed (see {@link #rune}, {@link #width}); invalid input decodes to
     * U+FFFD of width 1.
     */
    static long decodeRune(CharSequence raw, int i) {
        int b0 = raw.charAt(i);
        if (b0 < 0x80) {
            return pack(b0, 1);
        }
        int size;
        int lo = 0x80;
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
        if (i + size > raw.length()) {
            return pack(RUNE_ERROR, 1);
        }
        int b1 = raw.charAt(i + 1);
        if (b1 < lo || b1 > hi) {
            return pack(RUNE_ERROR, 1);
        }
        int r = (b0 & (0xFF >> (size + 1))) << 6 | (b1 & 0x3F);
        for (int k = 2; k < size; k++) {
            int b = raw.charAt(i + k);
            if (b < 0x80 || b > 0xBF) {
                return pack(RUNE_ERROR, 1);
            }
            r = r << 6 | (b & 0x3F);
        }
        return pack(r, size);
    }

    private static long pack(int rune, int width) {
        return (long) rune << 32 | width;
    }

    /** Reports whether {@code raw} is valid UTF-8, like Go's utf8.ValidString. */
    static boolean isValidUtf8(String raw) {
        for (int i = 0; i < raw.length(); ) {
            long d = decodeRune(raw, i);
            if (rune(d) == RUNE_ERROR && width(d) == 1) {
                return false;
            }
            i += width(d);
        }
        return true;
    }

    /** Returns the number of runes in {@code raw}, like Go's utf8.RuneCountInString. */
    static int runeCount(String raw) {
        int n = 0;
        for (int i = 0; i < raw.length(); i += width(decodeRune(raw, i))) {
            n++;
        }
        return n;
    }

    /** Appends the UTF-8 encoding of rune {@code r} to byte string builder {@code sb}. */
    static void appendRune(StringBuilder sb, int r) {
        if (r < 0x80) {
            sb.append((char) r);
        } else if (r < 0x800) {
            sb.append((char) (0xC0 | r >> 6)).append((char) (0x80 | (r & 0x3F)));
        } else if (r < 0x10000) {
            sb.append((char) (0xE0 | r >> 12))
                    .append((char) (0x80 | (r >> 6 & 0x3F)))
                    .append((char) (0x80 | (r & 0x3F)));
        } else {
            sb.append((char) (0xF0 | r >> 18))
                    .append((char) (0x80 | (r >> 12 & 0x3F)))
                    .append((char) (0x80 | (r >> 6 & 0x3F)))
                    .append((char) (0x80 | (r & 0x3F)));
        }
    }

    /** Reports whether {@code r} is white space, like Go's unicode.IsSpace. */
    static boolean isSpace(int r) {
        return switch (r) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> r >= 0x2000 && r <= 0x200A;
        };
    }

    /**
     * Reports whether {@code r} is printable, like Go's unicode.IsPrint: a letter, mark, number,
     * punctuation or symbol, or the ASCII space.
     */
    static boolean isPrint(int r) {
        if (r == ' ') {
            return true;
        }
        boolean graphic =
                switch (Character.getType(r)) {
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
        return graphic && !assignedAfterUnicode15(r);
    }

    /**
     * Code point ranges (inclusive pairs) that the JDK classifies as graphic but Go's Unicode 15.0
     * tables do not (characters assigned in Unicode 15.1 and 16.0). Derived by comparing
     * unicode.IsPrint of go1.26 with {@link Character#getType} of JDK 25 over all code points; the
     * conformance tests repeat that comparison against the oracle.
     */
    private static final int[] NOT_IN_UNICODE_15 = {
        0x897, 0x897, 0x1b4e, 0x1b4f, 0x1b7f, 0x1b7f, 0x1c89, 0x1c8a, 0x2427, 0x2429, 0x2ffc, 0x2fff, 0x31e4, 0x31e5,
        0x31ef, 0x31ef, 0xa7cb, 0xa7cd, 0xa7da, 0xa7dc, 0x105c0, 0x105f3, 0x10d40, 0x10d65, 0x10d69, 0x10d85, 0x10d8e,
        0x10d8f, 0x10ec2, 0x10ec4, 0x10efc, 0x10efc, 0x11380, 0x11389, 0x1138b, 0x1138b, 0x1138e, 0x1138e, 0x11390,
        0x113b5, 0x113b7, 0x113c0, 0x113c2, 0x113c2, 0x113c5, 0x113c5, 0x113c7, 0x113ca, 0x113cc, 0x113d5, 0x113d7,
        0x113d8, 0x113e1, 0x113e2, 0x116d0, 0x116e3, 0x11bc0, 0x11be1, 0x11bf0, 0x11bf9, 0x11f5a, 0x11f5a, 0x13460,
        0x143fa, 0x16100, 0x16139, 0x16d40, 0x16d79, 0x18cff, 0x18cff, 0x1cc00, 0x1ccf9, 0x1cd00, 0x1ceb3, 0x1e5d0,
        0x1e5fa, 0x1e5ff, 0x1e5ff, 0x1f8b2, 0x1f8bb, 0x1f8c0, 0x1f8c1, 0x1fa89, 0x1fa89, 0x1fa8f, 0x1fa8f, 0x1fabe,
        0x1fabe, 0x1fac6, 0x1fac6, 0x1fadc, 0x1fadc, 0x1fadf, 0x1fadf, 0x1fae9, 0x1fae9, 0x1fbcb, 0x1fbef, 0x2ebf0,
        0x2ee5d
    };

    private static boolean assignedAfterUnicode15(int r) {
        if (r < NOT_IN_UNICODE_15[0]) {
            return false;
        }
        for (int i = 0; i < NOT_IN_UNICODE_15.length; i += 2) {
            if (r >= NOT_IN_UNICODE_15[i] && r <= NOT_IN_UNICODE_15[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Returns {@code raw} without leading and trailing white space, like Go's strings.TrimSpace. */
    static String trimSpace(String raw) {
        int start = 0;
        while (start < raw.length()) {
            long d = decodeRune(raw, start);
            if (!isSpace(rune(d))) {
                break;
            }
            start += width(d);
        }
        int end = raw.length();
        while (end > start) {
            int w = lastSpaceWidth(raw, start, end);
            if (w == 0) {
                break;
            }
            end -= w;
        }
        return raw.substring(start, end);
    }

    /** Returns the width of the white-space rune ending at {@code end}, or 0 (utf8.DecodeLastRune). */
    private static int lastSpaceWidth(String raw, int from, int end) {
        int b = raw.charAt(end - 1);
        if (b < 0x80) {
            return isSpace(b) ? 1 : 0;
        }
        int start = end - 1;
        int lim = Math.max(from, end - 4);
        for (start--; start >= lim; start--) {
            if ((raw.charAt(start) & 0xC0) != 0x80) {
                break;
            }
        }
        start = Math.max(start, from);
        long d = decodeRune(raw.subSequence(start, end), 0);
        if (start + width(d) != end || !isSpace(rune(d))) {
            return 0;
        }
        return width(d);
    }

    /** Splits {@code raw} around runs of white space, like Go's strings.Fields. */
    static java.util.List<String> fields(String raw) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int fieldStart = -1;
        for (int i = 0; i < raw.length(); ) {
            long d = decodeRune(raw, i);
            boolean space = isSpace(rune(d));
            if (space && fieldStart >= 0) {
                out.add(raw.substring(fieldStart, i));
                fieldStart = -1;
            } else if (!space && fieldStart < 0) {
                fieldStart = i;
            }
            i += width(d);
        }
        if (fieldStart >= 0) {
            out.add(raw.substring(fieldStart));
        }
        return out;
    }

    private static final String HEX = "0123456789abcdef";

    /** Returns the Go double-quoted literal for {@code raw}, like strconv.Quote (a byte string). */
    static String quote(String raw) {
        StringBuilder sb = new StringBuilder(raw.length() + 2).append('"');
        for (int i = 0; i < raw.length(); ) {
            long d = decodeRune(raw, i);
            if (rune(d) == RUNE_ERROR && width(d) == 1) {
                int b = raw.charAt(i);
                sb.append("\\x").append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xF));
            } else {
                appendEscapedRune(sb, rune(d), '"');
            }
            i += width(d);
        }
        return sb.append('"').toString();
    }

    /** Returns the Go single-quoted character literal for {@code r}, like strconv.QuoteRune. */
    static String quoteRune(int r) {
        StringBuilder sb = new StringBuilder().append('\'');
        appendEscapedRune(sb, r, '\'');
        return sb.append('\'').toString();
    }

    private static void appendEscapedRune(StringBuilder sb, int r, char quote) {
        if (r == quote || r == '\\') {
            sb.append('\\').append((char) r);
            return;
        }
        if (isPrint(r)) {
            appendRune(sb, r);
            return;
        }
        switch (r) {
            case 0x07 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 0x0B -> sb.append("\\v");
            default -> appendHexEscape(sb, r);
        }
    }

    private static void appendHexEscape(StringBuilder sb, int r) {
        if (r < ' ' || r == 0x7F) {
            sb.append("\\x").append(HEX.charAt(r >> 4)).append(HEX.charAt(r & 0xF));
            return;
        }
        if (r > Character.MAX_CODE_POINT || (r >= 0xD800 && r <= 0xDFFF)) {
            r = RUNE_ERROR;
        }
        int digits = r < 0x10000 ? 4 : 8;
        sb.append(digits == 4 ? "\\u" : "\\U");
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            sb.append(HEX.charAt(r >> shift & 0xF));
        }
    }

    /**
     * Returns the value of the Go string literal {@code raw} (double-quoted or back-quoted), like
     * strconv.Unquote, or null if it is not a valid literal.
     */
    static String unquote(String raw) {
        if (raw.length() < 2 || raw.charAt(0) != raw.charAt(raw.length() - 1)) {
            return null;
        }
        char quote = raw.charAt(0);
        String body = raw.substring(1, raw.length() - 1);
        if (quote == '`') {
            return body.indexOf('`') >= 0 ? null : body.replace("\r", "");
        }
        if (quote != '"') {
            return null;
        }
        if (body.indexOf('\\') < 0 && body.indexOf('\n') < 0 && body.indexOf('"') < 0 && isValidUtf8(body)) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            if (body.charAt(i) == '\n') {
                return null;
            }
            i = unquoteChar(body, i, out);
            if (i < 0) {
                return null;
            }
        }
        return out.toString();
    }

    /** Decodes one character of a double-quoted literal at {@code i} into {@code out}; see strconv.UnquoteChar. */
    private static int unquoteChar(String s, int i, StringBuilder out) {
        char c = s.charAt(i);
        if (c == '"') {
            return -1;
        }
        if (c >= 0x80) {
            long d = decodeRune(s, i);
            appendRune(out, rune(d));
            return i + width(d);
        }
        if (c != '\\') {
            out.append(c);
            return i + 1;
        }
        if (i + 1 >= s.length()) {
            return -1;
        }
        char e = s.charAt(i + 1);
        i += 2;
        switch (e) {
            case 'a' -> out.append((char) 0x07);
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append((char) 0x0B);
            case '\\', '"' -> out.append(e);
            case 'x', 'u', 'U' -> {
                return unquoteHex(s, i, e == 'x' ? 2 : e == 'u' ? 4 : 8, out);
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                return unquoteOctal(s, i, e - '0', out);
            }
            default -> {
                return -1;
            }
        }
        return i;
    }

    private static int unquoteHex(String s, int i, int n, StringBuilder out) {
        if (i + n > s.length()) {
            return -1;
        }
        int v = 0;
        for (int j = 0; j < n; j++) {
            int x = Character.digit(s.charAt(i + j), 16);
            if (x < 0 || s.charAt(i + j) >= 0x80) {
                return -1;
            }
            v = v << 4 | x;
        }
        if (n == 2) {
            out.append((char) v); // a single byte, possibly not UTF-8
        } else if (v < 0 || v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF)) {
            return -1;
        } else {
            appendRune(out, v);
        }
        return i + n;
    }

    private static int unquoteOctal(String s, int i, int first, StringBuilder out) {
        if (i + 2 > s.length()) {
            return -1;
        }
        int v = first;
        for (int j = 0; j < 2; j++) {
            int x = s.charAt(i + j) - '0';
            if (x < 0 || x > 7) {
                return -1;
            }
            v = v << 3 | x;
        }
        if (v > 255) {
            return -1;
        }
        out.append((char) v);
        return i + 2;
    }
}
