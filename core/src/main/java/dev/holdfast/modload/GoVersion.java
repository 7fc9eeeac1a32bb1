package dev.holdfast.modload;

import dev.holdfast.semver.Semver;

/**
 * Compares Go release versions such as {@code 1.21}, {@code 1.21rc1} and {@code 1.21.3}, and module
 * versions the way the module loader does, where the {@code go} and {@code toolchain} pseudo-modules use
 * Go release order (the go command's {@code gover} package).
 *
 * <p>Go release versions are not semantic versions: {@code 1.21 < 1.21rc1 < 1.21.0}, and before Go 1.21
 * a missing patch number means {@code .0}. All methods are static, pure and thread-safe.
 */
public final class GoVersion {

    /** The go version assumed for a go.mod file without a go line (gover.DefaultGoModVersion). */
    public static final String DEFAULT_GO_MOD = "1.16";

    /** The first go version whose module graphs are pruned (gover.ExplicitIndirectVersion). */
    public static final String PRUNING = "1.17";

    /**
     * The first go version whose go line is a strict minimum and adds a {@code go@V} requirement
     * (gover.GoStrictVersion).
     */
    public static final String STRICT = "1.21";

    private GoVersion() {}

    /** A parsed version; numbers are kept as decimal strings, as Go does. */
    private record Parsed(String major, String minor, String patch, String kind, String pre) {
        static final Parsed INVALID = new Parsed("", "", "", "", "");
    }

    /**
     * Compares Go versions {@code x} and {@code y} (without a {@code go} prefix) and returns -1, 0 or +1.
     * Malformed versions compare lower than well-formed ones and equal to each other.
     */
    public static int compare(String x, String y) {
        Parsed a = parse(x);
        Parsed b = parse(y);
        int c = compareInt(a.major, b.major);
        if (c == 0) {
            c = compareInt(a.minor, b.minor);
        }
        if (c == 0) {
            c = compareInt(a.patch, b.patch);
        }
        if (c == 0) {
            c = Integer.signum(a.kind.compareTo(b.kind)); // "" < alpha < beta < rc: ASCII letters only
        }
        if (c == 0) {
            c = compareInt(a.pre, b.pre);
        }
        return c;
    }

    /**
     * Returns the language version of {@code x} (gover.Lang): {@code 1.21} for {@code 1.21.3} or {@code
     * 1.21rc1}, {@code 1} for {@code 1.0}, and "" for a malformed version.
     */
    public static String lang(String x) {
        Parsed v = parse(x);
        return v.minor.isEmpty() || v.major.equals("1") && v.minor.equals("0") ? v.major : v.major + "." + v.minor;
    }

    /** Reports whether {@code x} is a valid Go version such as {@code 1.21.0} or {@code 1.22rc1}. */
    public static boolean isValid(String x) {
        return parse(x) != Parsed.INVALID;
    }

    /**
     * Returns the Go version of toolchain {@code name} ({@code go1.21.3} gives {@code 1.21.3}; a suffix
     * after {@code -}, space or tab is dropped), or {@code ""} when the name is not a Go toolchain.
     */
    public static String fromToolchain(String name) {
        if (name.contains("/") || name.contains("\\") || !name.startsWith("go")) {
            return "";
        }
        String v = name.substring(2);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == '\t' || c == '-') {
                v = v.substring(0, i);
                break;
            }
        }
        return isValid(v) ? v : "";
    }

    /**
     * Compares versions {@code x} and {@code y} of module {@code path}: Go release order for {@code go},
     * the same for {@code toolchain} names (with their {@code go} prefix), semver for every other module
     * (gover.ModCompare).
     */
    public static int compareModule(String path, String x, String y) {
        return switch (path) {
            case "go" -> compare(x, y);
            case "toolchain" -> compare(toolchainVersion(x), toolchainVersion(y));
            default -> Semver.compare(x, y);
        };
    }

    /**
     * Compares versions as the module loader does: like {@link #compareModule}, except that the main
     * module's version {@code ""} is higher than every other version (cmd/go's cmpVersion).
     */
    public static int compareLoaded(String path, String x, String y) {
        if (y.isEmpty()) {
            return x.isEmpty() ? 0 : -1;
        }
        if (x.isEmpty()) {
            return 1;
        }
        return compareModule(path, x, y);
    }

    /** Reports whether {@code path} is one of the pseudo-modules {@code go} and {@code toolchain}. */
    public static boolean isToolchain(String path) {
        return path.equals("go") || path.equals("toolchain");
    }

    private static String toolchainVersion(String name) {
        return isValid(name) ? name : fromToolchain(name);
    }

    private static Parsed parse(String x) {
        String[] cut = cutInt(x);
        if (cut == null) {
            return Parsed.INVALID;
        }
        String major = cut[0];
        String rest = cut[1];
        if (rest.isEmpty()) {
            return new Parsed(major, "0", "0", "", ""); // "1" means 1.0.0
        }
        if (rest.charAt(0) != '.') {
            return Parsed.INVALID;
        }
        cut = cutInt(rest.substring(1));
        if (cut == null) {
            return Parsed.INVALID;
        }
        String minor = cut[0];
        rest = cut[1];
        if (rest.isEmpty()) {
            // Before Go 1.21 a missing patch means .0; from 1.21 on, "1.21" is the language version,
            // lower than every release of it.
            return new Parsed(major, minor, compareInt(minor, "21") < 0 ? "0" : "", "", "");
        }
        if (rest.charAt(0) == '.') {
            cut = cutInt(rest.substring(1));
            if (cut == null || !cut[1].isEmpty()) {
                return Parsed.INVALID; // no prereleases of patch releases
            }
            return new Parsed(major, minor, cut[0], "", "");
        }
        return parsePrerelease(major, minor, rest);
    }

    private static Parsed parsePrerelease(String major, String minor, String rest) {
        int i = 0;
        while (i < rest.length() && (rest.charAt(i) < '0' || rest.charAt(i) > '9')) {
            if (rest.charAt(i) < 'a' || rest.charAt(i) > 'z') {
                return Parsed.INVALID;
            }
            i++;
        }
        if (i == 0) {
            return Parsed.INVALID;
        }
        String kind = rest.substring(0, i);
        if (i == rest.length()) {
            return new Parsed(major, minor, "", kind, "");
        }
        String[] cut = cutInt(rest.substring(i));
        if (cut == null || !cut[1].isEmpty()) {
            return Parsed.INVALID;
        }
        return new Parsed(major, minor, "", kind, cut[0]);
    }

    /** Splits a leading decimal number without superfluous leading zeros off {@code x}, or returns null. */
    private static String[] cutInt(String x) {
        int i = 0;
        while (i < x.length() && x.charAt(i) >= '0' && x.charAt(i) <= '9') {
            i++;
        }
        if (i == 0 || (x.charAt(0) == '0' && i != 1)) {
            return null;
        }
        return new String[] {x.substring(0, i), x.substring(i)};
    }

    /** Compares decimal strings without leading zeros by value. */
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
