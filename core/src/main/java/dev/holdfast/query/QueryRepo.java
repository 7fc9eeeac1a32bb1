package dev.holdfast.query;

import dev.holdfast.module.InvalidPathException;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.module.PseudoVersion;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.repo.Revision;
import dev.holdfast.repo.UnknownModuleException;
import dev.holdfast.semver.Semver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The view of one module that queries see (the go command's {@code versionRepo}): the source's version
 * list filtered as a proxy client filters it, and, for a module the main module replaces, the replaced
 * versions added to it (modload's {@code replacementRepo}).
 */
final class QueryRepo {
    private final ModuleRepo repo;
    private final Map<ModuleVersion, ModuleVersion> replace;

    QueryRepo(ModuleRepo repo, Map<ModuleVersion, ModuleVersion> replace) {
        this.repo = repo;
        this.replace = Map.copyOf(replace);
    }

    ModuleRepo repo() {
        return repo;
    }

    /**
     * Returns the replacement of {@code m} (Go's {@code Replacement}): the one for its exact version,
     * else the one for all versions of its path.
     */
    Optional<ModuleVersion> replacement(ModuleVersion m) {
        ModuleVersion r = replace.get(m);
        if (r == null) {
            r = replace.get(new ModuleVersion(m.path(), ""));
        }
        return Optional.ofNullable(r);
    }

    /**
     * Returns the module view for {@code path} (Go's {@code lookupRepo}).
     *
     * @throws InvalidPathException if the path is malformed and the main module does not replace it
     */
    View lookup(String path) {
        if (path.equals("go") || path.equals("toolchain")) {
            throw new IllegalArgumentException("version queries of the " + path
                    + " pseudo-module are not supported (the go command asks" + " golang.org/toolchain)");
        }
        InvalidPathException bad = null;
        try {
            ModulePath.check(path);
        } catch (InvalidPathException e) {
            bad = e;
        }
        boolean replaced = highestReplaced(path) != null;
        if (bad != null && !replaced) {
            throw bad;
        }
        return new View(path, bad, replaced);
    }

    /** Returns the highest version of {@code path} the main module replaces ({@code ""} for all), or null. */
    private String highestReplaced(String path) {
        String highest = null;
        for (ModuleVersion old : replace.keySet()) {
            if (old.path().equals(path) && (highest == null || Semver.compare(old.version(), highest) > 0)) {
                highest = old.version();
            }
        }
        return highest;
    }

    /** One module as queries see it; {@code bad} is set when only replacements make it usable. */
    final class View {
        private final String path;
        private final InvalidPathException bad;
        private final boolean replaced;

        private View(String path, InvalidPathException bad, boolean replaced) {
            this.path = path;
            this.bad = bad;
            this.replaced = replaced;
        }

        /**
         * Returns the listed versions starting with {@code prefix}: valid semantic versions that are not
         * pseudo-versions, in semver order (proxyRepo's {@code Versions}), plus replaced versions.
         */
        List<String> versions(String prefix) throws IOException {
            List<String> listed = new ArrayList<>();
            try {
                if (bad == null) {
                    for (String v : repo.versions(path)) {
                        if (Semver.isValid(v) && v.startsWith(prefix) && !PseudoVersion.isPseudoVersion(v)) {
                            listed.add(v);
                        }
                    }
                }
            } catch (UnknownModuleException e) {
                if (!replaced) {
                    throw e;
                }
            }
            listed = new ArrayList<>(Semver.sort(listed));
            if (!replaced) {
                return listed;
            }
            int before = listed.size();
            for (ModuleVersion old : replace.keySet()) {
                String v = old.version();
                if (old.path().equals(path)
                        && v.startsWith(prefix)
                        && !v.isEmpty()
                        && !PseudoVersion.isPseudoVersion(v)) {
                    listed.add(v);
                }
            }
            if (listed.size() == before) {
                return listed;
            }
            List<String> sorted = Semver.sort(listed);
            List<String> unique = new ArrayList<>();
            for (String v : sorted) {
                if (unique.isEmpty() || !unique.getLast().equals(v)) {
                    unique.add(v);
                }
            }
            return unique;
        }

        /** Returns the revision {@code rev} names, falling back to a replaced version's own name. */
        Revision stat(String rev) throws IOException {
            try {
                if (bad != null) {
                    throw bad;
                }
                return repo.stat(path, rev);
            } catch (IOException | InvalidPathException e) {
                if (!replaced) {
                    throw e;
                }
                String v = ModulePath.canonicalVersion(rev);
                if (!v.equals(rev)) {
                    throw e; // replace directives name canonical versions only
                }
                Optional<ModulePath.PathMajor> split = ModulePath.splitPathVersion(path);
                if (split.isPresent()
                        && split.get().pathMajor().isEmpty()
                        && !ModulePath.matchPathMajor(v, "")
                        && Semver.build(v).isEmpty()) {
                    v += "+incompatible";
                }
                if (replacement(new ModuleVersion(path, v)).isEmpty()) {
                    throw e;
                }
                return replacementStat(v);
            }
        }

        /** Returns the source's latest revision, or the highest replaced version when that is higher. */
        Revision latest() throws IOException {
            Revision info = null;
            Exception failure = null;
            try {
                if (bad != null) {
                    throw bad;
                }
                info = repo.latest(path);
            } catch (IOException | InvalidPathException e) {
                failure = e;
            }
            String v = replaced ? highestReplaced(path) : null;
            if (v != null) {
                if (v.isEmpty()) {
                    // Only a replacement of all versions: a placeholder pseudo-version older than any real one.
                    v = PseudoVersion.zeroPseudoVersion(placeholderMajor());
                }
                if (failure != null || Semver.compare(v, info.version()) > 0) {
                    return replacementStat(v);
                }
            }
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure != null) {
                throw (InvalidPathException) failure;
            }
            return info;
        }

        private String placeholderMajor() {
            Optional<ModulePath.PathMajor> split = ModulePath.splitPathVersion(path);
            if (split.isPresent() && !split.get().pathMajor().isEmpty()) {
                return split.get().pathMajor().substring(1);
            }
            return "v0";
        }
    }

    private static Revision replacementStat(String v) {
        if (PseudoVersion.isPseudoVersion(v)) {
            try {
                return new Revision(v, PseudoVersion.time(v));
            } catch (IllegalArgumentException e) {
                return new Revision(v, null);
            }
        }
        return new Revision(v, null);
    }
}
