package dev.holdfast.module;

import dev.holdfast.module.PathCheck.Kind;
import dev.holdfast.semver.Semver;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks, splits and escapes module paths as {@code golang.org/x/mod/module} does.
 *
 * <p>A module path such as {@code example.com/mod/v2} is a valid import path whose first element looks
 * like a lower-case domain name and whose last element, if it is {@code /vN}, names a major version
 * {@code N >= 2} ({@code gopkg.in/} paths use {@code .vN} instead). Escaping replaces each upper-case
 * ASCII letter by {@code !} and its lower-case form, so that paths can be file names and URL paths on
 * case-insensitive systems.
 *
 * <p>All methods are static, pure and thread-safe; arguments must not be null.
 */
public final class ModulePath {

    private static final String GOPKG_IN = "gopkg.in/";
    private static final String UNSTABLE = "-unstable";

    /**
     * A module path split into its {@code prefix} and major-version suffix, such that {@code prefix +
     * pathMajor} is the path. {@code pathMajor} is {@code ""}, {@code /vN} with {@code N >= 2}, or for
     * {@code gopkg.in} paths {@code .vN}, possibly followed by {@code -unstable}.
     */
    public record PathMajor(String prefix, String pathMajor) {}

    private ModulePath() {}

    /**
     * Checks that {@code path} is a valid module path (Go's {@code CheckPath}).
     *
     * <p>Beyond the import-path rules (with {@code +} disallowed and no element starting with a dot), the
     * first element must contain a dot and only {@code a-z 0-9 . -}, may not start with a dash, and a
     * trailing major-version element must be well-formed (see {@link #splitPathVersion}).
     *
     * @throws InvalidPathException with Go's message, for example {@code malformed module path "x":
     *     missing dot in first path element}
     */
    public static void check(String path) {
        if (VALID.contains(path)) {
            return;
        }
        String reason = checkReason(path);
        if (reason != null) {
            throw new InvalidPathException(Kind.MODULE.word(), path, reason);
        }
        if (path.length() <= REMEMBERED_LENGTH && VALID.size() < REMEMBERED) {
            VALID.add(path);
        }
    }

    /**
     * Paths found valid so far, up to {@value #REMEMBERED} of them of at most {@value #REMEMBERED_LENGTH}
     * characters: a command checks the same module paths at every go.mod line, store key and cache path
     * that names them, and a check walks every character; the bounds keep a stream of made-up paths from
     * a client from growing the memory by more than a few megabytes.
     */
    private static final Set<String> VALID = ConcurrentHashMap.newKeySet();

    private static final int REMEMBERED = 8192;
    private static final int REMEMBERED_LENGTH = 200;

    private static String checkReason(String path) {
        String reason = PathCheck.checkPath(path, Kind.MODULE);
        if (reason != null) {
            return reason;
        }
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        if (first.isEmpty()) {
            return "leading slash";
        }
        if (!first.contains(".")) {
            return "missing dot in first path element";
        }
        if (path.charAt(0) == '-') {
            return "leading dash in first path element";
        }
        for (int i = 0; i < first.length(); i++) {
            if (!PathCheck.isFirstElementChar(first.charAt(i))) {
                return "invalid char " + GoStrings.quoteRune(first.charAt(i)) + " in first path element";
            }
        }
        return splitPathVersion(path).isEmpty() ? "invalid version" : null;
    }

    /**
     * Checks that {@code path} is a valid import path (Go's {@code CheckImportPath}): slash-separated,
     * non-empty elements of ASCII letters, digits and {@code - . _ ~ +}, none made only of dots or ending
     * in a dot, none a Windows device name, none ending in a tilde and digits.
     *
     * @throws InvalidPathException with Go's message {@code malformed import path "P": reason}
     */
    public static void checkImportPath(String path) {
        String reason = PathCheck.checkPath(path, Kind.IMPORT);
        if (reason != null) {
            throw new InvalidPathException(Kind.IMPORT.word(), path, reason);
        }
    }

    /**
     * Checks that {@code path} is a valid slash-separated file path inside a module (Go's {@code
     * CheckFilePath}): like an import path, but any Unicode letter, the space and {@code
     * !#$%&()+,-.=@[]^_{}~} are also allowed, a leading dash is fine and short names are not checked.
     *
     * @throws InvalidPathException with Go's message {@code malformed file path "P": reason}
     */
    public static void checkFilePath(String path) {
        String reason = PathCheck.checkPath(path, Kind.FILE);
        if (reason != null) {
            throw new InvalidPathException(Kind.FILE.word(), path, reason);
        }
    }

    /**
     * Splits {@code path} into prefix and major-version suffix (Go's {@code SplitPathVersion}); empty when
     * the suffix is malformed, such as {@code /v1}, {@code /v0}, {@code /v02}, {@code /v1.2}, or a {@code
     * gopkg.in} path without {@code .vN}. A path without a suffix yields {@code PathMajor(path, "")}.
     */
    public static Optional<PathMajor> splitPathVersion(String path) {
        if (path.startsWith(GOPKG_IN)) {
            return splitGopkgIn(path);
        }
        int i = path.length();
        boolean dot = false;
        while (i > 0 && (isDigit(path.charAt(i - 1)) || path.charAt(i - 1) == '.')) {
            dot |= path.charAt(i - 1) == '.';
            i--;
        }
        if (i <= 1 || i == path.length() || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '/') {
            return Optional.of(new PathMajor(path, ""));
        }
        String pathMajor = path.substring(i - 2);
        if (dot || pathMajor.charAt(2) == '0' || pathMajor.equals("/v1")) {
            return Optional.empty();
        }
        return Optional.of(new PathMajor(path.substring(0, i - 2), pathMajor));
    }

    private static Optional<PathMajor> splitGopkgIn(String path) {
        int i = path.length();
        if (path.endsWith(UNSTABLE)) {
            i -= UNSTABLE.length();
        }
        while (i > 0 && isDigit(path.charAt(i - 1))) {
            i--;
        }
        if (i <= 1 || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '.') {
            return Optional.empty(); // every gopkg.in path must end in .vN
        }
        String pathMajor = path.substring(i - 2);
        if (pathMajor.length() <= 2 || (pathMajor.charAt(2) == '0' && !pathMajor.equals(".v0"))) {
            return Optional.empty();
        }
        return Optional.of(new PathMajor(path.substring(0, i - 2), pathMajor));
    }

    /**
     * Checks that version {@code v} belongs with the path suffix {@code pathMajor} (Go's {@code
     * CheckPathMajor}): {@code ""} takes v0, v1 and {@code +incompatible} versions, {@code /vN} and {@code
     * .vN} take major vN. As in Go, {@code v0.0.0-} pseudo-versions are accepted for {@code .v1}.
     *
     * @throws InvalidVersionException without a module path, for example {@code version "v1.0.0" invalid:
     *     should be v2, not v1}
     */
    public static void checkPathMajor(String v, String pathMajor) {
        String expected = mismatch(v, pathMajor);
        if (expected != null) {
            throw new InvalidVersionException("", v, false, "should be " + expected + ", not " + Semver.major(v));
        }
    }

    /** Reports whether {@code v} belongs with {@code pathMajor}: true exactly when {@link #checkPathMajor} passes. */
    public static boolean matchPathMajor(String v, String pathMajor) {
        return mismatch(v, pathMajor) == null;
    }

    /** Returns the major version {@code pathMajor} calls for when {@code v} does not match it, else null. */
    private static String mismatch(String v, String pathMajor) {
        if (pathMajor.startsWith(".v") && pathMajor.endsWith(UNSTABLE)) {
            pathMajor = pathMajor.substring(0, pathMajor.length() - UNSTABLE.length());
        }
        if (v.startsWith("v0.0.0-") && pathMajor.equals(".v1")) {
            return null; // pseudo-versions were once generated this way for gopkg.in .v1 paths
        }
        String major = Semver.major(v);
        if (pathMajor.isEmpty()) {
            boolean ok =
                    major.equals("v0") || major.equals("v1") || Semver.build(v).equals("+incompatible");
            return ok ? null : "v0 or v1";
        }
        if (pathMajor.charAt(0) == '/' || pathMajor.charAt(0) == '.') {
            return major.equals(pathMajor.substring(1)) ? null : pathMajor.substring(1);
        }
        return pathMajor;
    }

    /**
     * Returns the tag prefix implied by {@code pathMajor}: {@code ""} (v0 or v1) for {@code ""}, else
     * {@code vN} (Go's {@code PathMajorPrefix}).
     *
     * @throws IllegalArgumentException where Go panics: no leading {@code /} or {@code .}, or no valid
     *     major version after it
     */
    public static String pathMajorPrefix(String pathMajor) {
        if (pathMajor.isEmpty()) {
            return "";
        }
        if (pathMajor.charAt(0) != '/' && pathMajor.charAt(0) != '.') {
            throw new IllegalArgumentException(
                    "pathMajor suffix " + pathMajor + " passed to PathMajorPrefix lacks separator");
        }
        String trimmed = pathMajor;
        if (trimmed.startsWith(".v") && trimmed.endsWith(UNSTABLE)) {
            trimmed = trimmed.substring(0, trimmed.length() - UNSTABLE.length());
        }
        String m = trimmed.substring(1);
        if (!m.equals(Semver.major(m))) {
            // Go's panic text, missing space included.
            throw new IllegalArgumentException(
                    "pathMajor suffix " + trimmed + "passed to PathMajorPrefix is not a valid major version");
        }
        return m;
    }

    /**
     * Returns {@link Semver#canonical} of {@code v}, keeping a {@code +incompatible} build suffix (Go's
     * {@code CanonicalVersion}); {@code ""} when {@code v} is invalid.
     */
    public static String canonicalVersion(String v) {
        String cv = Semver.canonical(v);
        return Semver.build(v).equals("+incompatible") ? cv + "+incompatible" : cv;
    }

    /**
     * Returns the case-escaped form of module path {@code path} used in cache directories and proxy URLs:
     * every {@code A-Z} becomes {@code !} and its lower-case letter ({@code example.com/Foo} becomes {@code
     * example.com/!foo}).
     *
     * @throws InvalidPathException if {@code path} is not a valid module path
     */
    public static String escape(String path) {
        check(path); // a valid module path is ASCII without '!', so escaping is reversible
        return escapeString(path);
    }

    /**
     * Returns the case-escaped form of version {@code v}. Versions need not be semantic but must be valid
     * file-name elements without {@code !}.
     *
     * @throws InvalidVersionException {@code version "V" invalid: disallowed version string}, or Go's
     *     {@code internal error: inconsistency in EscapePath} for a version with a non-ASCII letter
     */
    public static String escapeVersion(String v) {
        if (PathCheck.checkElem(v, Kind.FILE) != null || v.contains("!")) {
            throw new InvalidVersionException("", v, false, "disallowed version string");
        }
        if (!PathCheck.isAscii(v)) {
            // Go reaches its escaper's consistency check here: file names allow Unicode letters.
            String message = "internal error: inconsistency in EscapePath";
            throw InvalidVersionException.withMessage(v, message, message);
        }
        return escapeString(v);
    }

    private static String escapeString(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ('A' <= c && c <= 'Z') {
                if (b == null) {
                    b = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                b.append('!').append((char) (c + ('a' - 'A')));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * Returns the module path that {@code escaped} is the escaped form of (Go's {@code UnescapePath}).
     *
     * @throws InvalidPathException {@code invalid escaped module path "E"} when {@code escaped} has a
     *     non-ASCII char, a raw upper-case letter or a {@code !} not followed by {@code a-z}, followed by
     *     {@code : malformed module path ...} when the result is not a valid module path
     */
    public static String unescape(String escaped) {
        String path = unescapeString(escaped);
        if (path == null) {
            throw InvalidPathException.escaped(escaped, null);
        }
        try {
            check(path);
        } catch (InvalidPathException e) {
            throw InvalidPathException.escaped(escaped, e);
        }
        return path;
    }

    /**
     * Returns the version that {@code escaped} is the escaped form of (Go's {@code UnescapeVersion}).
     *
     * @throws InvalidVersionException {@code invalid escaped version "E"} for a bad escape, or {@code
     *     invalid escaped version "V": reason} when the result is not a valid file-name element
     */
    public static String unescapeVersion(String escaped) {
        String v = unescapeString(escaped);
        if (v == null) {
            String message = "invalid escaped version " + GoStrings.quote(escaped);
            throw InvalidVersionException.withMessage(escaped, "invalid escape", message);
        }
        String reason = PathCheck.checkElem(v, Kind.FILE);
        if (reason != null) {
            String message = "invalid escaped version " + GoStrings.quote(v) + ": " + reason;
            throw InvalidVersionException.withMessage(v, reason, message);
        }
        return v;
    }

    /** Undoes {@code !}-escaping, or returns null if {@code escaped} is not a well-formed escaped string. */
    private static String unescapeString(String escaped) {
        StringBuilder b = new StringBuilder(escaped.length());
        boolean bang = false;
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c >= 0x80 || ('A' <= c && c <= 'Z' && !bang)) {
                return null;
            }
            if (bang) {
                if (c < 'a' || 'z' < c) {
                    return null;
                }
                b.append((char) (c - ('a' - 'A')));
                bang = false;
            } else if (c == '!') {
                bang = true;
            } else {
                b.append(c);
            }
        }
        return bang ? null : b.toString();
    }

    private static boolean isDigit(char c) {
        return '0' <= c && c <= '9';
    }
}
