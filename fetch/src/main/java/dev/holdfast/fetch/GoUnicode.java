package dev.holdfast.fetch;

import dev.holdfast.module.GoStrings;

/** Go's {@code unicode.IsSpace}, {@code unicode.IsGraphic} and {@code strings.TrimSpace}. */
final class GoUnicode {
    private GoUnicode() {}

    /** Reports whether {@code cp} is white space by Go's {@code unicode.IsSpace}. */
    static boolean isSpace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> 0x2000 <= cp && cp <= 0x200A;
        };
    }

    /** Reports whether {@code cp} is graphic by Go's {@code unicode.IsGraphic}: printable or a space separator. */
    static boolean isGraphic(int cp) {
        return GoStrings.isPrint(cp) || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    /** Returns {@code s} without leading and trailing white space (Go's {@code strings.TrimSpace}). */
    static String trimSpace(String s) {
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

    /** Returns the runs of non-space characters of {@code s} (Go's {@code strings.Fields}). */
    static java.util.List<String> fields(String s) {
        java.util.List<String> out = new java.util.ArrayList<>();
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
}
