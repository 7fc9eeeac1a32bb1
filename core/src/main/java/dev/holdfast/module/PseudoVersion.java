package dev.holdfast.module;

import dev.holdfast.semver.Semver;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds and takes apart pseudo-versions, the versions the go command invents for untagged commits
 * (Go's {@code module/pseudo.go}).
 *
 * <p>The five forms, with {@code T} the commit time as {@code yyyymmddhhmmss} UTC and {@code rev} the
 * short commit hash:
 *
 * <ol>
 *   <li>{@code vX.0.0-T-rev}: no earlier tag with major version X; sorts below every vX tag;
 *   <li>{@code vX.Y.(Z+1)-0.T-rev}: latest earlier tag {@code vX.Y.Z}; sorts below any {@code
 *       vX.Y.(Z+1)} pre-release;
 *   <li>as 2 with {@code +incompatible};
 *   <li>{@code vX.Y.Z-pre.0.T-rev}: latest earlier tag {@code vX.Y.Z-pre};
 *   <li>as 4 with {@code +incompatible}.
 * </ol>
 *
 * <p>All methods are static, pure and thread-safe; arguments must not be null.
 */
public final class PseudoVersion {

    /** The timestamp layout in Go's reference-time notation: {@code yyyymmddhhmmss}. */
    public static final String TIMESTAMP_FORMAT = "20060102150405";

    /** Go's zero {@code time.Time}, 0001-01-01T00:00:00Z, used by {@link #zeroPseudoVersion}. */
    public static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    // Java's $ would also match before a final line break; matches() anchors at the very end, as Go's $.
    private static final Pattern PSEUDO_VERSION = Pattern.compile(
            "v[0-9]+\\.(0\\.0-|\\d+\\.\\d+-([^+]*\\.)?0\\.)\\d{14}-[A-Za-z0-9]+(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

    private PseudoVersion() {}

    /** The parts of a pseudo-version: {@code vX.0.0}, {@code vX.Y.(Z+1)-0} or {@code vX.Y.Z-pre.0}, then T, rev and build. */
    private record Parts(String base, String timestamp, String rev, String build) {}

    /**
     * Returns the pseudo-version for revision {@code rev} made at {@code time} (Go's {@code
     * PseudoVersion}).
     *
     * @param major the major version such as {@code "v1"}; {@code ""} means {@code "v0"}
     * @param older the latest earlier tag ({@code "v1.2.3"}, {@code "v1.2.3-pre"}, possibly with {@code
     *     +incompatible}), or {@code ""} (or any invalid version) for none
     * @param time the commit time; written in UTC to the second
     * @param rev the revision identifier, usually a 12-character commit hash prefix
     */
    public static String pseudoVersion(String major, String older, Instant time, String rev) {
        if (major.isEmpty()) {
            major = "v0";
        }
        String segment = formatTimestamp(time) + "-" + rev;
        String build = Semver.build(older);
        older = Semver.canonical(older);
        if (older.isEmpty()) {
            return major + ".0.0-" + segment; // form 1
        }
        if (!Semver.prerelease(older).isEmpty()) {
            return older + ".0." + segment + build; // forms 4 and 5
        }
        int patchStart = older.lastIndexOf('.') + 1; // forms 2 and 3
        return older.substring(0, patchStart) + incDecimal(older.substring(patchStart)) + "-0." + segment + build;
    }

    /** Returns the placeholder pseudo-version {@code vX.0.0-00010101000000-000000000000} for {@code major}. */
    public static String zeroPseudoVersion(String major) {
        return pseudoVersion(major, "", ZERO_TIME, "000000000000");
    }

    /** Reports whether {@code v} is a pseudo-version. */
    public static boolean isPseudoVersion(String v) {
        return v.indexOf('-') != v.lastIndexOf('-')
                && Semver.isValid(v)
                && PSEUDO_VERSION.matcher(v).matches();
    }

    /**
     * Returns what a proxy holding only {@code ascending} (versions in ascending semantic order) answers
     * for {@code @latest}: the highest release, else the highest prerelease, else the highest
     * pseudo-version; empty for no versions.
     */
    public static Optional<String> latestOf(Iterable<String> ascending) {
        String release = null;
        String prerelease = null;
        String pseudo = null;
        for (String v : ascending) { // the last of each kind is the highest
            if (isPseudoVersion(v)) {
                pseudo = v;
            } else if (Semver.prerelease(v).isEmpty()) {
                release = v;
            } else {
                prerelease = v;
            }
        }
        return Optional.ofNullable(release != null ? release : prerelease != null ? prerelease : pseudo);
    }

    /** Reports whether {@code v} is exactly what {@link #zeroPseudoVersion} returns for its major version. */
    public static boolean isZeroPseudoVersion(String v) {
        return v.equals(zeroPseudoVersion(Semver.major(v)));
    }

    /**
     * Returns the commit time recorded in pseudo-version {@code v}.
     *
     * @throws InvalidVersionException {@code pseudo-version "V" invalid: syntax error} if {@code v} is not
     *     a pseudo-version, or {@code ...: malformed time "T"} if T is not a real date and time
     */
    public static Instant time(String v) {
        String timestamp = parse(v).timestamp();
        Instant t = parseTimestamp(timestamp);
        if (t == null) {
            throw new InvalidVersionException("", v, true, "malformed time " + GoStrings.quote(timestamp));
        }
        return t;
    }

    /**
     * Returns the revision identifier at the end of pseudo-version {@code v}.
     *
     * @throws InvalidVersionException {@code pseudo-version "V" invalid: syntax error} if {@code v} is not
     *     a pseudo-version
     */
    public static String rev(String v) {
        return parse(v).rev();
    }

    /**
     * Returns the tag that pseudo-version {@code v} was derived from, with its build suffix, or {@code ""}
     * for form 1 (Go's {@code PseudoVersionBase}).
     *
     * @throws InvalidVersionException if {@code v} is not a pseudo-version ({@code syntax error}), is form
     *     1 with build metadata ({@code lacks base version, but has build metadata "+incompatible"}), or
     *     is {@code vX.Y.0-0.T-rev} ({@code version before vX.Y.0 would have negative patch number})
     */
    public static String base(String v) {
        Parts p = parse(v);
        String base = p.base();
        String pre = Semver.prerelease(base);
        if (pre.isEmpty()) { // form 1: there was no earlier tag
            if (!p.build().isEmpty()) {
                // "vX.0.0-" says no tag came before, "+incompatible" that one did: contradictory.
                throw new InvalidVersionException(
                        "", v, true, "lacks base version, but has build metadata " + GoStrings.quote(p.build()));
            }
            return "";
        }
        if (pre.equals("-0")) { // forms 2 and 3: undo the patch increment
            base = base.substring(0, base.length() - pre.length());
            int dot = base.lastIndexOf('.');
            String patch = decDecimal(base.substring(dot + 1));
            if (patch.isEmpty()) {
                throw new InvalidVersionException(
                        "", v, true, "version before " + base + " would have negative patch number");
            }
            return base.substring(0, dot + 1) + patch + p.build();
        }
        // Forms 4 and 5: the pattern guarantees the base ends in ".0".
        return base.substring(0, base.length() - 2) + p.build();
    }

    private static Parts parse(String v) {
        if (!isPseudoVersion(v)) {
            throw new InvalidVersionException("", v, true, "syntax error");
        }
        String build = Semver.build(v);
        String rest = v.substring(0, v.length() - build.length());
        int lastDash = rest.lastIndexOf('-');
        String rev = rest.substring(lastDash + 1);
        rest = rest.substring(0, lastDash);
        int dash = rest.lastIndexOf('-');
        int dot = rest.lastIndexOf('.');
        int split = dot > dash ? dot : dash; // "vX.Y.Z-pre.0" / "vX.Y.(Z+1)-0" end at a dot, "vX.0.0" at a dash
        return new Parts(rest.substring(0, split), rest.substring(split + 1), rev, build);
    }

    /** Returns the decimal string plus one: {@code "9"} gives {@code "10"}. */
    static String incDecimal(String decimal) {
        char[] digits = decimal.toCharArray();
        int i = digits.length - 1;
        for (; i >= 0 && digits[i] == '9'; i--) {
            digits[i] = '0';
        }
        if (i >= 0) {
            digits[i]++;
            return new String(digits);
        }
        return "1" + new String(digits); // all nines: one more digit
    }

    /**
     * Returns the decimal string minus one, dropping a leading {@code 1} that becomes {@code 0} ({@code
     * "10"} gives {@code "9"}), or {@code ""} when the string is all zeros.
     */
    static String decDecimal(String decimal) {
        char[] digits = decimal.toCharArray();
        int i = digits.length - 1;
        for (; i >= 0 && digits[i] == '0'; i--) {
            digits[i] = '9';
        }
        if (i < 0) {
            return "";
        }
        if (i == 0 && digits[0] == '1' && digits.length > 1) {
            return new String(digits, 1, digits.length - 1);
        }
        digits[i]--;
        return new String(digits);
    }

    /** Formats {@code time} in UTC as Go's layout {@code 20060102150405}, years below 1000 zero-padded. */
    static String formatTimestamp(Instant time) {
        LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(16);
        int year = t.getYear();
        if (year < 0) {
            b.append('-');
        }
        pad(b, Math.abs(year), 4);
        pad(b, t.getMonthValue(), 2);
        pad(b, t.getDayOfMonth(), 2);
        pad(b, t.getHour(), 2);
        pad(b, t.getMinute(), 2);
        pad(b, t.getSecond(), 2);
        return b.toString();
    }

    private static void pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        b.repeat('0', Math.max(0, width - digits.length())).append(digits);
    }

    /**
     * Parses a 14-digit timestamp as Go's {@code time.Parse("20060102150405", ...)} does, or returns null
     * when a field is out of range (month 1-12, day within the month, hour below 24, minute and second
     * below 60).
     */
    private static Instant parseTimestamp(String ts) {
        int year = Integer.parseInt(ts, 0, 4, 10);
        int month = Integer.parseInt(ts, 4, 6, 10);
        int day = Integer.parseInt(ts, 6, 8, 10);
        int hour = Integer.parseInt(ts, 8, 10, 10);
        int minute = Integer.parseInt(ts, 10, 12, 10);
        int second = Integer.parseInt(ts, 12, 14, 10);
        if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        if (day < 1 || day > java.time.Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    }
}
