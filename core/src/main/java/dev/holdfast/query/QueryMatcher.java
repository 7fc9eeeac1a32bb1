package dev.holdfast.query;

import dev.holdfast.module.ModulePath;
import dev.holdfast.module.PseudoVersion;
import dev.holdfast.semver.Semver;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a version query asks for, read from its text before any I/O (modload's {@code queryMatcher}):
 * the version prefix and filter candidates must pass, whether the lowest or highest candidate wins,
 * whether the source's latest revision may stand in when nothing is listed, and whether {@code
 * +incompatible} versions are wanted.
 *
 * @param prefix the prefix a candidate must start with ({@code ""} for any)
 * @param filter the test a candidate must pass
 * @param canStat whether the query names one complete version, resolved by asking the source for it
 * @param preferLower whether the lowest candidate wins ({@code >} and {@code >=})
 * @param mayUseLatest whether the source's latest revision may be used when no listed version matches
 * @param preferIncompatible whether {@code +incompatible} versions stay candidates even when a
 *     compatible version has a go.mod file
 */
record QueryMatcher(
        String prefix,
        Predicate<String> filter,
        boolean canStat,
        boolean preferLower,
        boolean mayUseLatest,
        boolean preferIncompatible) {

    /**
     * Returns the matcher for {@code query} of module {@code path} with {@code current} selected, or
     * empty when the query names a revision (a branch, tag or commit) only the source can resolve.
     *
     * @throws IllegalArgumentException with the go command's message for a malformed range or a {@code
     *     patch} query without a current version
     */
    static Optional<QueryMatcher> parse(String path, String query, String current) {
        boolean incompatible = current.endsWith("+incompatible");
        boolean noCurrent = current.isEmpty() || current.equals("none");
        if (query.equals("latest")) {
            return Optional.of(new QueryMatcher("", v -> true, false, false, true, incompatible));
        }
        if (query.equals("upgrade")) {
            if (noCurrent) {
                return Optional.of(new QueryMatcher("", v -> true, false, false, true, incompatible));
            }
            return Optional.of(new QueryMatcher(
                    "", atLeast(current), false, false, PseudoVersion.isPseudoVersion(current), incompatible));
        }
        if (query.equals("patch")) {
            if (noCurrent) {
                throw new IllegalArgumentException(
                        "can't query version \"patch\" of module " + path + ": no existing version is required");
            }
            return Optional.of(new QueryMatcher(
                    Semver.majorMinor(current) + ".",
                    atLeast(current),
                    false,
                    false,
                    PseudoVersion.isPseudoVersion(current),
                    incompatible));
        }
        for (String op : new String[] {"<=", "<", ">=", ">"}) {
            if (query.startsWith(op)) {
                return Optional.of(range(path, query, op, incompatible));
            }
        }
        if (Semver.isValid(query)) {
            boolean prefixOnly = isPrefix(query);
            String prefix = prefixOnly ? query + "." : Semver.canonical(query);
            // "v1.2" must not match prereleases of v1.2.0 (golang/go#31972), hence >= for prefixes.
            Predicate<String> filter = prefixOnly ? atLeast(query) : v -> Semver.compare(v, query) == 0;
            return Optional.of(new QueryMatcher(
                    prefix, filter, !prefixOnly, false, false, incompatible || !matchesMajor(path, query)));
        }
        return Optional.empty();
    }

    private static QueryMatcher range(String path, String query, String op, boolean incompatible) {
        String v = query.substring(op.length());
        if (!Semver.isValid(v)) {
            throw new IllegalArgumentException("invalid semantic version \"" + v + "\" in range \"" + query + "\"");
        }
        if ((op.equals("<=") || op.equals(">")) && isPrefix(v)) {
            // Would <=v1.2 allow v1.2.3? @v1.2 may mean v1.2.3, so refuse to say.
            throw new IllegalArgumentException("ambiguous semantic version \"" + v + "\" in range \"" + query + "\"");
        }
        Predicate<String> filter =
                switch (op) {
                    case "<=" -> w -> Semver.compare(w, v) <= 0;
                    case "<" -> w -> Semver.compare(w, v) < 0;
                    case ">=" -> w -> Semver.compare(w, v) >= 0;
                    default -> w -> Semver.compare(w, v) > 0;
                };
        boolean lower = op.startsWith(">");
        return new QueryMatcher("", filter, false, lower, false, incompatible || !matchesMajor(path, v));
    }

    /**
     * Reports whether {@code query} is a query that may name one particular revision ("v1.0.0",
     * "master", "0123abcd"), as opposed to one choosing among versions ("latest", "&gt;v1.0.0", "v1.2").
     */
    static boolean isRevisionQuery(String query) {
        return !(query.equals("latest")
                || query.equals("upgrade")
                || query.equals("patch")
                || query.startsWith("<")
                || query.startsWith(">")
                || (Semver.isValid(query) && isPrefix(query)));
    }

    /** Reports whether valid version {@code v} is only a prefix ({@code v1} or {@code v1.2}): gover's ModIsPrefix. */
    static boolean isPrefix(String v) {
        int dots = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '-' || c == '+' || (c == '.' && ++dots >= 2)) {
                return false;
            }
        }
        return true;
    }

    /** Reports whether {@code v}'s major version fits the path's major-version suffix. */
    private static boolean matchesMajor(String path, String v) {
        return ModulePath.splitPathVersion(path)
                .map(split -> ModulePath.matchPathMajor(v, split.pathMajor()))
                .orElse(false);
    }

    private static Predicate<String> atLeast(String floor) {
        return v -> Semver.compare(v, floor) >= 0;
    }

    /** Reports whether {@code v} passes this matcher's prefix and filter. */
    boolean matches(String v) {
        return v.startsWith(prefix) && filter.test(v);
    }
}
