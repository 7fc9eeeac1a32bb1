package dev.holdfast.drift;

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
     * asking {@code query}; a module whose lookups failed gets one {@link Finding.Kind#LOOKUP_FAILED}.
     */
    static List<Finding> notices(MainModule main, ModuleGraph graph, VersionQuery query, LineIndex lines)
            throws IOException {
        AllowedVersions allowed = query.allowed(main.excludes());
        List<ModuleVersion> modules = graph.buildList().stream()
                .filter(m -> !m.equals(main.version()) && !GoVersion.isToolchain(m.path()))
                .toList();
        List<Future<List<Finding>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ModuleVersion m : modules) {
                futures.add(pool.submit(() -> notices(m, query, allowed, lines)));
            }
            List<Finding> out = new ArrayList<>();
            for (Future<List<Finding>> f : futures) {
                try {
                    out.addAll(f.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while checking retractions");
                } catch (ExecutionException e) {
                    throw new IOException(e.getCause());
                }
            }
            return out;
        }
    }

    private static List<Finding> notices(
            ModuleVersion m, VersionQuery query, AllowedVersions allowed, LineIndex lines) {
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
        if (!failures.isEmpty()) {
            // One finding per module, however many of its lookups failed: the first failure says why.
            out.add(Finding.of(
                    Finding.Kind.LOOKUP_FAILED,
                    "could not look up " + m.path() + ": " + failures.getFirst().getMessage(),
                    "check that GOPROXY serves " + m.path() + " (or GOPRIVATE/GONOPROXY covers it), or run"
                            + " drift --offline",
                    where));
        }
        return out;
    }
}
