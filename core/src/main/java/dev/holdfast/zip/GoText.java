package dev.holdfast.zip;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The few pieces of Go's standard library whose exact behaviour the zip rules depend on: {@code
 * path.Clean} and {@code path.Dir}, {@code strconv.Quote} (error messages quote names with {@code
 * %q}) and {@code go/version} (the go1.24 vendoring threshold).
 */
final class GoText {
    private GoText() {}

    /** Go's path package for slash-separated paths: Clean and Dir. */
    static final class GoPaths {
        private GoPaths() {}

        /** Returns path.Clean(p). */
        static String clean(String p) {
            if (p.isEmpty()) {
                return ".";
            }
            boolean rooted = p.charAt(0) == '/';
            int n = p.length();
            StringBuilder out = new StringBuilder(n);
            int r = 0;
            int dotdot = 0;
            if (rooted) {
                out.append('/');
                r = 1;
                dotdot = 1;
            }
            while (r < n) {
                char c = p.charAt(r);
                if (c == '/') {
                    r++;
                } else if (c == '.' && (r + 1 == n || p.charAt(r + 1) == '/')) {
                    r++;
                } else if (c == '.' && p.charAt(r + 1) == '.' && (r + 2 == n || p.charAt(r + 2) == '/')) {
                    r += 2;
                    if (out.length() > dotdot) {
                        int w = out.length() - 1;
                        while (w > dotdot && out.charAt(w) != '/') {
                            w--;
                        }
                        out.setLength(w);
                    } else if (!rooted) {
                        if (!out.isEmpty()) {
                            out.append('/');
                        }
                        out.append("..");
                        dotdot = out.length();
                    }
                } else {
                    if (rooted && out.length() != 1 || !rooted && !out.isEmpty()) {
                        out.append('/');
                    }
                    for (; r < n && p.charAt(r) != '/'; r++) {
                        out.append(p.charAt(r));
                    }
                }
            }
            return out.isEmpty() ? "." : out.toString();
        }

        /** Returns path.Dir(p). */
        static String dir(String p) {
            int slash = p.lastIndexOf('/');
            return clean(p.substring(0, slash + 1));
        }

        /** Returns strings.ToLower(p) for comparisons with ASCII names. */
        static String toLower(String p) {
            return p.toLowerCase(Locale.ROOT);
        }
    }

    /** Go's strconv.Quote, for the names in error messages. */
    static final class GoStrings {
        private GoStrings() {}

        static String quote(String s) {
            return dev.holdfast.module.GoStrings.quote(s);
        }

        /** Quotes raw bytes; bytes that are not valid UTF-8 become {@code \xNN} as in Go. */
        static String quote(byte[] b) {
            StringBuilder out = new StringBuilder(b.length + 2).append('"');
            int runStart = 0;
            int i = 0;
            while (i <= b.length) {
                int width = i < b.length ? validRuneWidth(b, i) : -1;
                if (width > 0) {
                    i += width;
                    continue;
                }
                // Quote the valid run before i, then the invalid byte at i.
                String run = new String(b, runStart, i - runStart, StandardCharsets.UTF_8);
                String quoted = quote(run);
                out.append(quoted, 1, quoted.length() - 1);
                if (i < b.length) {
                    out.append(String.format("\\x%02x", b[i] & 0xff));
                }
                i++;
                runStart = i;
            }
            return out.append('"').toString();
        }

        /** Returns the width of the valid UTF-8 sequence at i, or -1 (Go's utf8.DecodeRune rules). */
        private static int validRuneWidth(byte[] b, int i) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                return 1;
            }
            int need;
            int min;
            int r;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
                r = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
                r = c & 0x0F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
                r = c & 0x07;
            } else {
                return -1;
            }
            if (i + need >= b.length) {
                return -1;
            }
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xC0) != 0x80) {
                    return -1;
                }
                r = r << 6 | (cc & 0x3F);
            }
            return r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF) ? -1 : need + 1;
        }
    }

    /** Go's go/version Lang and Compare, enough for the go1.24 vendoring threshold. */
    static final class GoVersions {
        private GoVersions() {}

        /** Returns version.Lang(x): "go1.N" for a valid Go version x, else "". */
        static String lang(String x) {
            String[] v = parse(stripGo(x));
            if (v == null) {
                return "";
            }
            String lang = v[1].isEmpty() || v[0].equals("1") && v[1].equals("0") ? v[0] : v[0] + "." + v[1];
            return "go" + lang;
        }

        /** Returns version.Compare(x, y); invalid versions sort before valid ones. */
        static int compare(String x, String y) {
            String[] a = parse(stripGo(x));
            String[] b = parse(stripGo(y));
            a = a == null ? new String[] {"", "", "", "", ""} : a;
            b = b == null ? new String[] {"", "", "", "", ""} : b;
            for (int i = 0; i < 5; i++) {
                int c = i == 3 ? Integer.signum(a[i].compareTo(b[i])) : compareInt(a[i], b[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }

        private static String stripGo(String v) {
            int dash = v.indexOf('-');
            if (dash >= 0) {
                v = v.substring(0, dash);
            }
            return v.length() < 2 || !v.startsWith("go") ? "" : v.substring(2);
        }

        /** Returns {major, minor, patch, kind, pre} (gover.Parse) or null if invalid. */
        private static String[] parse(String x) {
            String[] v = {"", "", "", "", ""};
            int i = cutInt(x, 0);
            if (i < 0) {
                return null;
            }
            v[0] = x.substring(0, i);
            if (i == x.length()) {
                v[1] = "0";
                v[2] = "0";
                return v;
            }
            if (x.charAt(i) != '.') {
                return null;
            }
            int j = cutInt(x, i + 1);
            if (j < 0) {
                return null;
            }
            v[1] = x.substring(i + 1, j);
            if (j == x.length()) {
                if (compareInt(v[1], "21") < 0) {
                    v[2] = "0";
                }
                return v;
            }
            if (x.charAt(j) == '.') {
                int k = cutInt(x, j + 1);
                if (k < 0 || k != x.length()) {
                    return null;
                }
                v[2] = x.substring(j + 1, k);
                return v;
            }
            int k = j;
            while (k < x.length() && (x.charAt(k) < '0' || x.charAt(k) > '9')) {
                if (x.charAt(k) < 'a' || x.charAt(k) > 'z') {
                    return null;
                }
                k++;
            }
            if (k == j) {
                return null;
            }
            v[3] = x.substring(j, k);
            if (k == x.length()) {
                return v;
            }
            int m = cutInt(x, k);
            if (m < 0 || m != x.length()) {
                return null;
            }
            v[4] = x.substring(k, m);
            return v;
        }

        /** Returns the end of the decimal at start (no needless leading zero), or -1. */
        private static int cutInt(String x, int start) {
            int i = start;
            while (i < x.length() && x.charAt(i) >= '0' && x.charAt(i) <= '9') {
                i++;
            }
            if (i == start || x.charAt(start) == '0' && i != start + 1) {
                return -1;
            }
            return i;
        }

        private static int compareInt(String x, String y) {
            if (x.equals(y)) {
                return 0;
            }
            if (x.length() != y.length()) {
                return x.length() < y.length() ? -1 : 1;
            }
            return x.compareTo(y) < 0 ? -1 : 1;
        }
    }
}
