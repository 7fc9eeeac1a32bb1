package dev.holdfast.modedit;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.modload.ModuleLoader;
import dev.holdfast.modload.Pruning;
import dev.holdfast.modload.Requirements;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.mvs.BuildListError;
import dev.holdfast.query.AllowedVersions;
import dev.holdfast.query.AuthorNotices;
import dev.holdfast.query.QueryException;
import dev.holdfast.query.VersionQuery;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.repo.Revision;
import dev.holdfast.semver.Semver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What {@code go get M@V} does to a main module — the module graph loaded as the go command loads it,
 * the query resolved, the requirements edited, go.mod and go.sum written back — computed without
 * writing anything (cmd/go's modget.runGet for one module argument, modload's editRequirements,
 * WriteGoMod and keepSums). The result is a {@link DowngradePlan}: every module whose selected version
 * changes and why, and the exact bytes go get would leave in go.mod and go.sum.
 *
 * <p>Matched: module-path arguments with any version query and {@code @none}; pruned and unpruned main
 * modules, a missing go line (added as the local go version, converting to a pruned graph), redundant
 * and inconsistent roots, exclude, version and directory replacements, retractions; the zips go get
 * downloads (the requested module's, to look for a package at its root, and the new versions of modules
 * whose old zip go.sum had). Not modelled: package-path arguments, {@code -u}, imports of the loaded
 * package that are missing from the build list, workspaces, toolchain switching.
 *
 * <p>One instance plans one command: {@link #load} reads the project and its module graph, then {@link
 * #plan} (or {@link #downgrade}) is called once. Not thread-safe.
 */
public final class GoGet {
    private final MainModule main;
    private final ModuleLoader loader;
    private final VersionQuery query;
    private final ZipSource zips;
    private final ProjectFiles files;
    private final Supplier<String> localGo;
    private final Requirements initial;
    private final ModuleGraph initialGraph;
    private final List<String> notes = new ArrayList<>();
    private boolean planned;

    private GoGet(
            MainModule main,
            ModuleLoader loader,
            VersionQuery query,
            ZipSource zips,
            ProjectFiles files,
            Supplier<String> localGo,
            Requirements initial,
            ModuleGraph initialGraph) {
        this.main = main;
        this.loader = loader;
        this.query = query;
        this.zips = zips;
        this.files = files;
        this.localGo = localGo;
        this.initial = initial;
        this.initialGraph = initialGraph;
    }

    /**
     * Reads the main module in {@code dir} from {@code goMod} and {@code goSum} (null when there is no
     * go.sum) and loads its module graph as {@code go get} does before acting: requirements on excluded
     * versions dropped, redundant roots removed, a missing go line set to the version {@code localGo}
     * gives (that of the go command being matched, such as {@code 1.26.8}; asked for only when needed:
     * for a missing go line, or when the edit raises the go version), roots raised to their selected
     * versions.
     *
     * @throws dev.holdfast.modload.GoModException if go.mod does not parse or is unusable
     * @throws dev.holdfast.sum.MalformedGoSumException if go.sum does not parse
     * @throws BuildListError if the module graph cannot be loaded
     * @throws IOException if the repo fails
     */
    public static GoGet load(
            Path dir, byte[] goMod, byte[] goSum, ModuleRepo repo, ZipSource zips, Supplier<String> localGo)
            throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        MainModule parsedMain = MainModule.parse(root, root, goMod, MainModule.fixer(repo));
        ProjectFiles files = ProjectFiles.parse(goMod, goSum, MainModule.fixer(repo));
        ModuleRepo recording = files.recording(repo);
        ModuleLoader loader = new ModuleLoader(parsedMain, recording);
        VersionQuery query = VersionQuery.of(directories(recording, parsedMain))
                .withMainModules(Set.of(parsedMain.path()))
                .withReplacements(parsedMain.replacements());
        Requirements rs = parsedMain.requirementsFromGoMod();
        if (rs.hasRedundantRoot(parsedMain.path())) {
            rs = rs.updateRoots(loader, null);
        }
        if (parsedMain.goMod().go().isEmpty()) {
            // go get (-mod=mod) writes the local go version into a go.mod without one, and since that
            // version prunes the graph, makes every module of the old build list a root.
            String local = localGo.get();
            files.goModFile().addGoStmt(local);
            List<ModuleVersion> roots = new ArrayList<>(
                    rs.roots().stream().filter(m -> !m.path().equals("go")).toList());
            roots.add(new ModuleVersion("go", local));
            rs = new Requirements(rs.pruning(), roots, rs.direct());
            if (Pruning.forGoVersion(local) == Pruning.PRUNED) {
                List<ModuleVersion> buildList = checked(rs.graph(loader)).buildList();
                rs = new Requirements(Pruning.PRUNED, buildList.subList(1, buildList.size()), rs.direct());
            }
        }
        ModuleGraph mg = checked(rs.graph(loader));
        if (!mg.allRootsSelected()) {
            rs = rs.updateRoots(loader, mg);
            mg = checked(rs.graph(loader));
        }
        return new GoGet(parsedMain, loader, query, zips, files, localGo, rs, mg);
    }

    /** Returns the main module. */
    public MainModule main() {
        return main;
    }

    /** Returns the module graph as go get loads it before acting. */
    public ModuleGraph initialGraph() {
        return initialGraph;
    }

    /** Returns the version of {@code path} selected before acting, or {@code none}. */
    public String selected(String path) {
        return initialGraph.selected(path);
    }

    /**
     * Returns what {@code holdfast down path[@version]} does: {@code go get path@version} for a version
     * below the selected one. With {@code version} empty, the version is the highest release of the same
     * major version below the selected one that is neither retracted nor excluded.
     *
     * @throws IllegalArgumentException if the module is not in the build list, is the main module, the
     *     version is not below the selected one, or there is no version to default to
     * @throws ConstraintException if the version cannot be selected (it requires a higher version of the
     *     module itself)
     * @throws IOException if the repo or the zips fail; an unknown version is an {@link
     *     dev.holdfast.repo.UnknownModuleException}
     */
    public DowngradePlan downgrade(String path, String version) throws IOException {
        String current = lowerable(path);
        String query = version.isEmpty() ? defaultVersion(path, current) : version;
        if (!query.equals("none")) {
            String v = resolve(path, query).version();
            if (Semver.compare(v, current) >= 0) {
                throw new IllegalArgumentException(
                        v.equals(current)
                                ? path + " is already at " + current
                                : path + "@" + v + " is above the selected version " + current
                                        + ": down only lowers a module (go get " + path + "@" + v + " upgrades it)");
            }
        }
        return plan(path, query);
    }

    /**
     * Returns the version {@code down path} without a version moves to: the highest release of the
     * selected version's major below it that is neither retracted nor excluded.
     *
     * @throws IllegalArgumentException if there is none, or {@code path} cannot be lowered (see {@link
     *     #downgrade})
     */
    public String defaultVersion(String path) throws IOException {
        return defaultVersion(path, lowerable(path));
    }

    /** Returns the selected version of {@code path} after checking that down may lower it. */
    private String lowerable(String path) {
        ModulePath.check(path);
        if (path.equals(main.path())) {
            throw new IllegalArgumentException("can't downgrade the main module " + path);
        }
        if (GoVersion.isToolchain(path)) {
            throw new IllegalArgumentException("can't downgrade " + path + ": use go get " + path + "@VERSION");
        }
        String current = selected(path);
        if (current.equals("none")) {
            throw new IllegalArgumentException("module " + path + " is not in the build list of " + main.path());
        }
        return current;
    }

    /**
     * Returns the versions of {@code path} go get may step through, in semver order: the listed ones
     * (and replaced ones) that are neither retracted nor excluded.
     */
    public List<String> versions(String path) throws IOException {
        return query.versions(path, query.allowed(main.excludes()));
    }

    private String defaultVersion(String path, String current) throws IOException {
        String major = Semver.major(current);
        String best = null;
        for (String v : versions(path)) {
            if (Semver.prerelease(v).isEmpty()
                    && Semver.major(v).equals(major)
                    && Semver.compare(v, current) < 0
                    && (best == null || Semver.compare(v, best) > 0)) {
                best = v;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no release of " + path + " below " + current + " in major version "
                    + major + " is neither retracted nor excluded");
        }
        return best;
    }

    /**
     * Returns what {@code go get path@query} does: the changes and the go.mod and go.sum it leaves.
     *
     * @throws ConstraintException with go get's message if the requested version cannot be selected
     * @throws IllegalStateException if called twice
     */
    public DowngradePlan plan(String path, String versionQuery) throws IOException {
        if (planned) {
            throw new IllegalStateException("a GoGet plans one command");
        }
        planned = true;
        ModulePath.check(path);
        if (path.equals(main.path())) {
            throw new IllegalArgumentException(
                    "can't request version \"" + versionQuery + "\" of the main module (" + path + ")");
        }
        ModuleVersion target = versionQuery.equals("none")
                ? new ModuleVersion(path, "none")
                : new ModuleVersion(path, resolve(path, versionQuery).version());
        boolean loadsPackage = !target.version().equals("none") && fetchTarget(target);
        List<RequirementEditor.StepDown> steps = new ArrayList<>();
        RequirementEditor editor = new RequirementEditor(
                loader, m -> query.previousVersion(m, query.allowed(main.excludes())), steps::add);
        RequirementEditor.Edit edit;
        try {
            edit = editor.edit(initial, List.of(), List.of(target));
        } catch (ConstraintException e) {
            throw ConstraintException.forRequest(e.conflicts(), path + "@" + versionQuery, target);
        }
        Requirements rs = edit.requirements();
        ModuleGraph mg = initialGraph;
        if (edit.changed()) {
            mg = checked(rs.graph(loader));
            if (!mg.allRootsSelected()) {
                rs = rs.updateRoots(loader, mg);
                mg = checked(rs.graph(loader));
            }
        }
        steps.forEach(s -> notes.add(s.describe()));
        if (loadsPackage) {
            checkMultiplePaths(mg);
        }
        checkPackageProblems(target, mg);
        byte[] goMod = files.goModAfter(rs, localGo);
        byte[] goSum = files.goSumAfter(keepSums(mg));
        return new DowngradePlan(
                target,
                selected(path),
                DowngradePlan.changes(initialGraph, mg, target, steps),
                notes,
                files.goModBefore(),
                goMod,
                files.goSumBefore(),
                goSum);
    }

    /**
     * Returns the version {@code versionQuery} (an exact version, {@code v1.2}, {@code <v1.3.0}, ...)
     * resolves to for {@code path}, as go get resolves a module argument.
     *
     * @throws IOException if nothing matches or the repo fails
     */
    public String resolveVersion(String path, String versionQuery) throws IOException {
        return resolve(path, versionQuery).version();
    }

    /** Resolves {@code versionQuery} for {@code path} as go get queries a module argument. */
    private Revision resolve(String path, String versionQuery) throws IOException {
        String current = selected(path);
        AuthorNotices notices = query.notices();
        AllowedVersions allowed = AllowedVersions.forGet(versionQuery, this::selected, main.excludes(), notices);
        return query.query(path, versionQuery, current, allowed);
    }

    /**
     * Fetches what go get fetches for its argument: the zip of the module (or of its replacement), to see
     * whether its root is a package; a replacement directory must exist. Returns whether it is a package
     * (go get then loads it).
     */
    private boolean fetchTarget(ModuleVersion target) throws IOException {
        ModuleVersion actual = loader.resolve(target);
        if (actual.version().isEmpty()) {
            Path replacement = main.replacementDir(actual);
            if (!Files.isDirectory(replacement)) {
                throw new IllegalArgumentException(
                        target + ": replacement directory " + actual.path() + " does not exist");
            }
            List<Path> goFiles;
            try (Stream<Path> list = Files.list(replacement)) {
                goFiles = list.filter(f -> f.getFileName().toString().endsWith(".go") && Files.isRegularFile(f))
                        .toList();
            }
            List<String> sources = new ArrayList<>();
            for (Path f : goFiles) {
                if (!f.getFileName().toString().endsWith("_test.go")) {
                    sources.add(Files.readString(f));
                }
            }
            noteImports(target, ImportScan.scan(sources));
            return !goFiles.isEmpty();
        }
        ZipSource.FetchedZip zip = zips.fetch(actual);
        files.checkedZip(actual, zip.hash());
        noteImports(target, zip.rootImports());
        return zip.hasRootPackage();
    }

    /**
     * Notes that go get would also load packages of other modules, imported by the requested module's root
     * package: it may then add their modules to go.mod and their zip hashes to go.sum, which this class
     * does not compute. Imports of the module's own packages are not named: they add nothing.
     */
    private void noteImports(ModuleVersion target, List<String> imports) {
        List<String> others = imports.stream()
                .filter(i -> !i.equals(target.path()) && !i.startsWith(target.path() + "/"))
                .toList();
        if (!others.isEmpty()) {
            notes.add("warning: " + target + " imports packages of other modules (" + String.join(", ", others)
                    + "); go get also loads those, which can add requirements to go.mod and hashes to go.sum"
                    + " that this plan does not show");
        }
    }

    /**
     * Refuses a build list in which one module version serves two paths, itself and a replaced one (or
     * two replaced ones), as the go command's package loader does (modload checkMultiplePaths).
     */
    private void checkMultiplePaths(ModuleGraph mg) {
        Map<ModuleVersion, String> firstPath = new HashMap<>();
        for (ModuleVersion m : mg.buildList()) {
            ModuleVersion src = loader.resolve(m);
            String prev = firstPath.putIfAbsent(src, m.path());
            if (prev != null && !prev.equals(m.path())) {
                throw new IllegalArgumentException(src.path() + "@" + src.version()
                        + " used for two different module paths (" + prev + " and " + m.path() + ")");
            }
        }
    }

    /**
     * Does what go get's last check does that leaves traces: reads the retractions and deprecation of the
     * requested module (noting warnings), and fetches the new zip of every module whose version changed
     * and whose old zip go.sum had.
     */
    private void checkPackageProblems(ModuleVersion target, ModuleGraph mg) throws IOException {
        AuthorNotices notices = query.notices();
        try {
            notices.checkRetractions(target);
        } catch (QueryException.Disallowed e) {
            notes.add("warning: " + e.getMessage());
        } catch (IOException e) {
            // the go command ignores failures to load retractions here
        }
        try {
            String deprecation = notices.deprecation(target);
            if (!deprecation.isEmpty()) {
                notes.add("module " + target.path() + " is deprecated: " + AuthorNotices.shortMessage(deprecation, ""));
            }
        } catch (IOException e) {
            // likewise
        }
        for (ModuleVersion m : mg.buildList()) {
            String oldVersion = initialGraph.selected(m.path());
            if (oldVersion.equals("none") || m.version().isEmpty() || GoVersion.isToolchain(m.path())) {
                continue;
            }
            ModuleVersion actual = loader.resolve(m);
            ModuleVersion oldActual = loader.resolve(new ModuleVersion(m.path(), oldVersion));
            if (actual.equals(oldActual) || actual.version().isEmpty() || !files.hadZipSum(oldActual)) {
                continue;
            }
            try {
                files.checkedZip(actual, zips.fetch(actual).hash());
            } catch (IOException e) {
                String verb = Semver.compare(m.version(), oldVersion) < 0 ? "downgraded" : "upgraded";
                String replaced = actual.equals(m) ? "" : " (replaced by " + actual + ")";
                throw new IOException(
                        verb + " " + m.path() + " " + oldVersion + " => " + m.version() + replaced
                                + ": error finding sum for " + actual + ": " + e.getMessage(),
                        e);
            }
        }
    }

    /**
     * Returns the go.sum keys the new graph needs (modload keepSums with build-list zip sums): the go.mod
     * of every module whose requirements are in the graph, and the go.mod and zip of every module in the
     * build list, each after replacement.
     */
    private Set<ModuleVersion> keepSums(ModuleGraph mg) {
        Set<ModuleVersion> keep = new HashSet<>();
        mg.walkBreadthFirst(m -> {
            if (mg.requirementsLoaded(m)) {
                keep.add(goModKey(loader.resolve(m)));
            }
        });
        for (ModuleVersion m : mg.buildList()) {
            ModuleVersion r = loader.resolve(m);
            keep.add(goModKey(r));
            keep.add(r);
        }
        return keep;
    }

    private static ModuleVersion goModKey(ModuleVersion m) {
        return new ModuleVersion(m.path(), m.version() + "/go.mod");
    }

    /** Returns {@code repo}, answering go.mod reads of directories (version "") from disk. */
    private static ModuleRepo directories(ModuleRepo repo, MainModule main) {
        return repo.withGoMod(mv ->
                mv.version().isEmpty() ? GoModFile.read(main.replacementDir(mv).resolve("go.mod")) : repo.goMod(mv));
    }

    private static ModuleGraph checked(ModuleGraph mg) throws BuildListError {
        Optional<BuildListError> e = mg.error();
        if (e.isPresent()) {
            throw e.get();
        }
        return mg;
    }
}
