package dev.holdfast.modfile;

import static dev.holdfast.module.GoStrings.RUNE_ERROR;
import static dev.holdfast.module.GoStrings.appendRune;
import static dev.holdfast.module.GoStrings.decodeRune;
import static dev.holdfast.module.GoStrings.isSpace;
import static dev.holdfast.module.GoStrings.rune;
import static dev.holdfast.module.GoStrings.width;

import dev.holdfast.module.GoStrings;
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
final class ByteStrings {
    private ByteStrings() {}

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

    /**
     * Returns the Go double-quoted literal for byte string {@code raw}, like strconv.Quote, as a byte
     * string; bytes that are not UTF-8 are written as {@code \xNN}.
     */
    static String quote(String raw) {
        return raw(GoStrings.quote(bytes(raw)));
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
