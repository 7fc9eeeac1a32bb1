package dev.holdfast.fetch;

import dev.holdfast.module.GoStrings;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The part of an error response's body the go command shows after {@code server response:} (its {@code
 * formatErrorDetail}): only for {@code text/plain} bodies in UTF-8 or US-ASCII, only if every character
 * is graphic or white space, at most 8 lines and 648 bytes, stopping at the first blank line.
 */
final class ErrorDetail {
    /** How many lines the go command shows. */
    static final int MAX_LINES = 8;

    /** How many bytes the go command shows: 8 lines of 81. */
    static final int MAX_BYTES = MAX_LINES * 81;

    /** How much of an error body is read to find the detail (the go command buffers one read's worth). */
    static final int READ_LIMIT = 64 << 10;

    private ErrorDetail() {}

    /**
     * Reports whether a body with this {@code Content-Type} may be shown: media type {@code text/plain}
     * with charset {@code utf-8}, {@code us-ascii} or none.
     */
    static boolean isShown(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("text/plain")) {
            return false;
        }
        String charset = "";
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip();
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                charset = unquote(param.substring(eq + 1).strip()).toLowerCase(Locale.ROOT);
            }
        }
        return charset.isEmpty() || charset.equals("utf-8") || charset.equals("us-ascii");
    }

    /** Returns the detail the go command would show for {@code body}, or {@code ""}. */
    static String format(byte[] body) {
        String s;
        try {
            s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            return ""; // not UTF-8: not shown
        }
        if (!s.codePoints().allMatch(cp -> GoStrings.isGraphic(cp) || GoStrings.isSpace(cp))) {
            return ""; // nothing that could play tricks with the user's terminal
        }
        StringBuilder detail = new StringBuilder();
        String[] lines = s.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (GoStrings.trimSpace(line).isEmpty()) {
                break;
            }
            if (i > 0) {
                detail.append("\n\t");
            }
            if (i >= MAX_LINES) {
                detail.append("[Truncated: too many lines.]");
                break;
            }
            if (utf8Length(detail) + utf8Length(line) > MAX_BYTES) {
                detail.append("[Truncated: too long.]");
                break;
            }
            detail.append(line);
        }
        return detail.toString();
    }

    private static int utf8Length(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
