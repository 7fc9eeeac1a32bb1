package dev.holdfast.drift;

import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.ModuleSource;
import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.modload.ModuleLoader;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.query.VersionQuery;
import dev.holdfast.sum.GoSum;
import dev.holdfast.sumdb.SumCheck;
import dev.holdfast.sumdb.SumdbVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds where a Go project's go.mod, go.sum, module cache, checksum database and environment disagree
 * with each other or with what {@code go mod tidy} would write ({@code holdfast drift}), as {@link
 * Finding}s with a severity, a location and a one-line fix. Stateless; each call reads the project
 * afresh.
 */
public final class Drift {
    private Drift() {}

    /**
     * Gives the files of a module version, fetching it into the module cache first when needed: the
     * extracted directory the go command builds from when it is there, else the module zip.
     */
    @FunctionalInterface
    public interface ModuleZips {
        /**
         * Returns the extracted directory or the verified zip file of {@code mv} (a module version, never a
         * directory replacement).
         *
         * @throws IOException if it cannot be had
         */
        Path zip(ModuleVersion mv) throws IOException;
    }

    /**
     * The project a check looks at.
     *
     * @param main the main module
     * @param loader the loader that read the graph (its repo answers version queries)
     * @param graph the main module's module graph
     * @param env the go environment (GOMODCACHE, GOSUMDB, GOPROXY, GOFLAGS, GOPRIVATE, ...)
     */
    public record Project(MainModule main, ModuleLoader loader, ModuleGraph graph, GoEnv env) {
        /** Checks that nothing is null. */
        public Project {
            Objects.requireNonNull(main, "main");
            Objects.requireNonNull(loader, "loader");
            Objects.requireNonNull(graph, "graph");
            Objects.requireNonNull(env, "env");
        }
    }

    /**
     * How to check.
     *
     * @param zips where module zips come from
     * @param sumdb the checksum database to check go.sum against, if any
     * @param goroot the Go installation whose {@code src} is the standard library (null: every import
     *     path without a dot in its first element is taken as standard)
     * @param offline skip what needs the network beyond module content: public-module lookups for the
     *     settings checks, retractions, deprecations and patch releases (the caller also leaves {@code
     *     sumdb} empty)
     * @param stale which lookups were answered from the cache because the upstream failed
     */
    public record Settings(
            ModuleZips zips, Optional<SumdbVerifier> sumdb, Path goroot, boolean offline, StaleLookups stale) {
        /** Checks that nothing but {@code goroot} is null. */
        public Settings {
            Objects.requireNonNull(zips, "zips");
            Objects.requireNonNull(sumdb, "sumdb");
            Objects.requireNonNull(stale, "stale");
        }
    }

    /**
     * Tells which module's version lookups (list, latest) were answered with what an earlier lookup left
     * in the cache, because asking the upstream failed: drift then says its findings about that module
     * rest on old lists, instead of reporting nothing as if they were fresh.
     */
    @FunctionalInterface
    public interface StaleLookups {
        /** No lookup was answered from the cache. */
        StaleLookups NONE = path -> Optional.empty();

        /** Returns why a lookup of {@code path} was answered from the cache, or empty if none was. */
        Optional<IOException> staleBecause(String path);
    }

    /**
     * What a check found and covered.
     *
     * @param findings the findings, in go.mod then go.sum order of their lines
     * @param modules the modules in the build list, the main module included
     * @param packages the packages loaded (standard library included)
     * @param goSumLines the lines of go.sum
     * @param database the checksum database checked against, or {@code ""}
     */
    public record Report(List<Finding> findings, int modules, int packages, int goSumLines, String database) {
        /** Copies the findings. */
        public Report {
            findings = List.copyOf(findings);
        }
    }

    /** The order of findings: by file (go.mod first), line, then kind. */
    static final Comparator<Finding> ORDER = Comparator.comparing(
                    (Finding f) -> !f.location().file().equals("go.mod"))
            .thenComparing(f -> f.location().file())
            .thenComparingInt(f -> f.location().line())
            .thenComparing(Finding::kind);

    /**
     * Checks {@code project} and returns every finding.
     *
     * @throws IOException if module content or a module's go.mod cannot be had (a checksum database that
     *     cannot be reached is a {@link Finding.Kind#SUMDB_UNREACHABLE} finding)
     * @throws dev.holdfast.sum.MalformedGoSumException if go.sum is malformed
     */
    public static Report check(Project project, Settings settings) throws IOException {
        MainModule main = project.main();
        byte[] goMod = Files.readAllBytes(main.dir().resolve("go.mod"));
        Path goSumFile = main.dir().resolve("go.sum");
        byte[] goSum = Files.exists(goSumFile) ? Files.readAllBytes(goSumFile) : null;
        GoSum sums = goSum == null ? GoSum.empty() : GoSum.parse("go.sum", goSum);
        LineIndex lines = LineIndex.of(goMod, goSum);
        Path modCache = Path.of(project.env().gomodcache());

        List<Finding> findings = new ArrayList<>();
        Packages pkgs = Packages.load(main, project.graph(), settings.goroot(), settings.zips());
        Set<ModuleVersion> keep = SumChecks.keep(main, project.graph(), project.loader(), pkgs);
        findings.addAll(SumChecks.tidy(main, keep, lines, modCache));
        List<ModuleVersion> required =
                main.goMod().requires().stream().map(GoModFile.Require::module).toList();
        SumCheck.Result hashes = SumCheck.check(modCache, sums, required, settings.sumdb());
        if (!hashes.unreachable().isEmpty()) {
            findings.add(SumChecks.unreachable(hashes.database(), hashes.unreachable(), lines));
        }
        findings.addAll(SumChecks.hashes(hashes, lines));
        findings.addAll(ModChecks.belowSelected(main, project.graph(), lines));
        findings.addAll(ModChecks.imports(main, project.graph(), pkgs, lines));
        findings.addAll(ModChecks.replacements(main, lines));
        findings.addAll(ModChecks.excludes(main, project.graph(), project.loader(), lines));
        if (!settings.offline()) {
            VersionQuery query = VersionQuery.of(project.loader().repo())
                    .withMainModules(Set.of(main.path()))
                    .withReplacements(main.replacements());
            findings.addAll(ModChecks.notices(main, project.graph(), query, settings.stale(), lines));
        }
        List<ModuleVersion> buildList = project.graph().buildList();
        findings.addAll(EnvChecks.check(project.env(), buildList, lines, settings.offline(), proxies()));
        findings.sort(ORDER);
        int modules = (int) buildList.stream()
                .filter(m -> !m.path().equals("go") && !m.path().equals("toolchain"))
                .count();
        // A database that could not be reached checked nothing: the summary says none.
        String database = hashes.unreachable().isEmpty() ? hashes.database() : "";
        return new Report(findings, modules, pkgs.all().size(), sums.lines().size(), database);
    }

    /**
     * Compares the build list of {@code project} with {@code other}'s, named {@code otherName} in
     * messages: modules added, removed, raised and lowered.
     */
    public static List<Finding> against(Project project, ModuleGraph other, String otherName) throws IOException {
        MainModule main = project.main();
        Path goSumFile = main.dir().resolve("go.sum");
        LineIndex lines = LineIndex.of(
                Files.readAllBytes(main.dir().resolve("go.mod")),
                Files.exists(goSumFile) ? Files.readAllBytes(goSumFile) : null);
        return BuildListDiff.compare(main.path(), project.graph().buildList(), other.buildList(), otherName, lines);
    }

    /**
     * Returns the main module that {@code against} names for comparing with {@code project}: the go.mod
     * governing directory {@code against} if it is one (relative to {@code workDir}), else the go.mod of
     * the project's module root at git revision {@code against}. A go.mod read from git resolves
     * directory replacements in the working tree (the files of the revision are not checked out).
     *
     * @throws IllegalArgumentException if it is neither a directory nor a git revision with a go.mod
     * @throws IOException if git cannot be run or the go.mod cannot be read
     */
    public static MainModule otherMain(Project project, String against, Path workDir, Map<String, String> environment)
            throws IOException {
        Path dir = workDir.resolve(against);
        GoModFile.VersionFixer fix = MainModule.fixer(project.loader().repo());
        if (Files.isDirectory(dir)) {
            return MainModule.load(dir, fix);
        }
        Path root = project.main().dir();
        byte[] data = BuildListDiff.gitShow(root, against, "go.mod", environment);
        return MainModule.parse(root, root, data, fix);
    }

    private static Function<String, ModuleSource> proxies() {
        return EnvChecks.defaultProxies();
    }
}
