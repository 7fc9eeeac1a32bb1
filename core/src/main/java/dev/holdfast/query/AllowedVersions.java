package dev.holdfast.query;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Decides which module versions a query may choose (Go's {@code modload.AllowedFunc}): the main
 * module's {@code exclude} directives, the module authors' retractions, and go get's exceptions to
 * both.
 *
 * <p>{@link #check} throws {@link QueryException.Disallowed} for a refused version. Any other {@link
 * IOException} means the predicate could not tell, typically because the go.mod file holding the
 * retractions could not be read; queries then treat the version as allowed, as the go command does,
 * while {@link VersionQuery#versions} reports the failure.
 */
@FunctionalInterface
public interface AllowedVersions {

    /**
     * Returns normally if {@code m} may be used.
     *
     * @throws QueryException.Disallowed if the version is excluded or retracted
     * @throws IOException if the answer could not be determined
     */
    void check(ModuleVersion m) throws IOException;

    /** Returns the predicate that allows every version (Go's nil {@code AllowedFunc}). */
    static AllowedVersions all() {
        return m -> {};
    }

    /**
     * Returns the predicate that refuses exactly the excluded versions (Go's {@code CheckExclusions}):
     * {@code excludes} holds the main module's {@code exclude} directives as path and version.
     */
    static AllowedVersions notExcluded(Set<ModuleVersion> excludes) {
        Set<ModuleVersion> copy = Set.copyOf(excludes);
        return m -> {
            if (copy.contains(m)) {
                throw QueryException.Disallowed.excluded(m);
            }
        };
    }

    /**
     * Returns the predicate most queries use (Go's {@code CheckAllowed}): refuses excluded versions,
     * then versions that {@code notices} reports retracted.
     */
    static AllowedVersions notExcludedOrRetracted(Set<ModuleVersion> excludes, AuthorNotices notices) {
        AllowedVersions exclusions = notExcluded(excludes);
        Objects.requireNonNull(notices, "notices");
        return m -> {
            exclusions.check(m);
            notices.checkRetractions(m);
        };
    }

    /**
     * Returns the predicate {@code go get} queries with (modget's {@code checkAllowedOr}): the version
     * named exactly by {@code requested} is checked only against excludes, so a retracted version may be
     * asked for by name; for {@code upgrade} and {@code patch} the currently selected version ({@code
     * selected} maps a path to it) is always allowed; every other version must be neither excluded nor
     * retracted.
     */
    static AllowedVersions forGet(
            String requested, UnaryOperator<String> selected, Set<ModuleVersion> excludes, AuthorNotices notices) {
        AllowedVersions exclusions = notExcluded(excludes);
        AllowedVersions all = notExcludedOrRetracted(excludes, notices);
        boolean keepsCurrent = requested.equals("upgrade") || requested.equals("patch");
        return m -> {
            if (m.version().equals(requested)) {
                exclusions.check(m);
            } else if (!(keepsCurrent && m.version().equals(selected.apply(m.path())))) {
                all.check(m);
            }
        };
    }
}
