package dev.holdfast.module;

import dev.holdfast.semver.Semver;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A module path and version pair, stored unescaped; Go's {@code module.Version}.
 *
 * <p>The pair itself checks nothing: the main module has version {@code ""}, minimal version selection
 * uses {@code "none"} for "no version", and a {@code replace} directive may name a directory with an
 * empty version. Validate at the edges with {@link #check(String, String)}.
 *
 * @param path the module path, such as {@code example.com/mod/v2}; never null
 * @param version usually a canonical semantic version; never null, may be empty
 */
public record ModuleVersion(String path, String version) {

    /**
     * Orders pairs as Go's {@code module.Sort}: by path in Go string order, then by the version's part
     * before any {@code /} in {@link Semver#compare} order, then by the rest (as in {@code
     * v1.2.3/go.mod}, for {@code go.sum}) in Go string order.
     *
     * <p>Not consistent with {@code equals}: versions that differ only in build metadata, or are both
     * invalid, compare as equal.
     */
    public static final Comparator<ModuleVersion> ORDER = ModuleVersion::compare;

    /** Creates the pair; both parts must be non-null. */
    public ModuleVersion {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(version, "version");
    }

    /**
     * Compares path and version, as a record's equals would. Written out because graph loading looks pairs up
     * millions of times, and the short commands run with the C1 compiler only, which does not inline the
     * method-handle chain a record's generated equals goes through (6.9 % of {@code list}'s samples on the
     * 10,000-version graph, issue 16).
     */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ModuleVersion m && path.equals(m.path) && version.equals(m.version));
    }

    /**
     * Checks that {@code path} is a valid module path, {@code version} a valid semantic version, and that
     * the two agree on the major version (Go's {@code module.Check}).
     *
     * @throws InvalidPathException if the path is invalid
     * @throws InvalidVersionException {@code path@version: invalid version: not a semantic version} or
     *     {@code ...: should be v2, not v1}
     */
    public static void check(String path, String version) {
        ModulePath.check(path);
        if (!Semver.isValid(version)) {
            throw new InvalidVersionException(path, version, false, "not a semantic version");
        }
        String pathMajor = ModulePath.splitPathVersion(path)
                .map(ModulePath.PathMajor::pathMajor)
                .orElse("");
        try {
            ModulePath.checkPathMajor(version, pathMajor);
        } catch (InvalidVersionException e) {
            throw e.withPath(path);
        }
    }

    /**
     * Returns a new unmodifiable list of {@code versions} in {@link #ORDER}, arranged exactly as Go's
     * {@code module.Sort} arranges them, pairs that compare equal included (see {@link GoSort}).
     */
    public static List<ModuleVersion> sort(Collection<ModuleVersion> versions) {
        return GoSort.sort(versions, ORDER);
    }

    private static int compare(ModuleVersion a, ModuleVersion b) {
        if (!a.path.equals(b.path)) {
            return GoStrings.compare(a.path, b.path);
        }
        int slashA = a.version.indexOf('/');
        int slashB = b.version.indexOf('/');
        String va = slashA < 0 ? a.version : a.version.substring(0, slashA);
        String vb = slashB < 0 ? b.version : b.version.substring(0, slashB);
        if (!va.equals(vb)) {
            return Semver.compare(va, vb);
        }
        String fa = slashA < 0 ? "" : a.version.substring(slashA);
        String fb = slashB < 0 ? "" : b.version.substring(slashB);
        return GoStrings.compare(fa, fb);
    }

    /**
     * Returns a hash code consistent with {@code equals}. The record's default ({@code 31 * path + version}
     * in effect) collides whenever paths and versions differ in a few trailing characters, as generated and
     * real module names do ({@code p0001@v1.1.0} and {@code p0032@v1.0.0}): 10,000 such versions got 1,900
     * distinct hashes, turning hash tables of module versions into trees. Multiplying by an odd constant
     * scrambles the path's hash before adding the version's.
     */
    @Override
    public int hashCode() {
        return path.hashCode() * 0x9E3779B9 + version.hashCode();
    }

    /** Returns {@code path@version}, or just the path when the version is empty. */
    @Override
    public String toString() {
        return version.isEmpty() ? path : path + "@" + version;
    }
}
