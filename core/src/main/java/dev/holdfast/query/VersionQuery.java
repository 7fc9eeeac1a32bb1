package dev.holdfast.query;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.module.PseudoVersion;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.repo.Revision;
import dev.holdfast.repo.UnknownModuleException;
import dev.holdfast.semver.Semver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves version queries ({@code latest}, {@code upgrade}, {@code patch}, {@code v1.2}, {@code
 * <v1.3.0}, an exact version, a branch or commit) against a {@link ModuleRepo}, lists a module's
 * versions and finds the version below a given one, all exactly as the go command's {@code
 * modload.Query}, {@code versions} and {@code previousVersion} do.
 *
 * <p>An instance is immutable and thread-safe. It owns the {@link AuthorNotices} (retractions and
 * deprecations) of the modules it is asked about, cached for its lifetime like the go command caches
 * them for one run; use a new instance when the source's contents may have changed.
 */
public final class VersionQuery {
    private final QueryRepo repo;
    private final Set<String> mainModules;
    private final AuthorNotices notices;

    private VersionQuery(QueryRepo repo, Set<String> mainModules) {
        this.repo = repo;
        this.mainModules = Set.copyOf(mainModules);
        this.notices = new AuthorNotices(this, repo);
    }

    /** Returns a query engine over {@code repo} with no main module and no replacements. */
    public static VersionQuery of(ModuleRepo repo) {
        return new VersionQuery(new QueryRepo(Objects.requireNonNull(repo, "repo"), Map.of()), Set.of());
    }

    /**
     * Returns a copy that knows the main modules' paths: {@code upgrade} and {@code patch} of a main
     * module resolve to its version {@code ""} without asking the source.
     */
    public VersionQuery withMainModules(Set<String> paths) {
        return new VersionQuery(repo, paths);
    }

    /**
     * Returns a copy that applies the main module's replace directives, given as Go's replace map: old
     * module version (version {@code ""} for all versions) to replacement (version {@code ""} for a
     * directory). Replaced versions become query candidates even when the source lacks them, and
     * retractions are read from the replacement of the latest version. A directory replacement's go.mod
     * is read with {@code repo.goMod(new ModuleVersion(dir, ""))}, so the repo must answer for it.
     */
    public VersionQuery withReplacements(Map<ModuleVersion, ModuleVersion> replace) {
        return new VersionQuery(new QueryRepo(repo.repo(), replace), mainModules);
    }

    /** Returns the retractions and deprecations of modules, read through this engine. */
    public AuthorNotices notices() {
        return notices;
    }

    /** Returns the go command's {@code CheckAllowed} for the main module's {@code excludes}. */
    public AllowedVersions allowed(Set<ModuleVersion> excludes) {
        return AllowedVersions.notExcludedOrRetracted(excludes, notices);
    }

    /**
     * Reports whether {@code query} may name one particular revision ({@code v1.0.0}, {@code master},
     * {@code 0123abcd}) rather than choose among versions ({@code latest}, {@code >v1.0.0}, {@code
     * v1.2}); Go's {@code IsRevisionQuery}. {@code go list -m} allows excluded and retracted versions
     * for such queries.
     */
    public static boolean isRevisionQuery(String query) {
        return QueryMatcher.isRevisionQuery(query);
    }

    /**
     * Resolves {@code query} for module {@code path} (Go's {@code modload.Query}).
     *
     * @param current the currently selected version, {@code "none"} if none, or {@code ""} if unknown;
     *     {@code upgrade} and {@code patch} never go below it
     * @param allowed which versions may be chosen; a revision query that names a refused version fails,
     *     every other query acts as if refused versions did not exist
     * @return the revision found, with version {@code ""} for {@code upgrade}/{@code patch} of a main
     *     module
     * @throws QueryException.NoMatchingVersion if no version matches
     * @throws QueryException.Disallowed if the one version the query leads to is refused
     * @throws IOException the source's failure, passed through
     * @throws IllegalArgumentException for a malformed path, range or {@code current}, or {@code patch}
     *     without a current version, with the go command's message
     */
    public Revision query(String path, String query, String current, AllowedVersions allowed) throws IOException {
        if (!current.isEmpty() && !current.equals("none") && !Semver.isValid(current)) {
            throw new IllegalArgumentException("invalid previous version " + path + "@" + current);
        }
        if (mainModules.contains(path) && (query.equals("upgrade") || query.equals("patch"))) {
            return new Revision("", null);
        }
        if (path.equals("std") || path.equals("cmd")) {
            throw new IllegalArgumentException(
                    "can't query specific version (\"" + query + "\") of standard-library module \"" + path + "\"");
        }
        QueryRepo.View view = repo.lookup(path);
        Optional<QueryMatcher> parsed = QueryMatcher.parse(path, query, current);
        if (parsed.isEmpty() || parsed.get().canStat()) {
            Revision info = statQuery(view, query);
            refuseDisallowed(allowed, new ModuleVersion(path, info.version()));
            return info;
        }
        return new Search(path, query, current, allowed, parsed.get(), view).run();
    }

    /** Stats a revision query, retrying without {@code +metadata} as semver calls that the same version. */
    private static Revision statQuery(QueryRepo.View view, String query) throws IOException {
        try {
            return view.stat(query);
        } catch (IOException e) {
            String canonical = ModulePath.canonicalVersion(query);
            if (canonical.isEmpty() || canonical.equals(query)) {
                throw e;
            }
            try {
                return view.stat(canonical);
            } catch (IOException again) {
                if (QueryException.isNotExist(again)) {
                    throw e; // no tag without the metadata either: report the query as asked
                }
                throw again;
            }
        }
    }

    /**
     * Returns the versions of {@code path} that {@code allowed} lets through, in semver order: {@code go
     * list -m -versions} with {@link #allowed} (retracted versions hidden) or with {@link
     * AllowedVersions#notExcluded} ({@code -retracted}); excluded versions are never shown. The listed
     * versions are the source's, without pseudo-versions, plus replaced versions (Go's {@code
     * modload.versions}).
     *
     * @throws IOException the source's failure, or {@code allowed}'s when it cannot decide (for example
     *     {@code loading module retractions for P@V: ...})
     */
    public List<String> versions(String path, AllowedVersions allowed) throws IOException {
        List<String> kept = new ArrayList<>();
        for (String v : repo.lookup(path).versions("")) {
            try {
                allowed.check(new ModuleVersion(path, v));
                kept.add(v);
            } catch (QueryException.Disallowed e) {
                // refused: left out
            }
        }
        return List.copyOf(kept);
    }

    /**
     * Returns the version of {@code m.path()} just below {@code m} among its listed versions that {@code
     * allowed} lets through, or {@code path@none} when there is none, the module is unknown, or {@code
     * m} is a main module (Go's {@code previousVersion}, the {@code Previous} of MVS downgrades).
     */
    public ModuleVersion previousVersion(ModuleVersion m, AllowedVersions allowed) throws IOException {
        ModuleVersion none = new ModuleVersion(m.path(), "none");
        if (m.version().isEmpty() && mainModules.contains(m.path())) {
            return none;
        }
        List<String> list;
        try {
            list = versions(m.path(), allowed);
        } catch (IOException e) {
            if (QueryException.isNotExist(e)) {
                return none;
            }
            throw e;
        }
        String below = null;
        for (String v : list) {
            if (Semver.compare(v, m.version()) >= 0) {
                break;
            }
            below = v;
        }
        return below == null ? none : new ModuleVersion(m.path(), below);
    }

    /**
     * Returns the next version go get tries for a requirement it must lower (modload's {@code
     * editRequirements}): {@link #previousVersion} of {@code current}, except that {@code original}, the
     * version selected before the edit, is put back in the sequence when the step from above it would
     * skip over it (it may be an unlisted pseudo-version or prerelease, or refused by {@code allowed}),
     * or when the versions cannot be listed. The sequence ends with {@code none}.
     *
     * <p>The go command tests "above the original" on the version the step-down started from rather
     * than on {@code current}; the two agree on every run that ends, and testing {@code current} keeps
     * a caller that rejects the original version from looping on it forever.
     *
     * @param current the version just rejected
     * @param original the version of the path selected before the edit, {@code "none"} if none
     */
    public ModuleVersion stepDown(ModuleVersion current, String original, AllowedVersions allowed) throws IOException {
        boolean aboveOriginal = Semver.compare(current.version(), original) > 0;
        ModuleVersion prev;
        try {
            prev = previousVersion(current, allowed);
        } catch (IOException e) {
            if (aboveOriginal) {
                return new ModuleVersion(current.path(), original);
            }
            throw e;
        }
        if (aboveOriginal && Semver.compare(prev.version(), original) < 0) {
            return new ModuleVersion(current.path(), original);
        }
        return prev;
    }

    /** Throws if {@code allowed} refuses {@code m}; a predicate that cannot decide counts as allowing. */
    static void refuseDisallowed(AllowedVersions allowed, ModuleVersion m) throws QueryException.Disallowed {
        try {
            allowed.check(m);
        } catch (QueryException.Disallowed e) {
            throw e;
        } catch (IOException e) {
            // Like the go command: only ErrDisallowed removes a version; a retraction that cannot be
            // loaded (offline, say) must not hide versions.
        }
    }

    /** One non-revision query: the candidates from the version list, then latest, then current. */
    private final class Search {
        private final String path;
        private final String query;
        private final String current;
        private final AllowedVersions allowed;
        private final QueryMatcher matcher;
        private final QueryRepo.View view;

        Search(
                String path,
                String query,
                String current,
                AllowedVersions allowed,
                QueryMatcher matcher,
                QueryRepo.View view) {
            this.path = path;
            this.query = query;
            this.current = current;
            this.allowed = allowed;
            this.matcher = matcher;
            this.view = view;
        }

        Revision run() throws IOException {
            List<String> releases = new ArrayList<>();
            List<String> prereleases = new ArrayList<>();
            filterVersions(view.versions(matcher.prefix()), releases, prereleases);
            if (matcher.preferLower()) {
                if (!releases.isEmpty()) {
                    return lookup(releases.getFirst());
                }
                if (!prereleases.isEmpty()) {
                    return lookup(prereleases.getFirst());
                }
            } else {
                if (!releases.isEmpty()) {
                    return lookup(releases.getLast());
                }
                if (!prereleases.isEmpty()) {
                    return lookup(prereleases.getLast());
                }
            }
            if (matcher.mayUseLatest()) {
                Revision latest = null;
                try {
                    latest = view.latest();
                } catch (UnknownModuleException e) {
                    // no revisions at all: fall through
                }
                if (latest != null && allows(latest.version())) {
                    return lookup(latest.version());
                }
            }
            if (keepsCurrent()) {
                refuseDisallowed(allowed, new ModuleVersion(path, current));
                return lookup(current);
            }
            throw new QueryException.NoMatchingVersion(query, current);
        }

        private boolean keepsCurrent() {
            return (query.equals("upgrade") || query.equals("patch")) && !current.isEmpty() && !current.equals("none");
        }

        private boolean allows(String v) {
            if (!matcher.matches(v)) {
                return false;
            }
            try {
                refuseDisallowed(allowed, new ModuleVersion(path, v));
                return true;
            } catch (QueryException.Disallowed e) {
                return false;
            }
        }

        /**
         * Splits the allowed candidates into releases and prereleases. {@code +incompatible} versions are
         * dropped once a compatible candidate below them has a go.mod file: its author went modular, so
         * the higher major versions without a path suffix are not what "latest" means (golang/go#34165).
         */
        private void filterVersions(List<String> versions, List<String> releases, List<String> prereleases)
                throws IOException {
            boolean needIncompatible = matcher.preferIncompatible();
            String lastCompatible = null;
            for (String v : versions) {
                if (!allows(v)) {
                    continue;
                }
                if (!needIncompatible) {
                    if (!v.endsWith("+incompatible")) {
                        lastCompatible = v;
                    } else if (lastCompatible != null) {
                        if (hasGoMod(lastCompatible)) {
                            break;
                        }
                        needIncompatible = true;
                    }
                }
                (Semver.prerelease(v).isEmpty() ? releases : prereleases).add(v);
            }
        }

        /** Reports whether {@code v}'s go.mod is real, not the one-line file a source makes up for old code. */
        private boolean hasGoMod(String v) throws IOException {
            byte[] data = repo.repo().goMod(new ModuleVersion(path, v));
            byte[] legacy = ("module " + GoModFile.autoQuote(path) + "\n").getBytes(StandardCharsets.UTF_8);
            return !Arrays.equals(data, legacy);
        }

        private Revision lookup(String v) throws IOException {
            Revision rev = view.stat(v);
            if ((query.equals("upgrade") || query.equals("patch"))
                    && PseudoVersion.isPseudoVersion(current)
                    && !isZero(rev.time())) {
                // Never "upgrade" from a pseudo-version to something older in time: the user is likely on
                // an untagged branch ahead of the latest tag.
                Instant currentTime;
                try {
                    currentTime = PseudoVersion.time(current);
                } catch (IllegalArgumentException e) {
                    return rev;
                }
                if (rev.time().isBefore(currentTime)) {
                    refuseDisallowed(allowed, new ModuleVersion(path, current));
                    return view.stat(current);
                }
            }
            return rev;
        }
    }

    private static boolean isZero(Instant t) {
        return t == null || t.equals(PseudoVersion.ZERO_TIME);
    }
}
