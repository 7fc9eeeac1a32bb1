package dev.holdfast.drift;

import dev.holdfast.degraded.Outages;
import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modload.GoModSummary;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.modload.ModuleLoader;
import dev.holdfast.modload.Pruning;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.query.AllowedVersions;
import dev.holdfast.query.AuthorNotices;
import dev.holdfast.query.QueryException;
import dev.holdfast.query.VersionQuery;
import dev.holdfast.semver.Semver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The go.mod checks: requirements below what the build selects, {@code // indirect} markings that
 * disagree with the main module's imports, imports no requirement provides, replacements, excludes that
 * exclude nothing, and the module authors' word on what the build uses (retractions, deprecations, newer
 * patch releases). Stateless.
 */
final class ModChecks {
    private ModChecks() {}

    /** Returns the requirements that are below the version of their path the build selects. */
    static List<Finding> belowSelected(MainModule main, ModuleGraph graph, LineIndex lines) {
        List<Finding> out = new ArrayList<>();
        for (GoModFile.Require r : main.goMod().requires()) {
            if (main.isExcluded(r.module())) {
                continue;
            }
            String selected = graph.selected(r.path());
            if (!selected.equals("none") && Semver.compare(selected, r.version()) > 0) {
                out.add(Finding.of(
                        Finding.Kind.REQUIRE_BELOW_SELECTED,
                        "go.mod requires " + r.path() + " " + r.version() + " but the build selects " + selected,
                        "go mod tidy (or go get " + r.path() + "@" + selected + ")",
                        lines.require(r.path())));
            }
        }
        return out;
    }

    /**
     * Returns the {@code // indirect} markings that disagree with what the main module's packages and
     * tests import, and the imported packages that no requirement of go.mod provides.
     */
    static List<Finding> imports(MainModule main, ModuleGraph graph, Packages pkgs, LineIndex lines) {
        Map<String, String> direct = new LinkedHashMap<>(); // module path -> an imported package
        List<Finding> out = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (Packages.Pkg pkg : pkgs.all()) {
            if (!pkgs.inMain(pkg)) {
                continue;
            }
            List<String> imported = new ArrayList<>(pkg.imports);
            imported.addAll(pkg.testImports);
            for (String path : imported) {
                Packages.Pkg dep = pkgs.get(path).orElseThrow();
                if (dep.standard() || pkgs.inMain(dep)) {
                    continue;
                }
                if (dep.module == null) {
                    if (reported.add(path)) {
                        out.add(Finding.of(
                                Finding.Kind.REQUIRE_MISSING,
                                pkg.path + " imports " + path + ": " + dep.error,
                                "go get " + path + " (or go mod tidy)",
                                lines.moduleLine()));
                    }
                    continue;
                }
                direct.putIfAbsent(dep.module.path(), path);
                Optional<String> root = graph.requirements().rootSelected(dep.module.path());
                boolean required = graph.requirements().pruning() == Pruning.PRUNED
                        ? root.filter(v -> v.equals(dep.module.version())).isPresent()
                        : root.isPresent();
                if (!required && reported.add(dep.module.path())) {
                    out.add(Finding.of(
                            Finding.Kind.REQUIRE_MISSING,
                            pkg.path + " imports " + path + " from " + dep.module.path() + " " + dep.module.version()
                                    + ", which go.mod does not require",
                            "go get " + dep.module.path() + "@" + dep.module.version() + " (or go mod tidy)",
                            lines.moduleLine()));
                }
            }
        }
        for (GoModFile.Require r : main.goMod().requires()) {
            if (main.isExcluded(r.module())) {
                continue;
            }
            String imported = direct.get(r.path());
            if (r.indirect() && imported != null) {
                out.add(Finding.of(
                        Finding.Kind.INDIRECT_WRONG,
                        r.path() + " is marked // indirect but the main module imports " + imported,
                        "go mod tidy (drops the // indirect comment)",
                        lines.require(r.path())));
            } else if (!r.indirect() && imported == null) {
                out.add(Finding.of(
                        Finding.Kind.INDIRECT_WRONG,
                        r.path() + " is required as a direct dependency but the main module imports no package of it",
                        "go mod tidy (marks it // indirect, or drops it if nothing needs it)",
                        lines.require(r.path())));
            }
        }
        return out;
    }

    /**
     * Returns a finding per replace directive: to a directory outside the repository, to another module,
     * or pinning a version. A directory inside the same repository (a nested module of a monorepo, as
     * terraform and argo-cd have) is how such repositories are built, not drift, and is not reported. A
     * pin of all versions of a module to one version is explained, not "fixed": dropping it lets the
     * module move to whatever the graph selects, which is often why the pin is there.
     */
    static List<Finding> replacements(MainModule main, LineIndex lines) {
        List<Finding> out = new ArrayList<>();
        Path repository = repositoryRoot(main.dir());
        for (GoModFile.Replace r : main.goMod().replaces()) {
            String old = r.oldPath() + (r.oldVersion().isEmpty() ? "" : " " + r.oldVersion());
            Finding.Location where = lines.replace(r.oldPath(), r.oldVersion());
            if (r.newVersion().isEmpty()) {
                if (isInside(main.dir(), r.newPath(), repository)) {
                    continue;
                }
                out.add(Finding.of(
                        Finding.Kind.REPLACE_DIRECTORY,
                        old + " is replaced by directory " + r.newPath() + ", outside this repository",
                        "go mod edit -dropreplace=" + r.oldPath()
                                + (r.oldVersion().isEmpty() ? "" : "@" + r.oldVersion())
                                + " once the change is published, then go get the published version",
                        where));
            } else if (!r.newPath().equals(r.oldPath())) {
                out.add(Finding.of(
                        Finding.Kind.REPLACE_MODULE,
                        old + " is replaced by " + r.newPath() + " " + r.newVersion(),
                        "require the replacement's own path, or drop the replace once upstream has the change",
                        where));
            } else if (r.oldVersion().isEmpty()) {
                out.add(new Finding(
                        Finding.Kind.REPLACE_MODULE,
                        Finding.Severity.NOTE,
                        "every version of " + r.oldPath() + " is pinned to " + r.newVersion()
                                + ": whatever go.mod or a dependency requires, " + r.newVersion() + " is built",
                        "none needed if the pin is deliberate; before dropping it, check what go list -m " + r.oldPath()
                                + " selects without it",
                        where));
            } else {
                out.add(new Finding(
                        Finding.Kind.REPLACE_MODULE,
                        Finding.Severity.NOTE,
                        old + " is replaced by version " + r.newVersion(),
                        "require " + r.oldPath() + " " + r.newVersion() + " instead (go get " + r.oldPath() + "@"
                                + r.newVersion() + "), then drop the replace",
                        where));
            }
        }
        return out;
    }

    /** Returns the nearest directory at or above {@code dir} holding {@code .git}, else {@code dir}. */
    static Path repositoryRoot(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        return dir.toAbsolutePath().normalize();
    }

    /** Reports whether the replacement directory {@code target} (relative to {@code moduleDir}) is inside {@code repository}. */
    private static boolean isInside(Path moduleDir, String target, Path repository) {
        Path resolved = moduleDir.toAbsolutePath().resolve(target).normalize();
        return resolved.startsWith(repository);
    }

    /** Returns the exclude directives whose version no module in the graph (nor go.mod) requires. */
    static List<Finding> excludes(MainModule main, ModuleGraph graph, ModuleLoader loader, LineIndex lines)
            throws IOException {
        Set<ModuleVersion> required = new HashSet<>(main.excludedRequirements());
        List<ModuleVersion> loaded = new ArrayList<>();
        graph.walkBreadthFirst(m -> {
            if (!m.equals(main.version())
                    && !GoVersion.isToolchain(m.path())
                    && graph.requiredBy(m).isPresent()) {
                loaded.add(m);
            }
        });
        for (ModuleVersion m : loaded) {
            GoModSummary raw = loader.rawSummary(loader.resolve(m));
            required.addAll(raw.requires());
        }
        List<Finding> out = new ArrayList<>();
        for (GoModFile.Exclude x : main.goMod().excludes()) {
            ModuleVersion m = new ModuleVersion(x.path(), x.version());
            if (!required.contains(m)) {
                out.add(Finding.of(
                        Finding.Kind.EXCLUDE_UNUSED,
                        "exclude " + x.path() + " " + x.version()
                                + " excludes a version nothing in the module graph requires",
                        "go mod edit -dropexclude=" + x.path() + "@" + x.version(),
                        lines.exclude(m)));
            }
        }
        return out;
    }

    /**
     * Returns the retracted and deprecated modules in the build list and those with a newer patch release,
     * asking {@code query}; a module whose lookups failed gets one {@link Finding.Kind#LOOKUP_FAILED}, and
     * the modules whose lookups failed because an upstream could not be reached, or were answered from the
     * cache for that reason ({@code stale}), share one: an outage is one fact, not one per module.
     */
    static List<Finding> notices(
            MainModule main, ModuleGraph graph, VersionQuery query, Drift.StaleLookups stale, LineIndex lines)
            throws IOException {
        AllowedVersions allowed = query.allowed(main.excludes());
        List<ModuleVersion> modules = graph.buildList().stream()
                .filter(m -> !m.equals(main.version()) && !GoVersion.isToolchain(m.path()))
                .toList();
        List<Future<Checked>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ModuleVersion m : modules) {
                futures.add(pool.submit(() -> notices(m, query, allowed, stale, lines)));
            }
            List<Finding> out = new ArrayList<>();
            List<Checked> unreached = new ArrayList<>();
            for (Future<Checked> f : futures) {
                try {
                    Checked checked = f.get();
                    out.addAll(checked.findings());
                    if (checked.failure() != null && (checked.stale() || Outages.isOutage(checked.failure()))) {
                        unreached.add(checked);
                    } else if (checked.failure() != null) {
                        out.add(lookupFailed(checked));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while checking retractions");
                } catch (ExecutionException e) {
                    throw new IOException(e.getCause());
                }
            }
            if (unreached.size() == 1 && !unreached.getFirst().stale()) {
                out.add(lookupFailed(unreached.getFirst()));
            } else if (!unreached.isEmpty()) {
                out.add(outage(unreached, lines));
            }
            return out;
        }
    }

    /**
     * What was found about module {@code module} at {@code where}, and the first failure of its lookups that
     * leaves something unsaid (null when none did); {@code stale} when the findings rest on version lists
     * from the cache, the upstream having failed with {@code failure}.
     */
    private record Checked(
            ModuleVersion module, Finding.Location where, List<Finding> findings, Exception failure, boolean stale) {}

    private static Finding lookupFailed(Checked c) {
        String path = c.module().path();
        return Finding.of(
                Finding.Kind.LOOKUP_FAILED,
                "could not look up " + path + ": " + c.failure().getMessage(),
                "check that GOPROXY serves " + path + " (or GOPRIVATE/GONOPROXY covers it), or run drift --offline",
                c.where());
    }

    /**
     * One finding for the modules of {@code unreached}, whose lookups failed for want of an upstream or were
     * answered from the cache for that reason.
     */
    private static Finding outage(List<Checked> unreached, LineIndex lines) {
        int named = Math.min(3, unreached.size());
        String modules = String.join(
                ", ",
                unreached.subList(0, named).stream().map(c -> c.module().path()).toList());
        if (unreached.size() > named) {
            modules += " and " + (unreached.size() - named) + " more";
        }
        long stale = unreached.stream().filter(Checked::stale).count();
        String fromCache = stale == 0
                ? ""
                : "; " + (stale == unreached.size() ? "all" : stale + " of them") + " checked against the version"
                        + " lists an earlier lookup left in the module cache instead, which may be out of date";
        return Finding.of(
                Finding.Kind.LOOKUP_FAILED,
                "could not look up " + unreached.size() + (unreached.size() == 1 ? " module (" : " modules (") + modules
                        + "): " + unreached.getFirst().failure().getMessage() + fromCache,
                "run holdfast drift again when GOPROXY can be reached, or drift --offline",
                lines.moduleLine());
    }

    private static Checked notices(
            ModuleVersion m,
            VersionQuery query,
            AllowedVersions allowed,
            Drift.StaleLookups staleLookups,
            LineIndex lines) {
        List<Finding> out = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        AuthorNotices notices = query.notices();
        Finding.Location where = lines.require(m.path());
        try {
            List<String> why = notices.retracted(m);
            if (!why.isEmpty()) {
                out.add(Finding.of(
                        Finding.Kind.RETRACTED,
                        m.path() + " " + m.version() + " is retracted: "
                                + AuthorNotices.shortMessage(why.getFirst(), "retracted by module author"),
                        "go get " + m.path() + "@latest",
                        where));
            }
        } catch (IOException | RuntimeException e) {
            failures.add(e);
        }
        try {
            String deprecated = notices.deprecation(m);
            if (!deprecated.isEmpty()) {
                out.add(Finding.of(
                        Finding.Kind.DEPRECATED,
                        m.path() + " is deprecated: " + AuthorNotices.shortMessage(deprecated, "deprecated"),
                        "move to the module the deprecation names, then go mod tidy",
                        where));
            }
        } catch (IOException | RuntimeException e) {
            failures.add(e);
        }
        try {
            String patch = query.query(m.path(), "patch", m.version(), allowed).version();
            if (Semver.compare(patch, m.version()) > 0) {
                out.add(Finding.of(
                        Finding.Kind.PATCH_AVAILABLE,
                        m.path() + " " + m.version() + " has a newer patch release " + patch,
                        "go get " + m.path() + "@" + patch,
                        where));
            }
        } catch (IOException | RuntimeException e) {
            failures.add(e);
        }
        // As go list -m -u (modload's addUpdate, addRetraction): "not found", "no matching versions" and
        // "disallowed" mean there is nothing newer to report; any other failure is reported.
        failures.removeIf(e -> e instanceof QueryException || QueryException.isNotExist(e));
        // One failure per module, however many of its lookups failed: the first says why.
        if (!failures.isEmpty()) {
            return new Checked(m, where, out, failures.getFirst(), false);
        }
        Optional<IOException> stale = staleLookups.staleBecause(m.path());
        return new Checked(m, where, out, stale.orElse(null), stale.isPresent());
    }
}
