package dev.holdfast.semver;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses, compares and canonicalizes semantic version strings exactly as {@code
 * golang.org/x/mod/semver} does.
 *
 * <p>The accepted grammar is {@code vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]]}: numbers have no
 * leading zeros, pre-release and build identifiers are non-empty runs of {@code [0-9A-Za-z-]} separated
 * by dots, and a purely numeric pre-release identifier has no leading zero. The shorthands {@code v1}
 * and {@code v1.2} are valid only with nothing after them. Every function accepts any string and never
 * throws: an invalid version simply yields {@code ""} (or sorts lowest).
 *
 * <p>All methods are static, pure and thread-safe; arguments must not be null.
 */
public final class Semver {

    /**
     * Orders versions as Go's {@code semver.Sort}: by {@link #compare}, ties (for example {@code v1} and
     * {@code v1.0.0}, or two invalid strings) broken by Go string order.
     */
    public static final Comparator<String> ORDER = Semver::compareForSort;

    private Semver() {}

    /** The pieces of a valid version; {@code shorthand} is what {@link #canonical} must append. */
    private record Parsed(
            String major, String minor, String patch, String shorthand, String prerelease, String build) {}

    /** Reports whether {@code v} is a valid semantic version string. */
    public static boolean isValid(String v) {
        return parse(v) != null;
    }

    /**
     * Returns the canonical form of {@code v}: missing {@code .MINOR} or {@code .PATCH} filled in with
     * zeros and build metadata dropped, or {@code ""} when {@code v} is invalid. Two versions compare
     * equal exactly when their canonical forms are the same string.
     */
    public static String canonical(String v) {
        Parsed p = parse(v);
        if (p == null) {
            return "";
        }
        if (!p.build().isEmpty()) {
            return v.substring(0, v.length() - p.build().length());
        }
        return v + p.shorthand();
    }

    /** Returns the major-version prefix of {@code v} ({@code "v2"} for {@code "v2.1.0"}), or {@code ""}. */
    public static String major(String v) {
        Parsed p = parse(v);
        return p == null ? "" : v.substring(0, 1 + p.major().length());
    }

    /**
     * Returns the {@code vMAJOR.MINOR} prefix of {@code v} ({@code "v2.1"} for {@code "v2.1.0"}, {@code
     * "v2.0"} for {@code "v2"}), or {@code ""} when {@code v} is invalid.
     */
    public static String majorMinor(String v) {
        Parsed p = parse(v);
        if (p == null) {
            return "";
        }
        int i = 1 + p.major().length();
        int j = i + 1 + p.minor().length();
        if (j <= v.length() && v.charAt(i) == '.' && v.startsWith(p.minor(), i + 1)) {
            return v.substring(0, j);
        }
        return v.substring(0, i) + "." + p.minor();
    }

    /** Returns the pre-release suffix of {@code v} including its {@code -}, or {@code ""}. */
    public static String prerelease(String v) {
        Parsed p = parse(v);
        return p == null ? "" : p.prerelease();
    }

    /** Returns the build suffix of {@code v} including its {@code +}, or {@code ""}. */
    public static String build(String v) {
        Parsed p = parse(v);
        return p == null ? "" : p.build();
    }

    /**
     * Compares two versions by semantic-version precedence and returns -1, 0 or +1.
     *
     * <p>Build metadata is ignored. An invalid string is less than every valid one and equal to every
     * other invalid one, so {@code "none"} sorts below all real versions.
     */
    public static int compare(String v, String w) {
        if (v.equals(w)) {
            return 0; // equal strings are equal versions, or both invalid: no need to parse (MVS asks often)
        }
        Parsed pv = parse(v);
        Parsed pw = parse(w);
        if (pv == null || pw == null) {
            return pv == null ? (pw == null ? 0 : -1) : +1;
        }
        int c = compareNumber(pv.major(), pw.major());
        if (c == 0) {
            c = compareNumber(pv.minor(), pw.minor());
        }
        if (c == 0) {
            c = compareNumber(pv.patch(), pw.patch());
        }
        return c != 0 ? c : comparePrerelease(pv.prerelease(), pw.prerelease());
    }

    /**
     * Returns the greater of the canonical forms of {@code v} and {@code w} (the canonical {@code w} when
     * they are equal). Mirrors the deprecated Go {@code semver.Max}; prefer {@link #compare}.
     */
    public static String max(String v, String w) {
        String cv = canonical(v);
        String cw = canonical(w);
        return compare(cv, cw) > 0 ? cv : cw;
    }

    /** Returns a new unmodifiable list holding {@code versions} in {@link #ORDER}. */
    public static List<String> sort(Collection<String> versions) {
        return versions.stream().sorted(ORDER).toList();
    }

    private static int compareForSort(String a, String b) {
        int c = compare(a, b);
        // Go's tie-break is strings.Compare: the order of the UTF-8 bytes. Ties are rare (equal or
        // invalid versions), so encoding them here costs little and keeps this package free of others.
        return c != 0 ? c : Integer.signum(Arrays.compareUnsigned(utf8(a), utf8(b)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // Parsing. Indexes are char positions; a valid version is pure ASCII, so they equal Go's byte
    // offsets, and any non-ASCII char makes the scan fail just as its UTF-8 bytes would in Go.

    /**
     * Returns the pieces of {@code v}, or null when it is invalid. A build list compares the same few
     * thousand versions again and again (minimal version selection, sorting, canonical forms), so the
     * pieces of the first {@value #REMEMBERED} distinct strings of at most {@value #REMEMBERED_LENGTH}
     * characters are kept (a pseudo-version has 34); past that, versions are parsed each time, so a stream
     * of made-up versions from a client cannot grow the memory by more than a few megabytes.
     */
    private static Parsed parse(String v) {
        Parsed known = PARSED.get(v);
        if (known != null) {
            return known == INVALID ? null : known;
        }
        Parsed p = parseUncached(v);
        if (v.length() <= REMEMBERED_LENGTH && PARSED.size() < REMEMBERED) {
            PARSED.putIfAbsent(v, p == null ? INVALID : p);
        }
        return p;
    }

    private static final int REMEMBERED = 8192;
    private static final int REMEMBERED_LENGTH = 100;
    private static final Parsed INVALID = new Parsed("", "", "", "", "", "");
    private static final ConcurrentHashMap<String, Parsed> PARSED = new ConcurrentHashMap<>();

    private static Parsed parseUncached(String v) {
        if (v.isEmpty() || v.charAt(0) != 'v') {
            return null;
        }
        int end = scanNumber(v, 1);
        if (end < 0) {
            return null;
        }
        String major = v.substring(1, end);
        if (end == v.length()) {
            return new Parsed(major, "0", "0", ".0.0", "", "");
        }
        int start = end + 1;
        if (v.charAt(end) != '.' || (end = scanNumber(v, start)) < 0) {
            return null;
        }
        String minor = v.substring(start, end);
        if (end == v.length()) {
            return new Parsed(major, minor, "0", ".0", "", "");
        }
        start = end + 1;
        if (v.charAt(end) != '.' || (end = scanNumber(v, start)) < 0) {
            return null;
        }
        return parseSuffixes(v, major, minor, v.substring(start, end), end);
    }

    /** Parses the optional {@code -PRERELEASE} and {@code +BUILD} that follow the patch number at {@code i}. */
    private static Parsed parseSuffixes(String v, String major, String minor, String patch, int i) {
        String prerelease = "";
        if (i < v.length() && v.charAt(i) == '-') {
            int end = scanIdentifiers(v, i, true);
            if (end < 0) {
                return null;
            }
            prerelease = v.substring(i, end);
            i = end;
        }
        String build = "";
        if (i < v.length() && v.charAt(i) == '+') {
            int end = scanIdentifiers(v, i, false);
            if (end < 0) {
                return null;
            }
            build = v.substring(i, end);
            i = end;
        }
        return i == v.length() ? new Parsed(major, minor, patch, "", prerelease, build) : null;
    }

    /** Returns the end of the decimal number starting at {@code start}, or -1 if there is none or it has a leading zero. */
    private static int scanNumber(String v, int start) {
        int i = start;
        while (i < v.length() && isDigit(v.charAt(i))) {
            i++;
        }
        if (i == start || (v.charAt(start) == '0' && i != start + 1)) {
            return -1;
        }
        return i;
    }

    /**
     * Scans the dot-separated identifiers after the {@code -} or {@code +} at {@code start} and returns
     * where they end, or -1 if one is empty, holds a bad char or (pre-release only) is a number with a
     * leading zero. A pre-release stops at {@code +}; build metadata must run to the end.
     */
    private static int scanIdentifiers(String v, int start, boolean prerelease) {
        int i = start + 1;
        int identStart = i;
        for (; i < v.length() && !(prerelease && v.charAt(i) == '+'); i++) {
            char c = v.charAt(i);
            if (c == '.') {
                if (identStart == i || (prerelease && hasLeadingZero(v, identStart, i))) {
                    return -1;
                }
                identStart = i + 1;
            } else if (!isIdentChar(c)) {
                return -1;
            }
        }
        if (identStart == i || (prerelease && hasLeadingZero(v, identStart, i))) {
            return -1;
        }
        return i;
    }

    private static boolean isIdentChar(char c) {
        return ('A' <= c && c <= 'Z') || ('a' <= c && c <= 'z') || isDigit(c) || c == '-';
    }

    private static boolean isDigit(char c) {
        return '0' <= c && c <= '9';
    }

    /** Reports whether {@code v[from, to)} is all digits, longer than one and starts with {@code 0}. */
    private static boolean hasLeadingZero(String v, int from, int to) {
        return to - from > 1 && v.charAt(from) == '0' && isNumeric(v, from, to);
    }

    private static boolean isNumeric(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // Comparison.

    /** Compares two decimal strings without leading zeros: the shorter is smaller. */
    private static int compareNumber(String x, String y) {
        if (x.length() != y.length()) {
            return x.length() < y.length() ? -1 : +1;
        }
        return Integer.signum(x.compareTo(y));
    }

    /**
     * Compares pre-release suffixes (each {@code ""} or {@code -id.id...}) by SemVer 2.0.0 precedence: no
     * pre-release beats any; numeric identifiers are below alphanumeric ones and compare numerically;
     * alphanumeric ones compare in ASCII order; a longer list of otherwise equal identifiers wins.
     */
    private static int comparePrerelease(String x, String y) {
        if (x.equals(y)) {
            return 0;
        }
        if (x.isEmpty() || y.isEmpty()) {
            return x.isEmpty() ? +1 : -1;
        }
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int xEnd = identEnd(x, ++i); // skips the '-' or '.'
            int yEnd = identEnd(y, ++j);
            int c = compareIdentifier(x.substring(i, xEnd), y.substring(j, yEnd));
            if (c != 0) {
                return c;
            }
            i = xEnd;
            j = yEnd;
        }
        return i == x.length() ? -1 : +1;
    }

    private static int identEnd(String s, int from) {
        int dot = s.indexOf('.', from);
        return dot < 0 ? s.length() : dot;
    }

    private static int compareIdentifier(String dx, String dy) {
        if (dx.equals(dy)) {
            return 0;
        }
        boolean nx = isNumeric(dx, 0, dx.length());
        boolean ny = isNumeric(dy, 0, dy.length());
        if (nx != ny) {
            return nx ? -1 : +1;
        }
        if (nx && dx.length() != dy.length()) {
            return dx.length() < dy.length() ? -1 : +1;
        }
        return dx.compareTo(dy) < 0 ? -1 : +1; // both ASCII: UTF-16 order is byte order
    }
}
