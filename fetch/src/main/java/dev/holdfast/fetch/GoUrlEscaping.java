package dev.holdfast.fetch;

import dev.holdfast.module.GoStrings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-escaping as Go's {@code net/url} does it, per URL component. Works on the UTF-8 bytes of a
 * string, as Go does; an unescaped result that is not valid UTF-8 is decoded with replacement characters
 * (proxy URLs and module paths are ASCII in practice).
 */
final class GoUrlEscaping {
    private GoUrlEscaping() {}

    /** The URL components whose escaping rules differ (Go's {@code encoding} modes). */
    enum Mode {
        PATH,
        PATH_SEGMENT,
        HOST,
        ZONE,
        USER_PASSWORD,
        QUERY_COMPONENT,
        FRAGMENT
    }

    /** A malformed escape or host character; the message is Go's. */
    static final class EscapeException extends Exception {
        private static final long serialVersionUID = 1L;

        EscapeException(String message) {
            super(message, null, false, false);
        }
    }

    /** Reports whether byte {@code c} must be escaped in component {@code mode} (Go's {@code shouldEscape}). */
    static boolean shouldEscape(int c, Mode mode) {
        if ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
            return false;
        }
        if (mode == Mode.HOST || mode == Mode.ZONE) {
            if ("!$&'()*+,;=:[]<>\"".indexOf(c) >= 0) {
                return false;
            }
        }
        if ("-_.~".indexOf(c) >= 0) {
            return false;
        }
        if ("$&+,/:;=?@".indexOf(c) >= 0) {
            return switch (mode) {
                case PATH -> c == '?';
                case PATH_SEGMENT -> c == '/' || c == ';' || c == ',' || c == '?';
                case USER_PASSWORD -> c == '@' || c == '/' || c == '?' || c == ':';
                case QUERY_COMPONENT -> true;
                case FRAGMENT -> false;
                case HOST, ZONE -> true;
            };
        }
        if (mode == Mode.FRAGMENT && "!()*".indexOf(c) >= 0) {
            return false;
        }
        return true;
    }

    /** Returns {@code s} escaped for component {@code mode} (Go's {@code escape}). */
    static String escape(String s, Mode mode) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(bytes.length + 8);
        for (byte x : bytes) {
            int c = x & 0xff;
            if (c == ' ' && mode == Mode.QUERY_COMPONENT) {
                b.append('+');
            } else if (shouldEscape(c, mode)) {
                b.append('%').append("0123456789ABCDEF".charAt(c >> 4)).append("0123456789ABCDEF".charAt(c & 15));
            } else {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    /** Returns {@code s} escaped for a path, with {@code /} kept (the go command's {@code pathEscape}). */
    static String pathEscape(String s) {
        return escape(s, Mode.PATH_SEGMENT).replace("%2F", "/");
    }

    /**
     * Returns {@code s} with its escapes decoded for component {@code mode} (Go's {@code unescape}).
     *
     * @throws EscapeException {@code invalid URL escape "%zz"} or {@code invalid character " " in host
     *     name}
     */
    static String unescape(String s, Mode mode) throws EscapeException {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; ) {
            int c = in[i] & 0xff;
            if (c == '%') {
                if (i + 2 >= in.length || !isHex(in[i + 1]) || !isHex(in[i + 2])) {
                    throw escapeError(in, i, Math.min(3, in.length - i));
                }
                String three = new String(in, i, 3, StandardCharsets.UTF_8);
                if (mode == Mode.HOST && unhex(in[i + 1]) < 8 && !three.equals("%25")) {
                    throw escapeError(in, i, 3);
                }
                if (mode == Mode.ZONE) {
                    int v = unhex(in[i + 1]) << 4 | unhex(in[i + 2]);
                    if (!three.equals("%25") && v != ' ' && shouldEscape(v, Mode.HOST)) {
                        throw escapeError(in, i, 3);
                    }
                }
                i += 3;
            } else {
                if ((mode == Mode.HOST || mode == Mode.ZONE) && c < 0x80 && shouldEscape(c, mode)) {
                    throw new EscapeException(
                            "invalid character " + GoStrings.quote(String.valueOf((char) c)) + " in host name");
                }
                i++;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            int c = in[i] & 0xff;
            if (c == '%') {
                out.write(unhex(in[i + 1]) << 4 | unhex(in[i + 2]));
                i += 2;
            } else if (c == '+' && mode == Mode.QUERY_COMPONENT) {
                out.write(' ');
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Reports whether {@code s} is a valid escaped path or fragment (Go's {@code validEncoded}). */
    static boolean validEncoded(String s, Mode mode) {
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ("!$&'()*+,;=:@[]%".indexOf(c) < 0 && shouldEscape(c, mode)) {
                return false;
            }
        }
        return true;
    }

    private static EscapeException escapeError(byte[] in, int from, int length) {
        String bad = new String(in, from, length, StandardCharsets.UTF_8);
        return new EscapeException("invalid URL escape " + GoStrings.quote(bad));
    }

    private static boolean isHex(byte b) {
        return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F';
    }

    private static int unhex(byte b) {
        return b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
    }
}
