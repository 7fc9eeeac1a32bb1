package dev.holdfast.modload;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modfile.GoModSyntaxException;
import dev.holdfast.module.InvalidVersionException;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.query.AllowedVersions;
import dev.holdfast.query.VersionQuery;
import dev.holdfast.repo.ModuleRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The module being built: its go.mod file, its directory, and what that file decides for the whole
 * module graph — the requirements it starts from, which versions are excluded, which modules are
 * replaced, and whether the graph is pruned (cmd/go's main module index, spec §10.8–10.9).
 *
 * <p>Immutable after loading, except that {@link #goMod()} hands out the parsed file itself, which is
 * mutable; callers that edit it must not share this object while doing so. Paths in messages are shown
 * as the go command shows them: relative to the working directory when that is shorter.
 */
public final class MainModule implements MainModules {

    private final Path dir;
    private final Path workDir;
    private final GoModFile goMod;
    private final Map<ModuleVersion, ModuleVersion> replace;
    private final Set<ModuleVersion> exclude;
    private final boolean versionsFixed;

    private MainModule(Path dir, Path workDir, GoModFile goMod, boolean versionsFixed) {
        this.dir = dir;
        this.workDir = workDir;
        this.goMod = goMod;
        this.versionsFixed = versionsFixed;
        this.replace = replaceMap(goMod);
        Set<ModuleVersion> excluded = new HashSet<>();
        for (GoModFile.Exclude x : goMod.excludes()) {
            excluded.add(new ModuleVersion(x.path(), x.version()));
        }
        this.exclude = Collections.unmodifiableSet(excluded);
    }

    /**
     * Returns the directory holding the go.mod that governs {@code dir}: {@code dir} itself or its
     * nearest parent with a go.mod file, as the go command searches (cmd/go findModuleRoot).
     */
    public static Optional<Path> findRoot(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("go.mod"))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * Loads the main module that governs {@code workDir} (see {@link #findRoot}), canonicalizing the
     * versions in its go.mod with {@code fix} (null to require canonical versions).
     *
     * @throws GoModException when there is no go.mod, it does not parse, it has no module line, or it
     *     replaces one module two different ways
     * @throws IOException when the go.mod file cannot be read
     */
    public static MainModule load(Path workDir, GoModFile.VersionFixer fix) throws IOException {
        Path cwd = workDir.toAbsolutePath().normalize();
        Path root = findRoot(cwd)
                .orElseThrow(() -> new GoModException(
                        "go.mod file not found in current directory or any parent directory; see 'go help modules'"));
        return parse(root, cwd, GoModFile.read(root.resolve("go.mod")), fix);
    }

    /**
     * Parses {@code data} as the go.mod of a main module in directory {@code dir}, naming files in
     * messages relative to {@code workDir}.
     *
     * @throws GoModException as {@link #load} does
     */
    public static MainModule parse(Path dir, Path workDir, byte[] data, GoModFile.VersionFixer fix) {
        Path root = dir.toAbsolutePath().normalize();
        Path cwd = workDir.toAbsolutePath().normalize();
        return parse(root, cwd, shortPath(cwd, root.resolve("go.mod")), data, fix);
    }

    /**
     * Parses {@code data} as {@link #parse(Path, Path, byte[], GoModFile.VersionFixer)} does, naming the file
     * {@code name} in messages: the go.mod GOFLAGS' {@code -modfile} names instead of the root's, as given.
     *
     * @throws GoModException as {@link #load} does
     */
    public static MainModule parse(Path dir, Path workDir, String name, byte[] data, GoModFile.VersionFixer fix) {
        Path root = dir.toAbsolutePath().normalize();
        Path cwd = workDir.toAbsolutePath().normalize();
        GoModFile file;
        // The go command remembers whether its fixer changed any version (modload's dataNeedsFix).
        boolean[] fixed = {false};
        GoModFile.VersionFixer noting = fix == null
                ? null
                : (path, version) -> {
                    String v = fix.fix(path, version);
                    fixed[0] |= !v.equals(version);
                    return v;
                };
        try {
            file = GoModFile.parse(name, data, noting);
        } catch (GoModSyntaxException e) {
            throw new GoModException("errors parsing " + name + ":\n" + e.getMessage(), e);
        }
        if (file.module().isEmpty()) {
            throw new GoModException(
                    "error reading " + name
                            + ": missing module declaration. To specify the module path:\n\tgo mod edit -module=example.com/mod");
        }
        return new MainModule(root, cwd, file, fixed[0]);
    }

    /**
     * Returns a version fixer for the main module's go.mod that accepts canonical versions matching their
     * module path's major version and resolves any other with a version query through {@code repo}, as
     * {@code go get} would ({@code v1.2} is the highest v1.2.x; a branch or commit its pseudo-version):
     * cmd/go fixVersion.
     */
    public static GoModFile.VersionFixer fixer(ModuleRepo repo) {
        VersionQuery query = VersionQuery.of(repo);
        return (path, version) -> {
            String pathMajor = ModulePath.splitPathVersion(path)
                    .map(ModulePath.PathMajor::pathMajor)
                    .orElseThrow(() -> new InvalidVersionException(
                            path, version, false, "malformed module path \"" + path + "\""));
            if (!version.isEmpty() && ModulePath.canonicalVersion(version).equals(version)) {
                ModulePath.checkPathMajor(version, pathMajor);
                return version;
            }
            try {
                return query.query(path, version, "", AllowedVersions.all()).version();
            } catch (IOException e) {
                throw fixFailure(path, version, e);
            }
        };
    }

    /** The go command's own failures of a lookup that are no {@code module.ModuleError} (modfetch's). */
    private static final Set<String> PLAIN_LOOKUP_FAILURES = Set.of(
            "module lookup disabled by GOPROXY=off",
            "disabled by GOPRIVATE/GONOPROXY",
            "path does not match GOPRIVATE/GONOPROXY");

    /**
     * Returns the failure to resolve {@code version} of {@code path} in the go command's form. Sources word
     * a lookup failure as modfetch's {@code module.ModuleError} ({@code module P: ...}, {@code P@V: ...},
     * {@code P@V: invalid version: ...}), which x/mod's go.mod parser reports as {@code require P: ...}
     * and {@code require P: version "V" invalid: ...}; a query's own failure (no matching versions) and
     * {@code GOPROXY=off} are plain errors there and stand alone.
     */
    static RuntimeException fixFailure(String path, String version, IOException e) {
        String message = String.valueOf(e.getMessage());
        String module = "module " + path + ": ";
        String at = path + "@" + version + ": ";
        if (message.startsWith(module)) {
            String inner = message.substring(module.length());
            return PLAIN_LOOKUP_FAILURES.contains(inner)
                    ? new UncheckedIOException(inner, e)
                    : new GoModFile.ModuleError(inner, e);
        }
        for (boolean pseudo : new boolean[] {false, true}) {
            String invalid = at + (pseudo ? "invalid pseudo-version: " : "invalid version: ");
            if (message.startsWith(invalid)) {
                return new InvalidVersionException(path, version, pseudo, message.substring(invalid.length()));
            }
        }
        if (message.startsWith(at)) {
            return new GoModFile.ModuleError(message.substring(at.length()), e);
        }
        return new UncheckedIOException(message, e);
    }

    /** Returns the module's directory (its root), absolute. */
    public Path dir() {
        return dir;
    }

    /** Returns the directory that file names in messages are relative to, absolute. */
    public Path workDir() {
        return workDir;
    }

    /** Returns the parsed go.mod file; it is mutable and shared, see the class comment. */
    public GoModFile goMod() {
        return goMod;
    }

    /** Returns the module path. */
    public String path() {
        return goMod.module().orElseThrow().path();
    }

    /** Returns the main module as a module version: its path with version {@code ""}. */
    public ModuleVersion version() {
        return new ModuleVersion(path(), "");
    }

    @Override
    public List<ModuleVersion> versions() {
        return List.of(version());
    }

    /** Returns the go version of the go line, or {@link GoVersion#DEFAULT_GO_MOD} when there is none. */
    public String goVersion() {
        return goMod.go().orElse(GoVersion.DEFAULT_GO_MOD);
    }

    /** Returns the pruning of the module graph, which follows the go version. */
    public Pruning pruning() {
        return Pruning.forGoVersion(goVersion());
    }

    /** Returns the excluded module versions. */
    @Override
    public Set<ModuleVersion> excludes() {
        return exclude;
    }

    /** Reports whether the go.mod excludes {@code m}. */
    @Override
    public boolean isExcluded(ModuleVersion m) {
        return exclude.contains(m);
    }

    @Override
    public boolean hasExcludes() {
        return !exclude.isEmpty();
    }

    /**
     * Returns every replacement, old module version to new; an old version {@code ""} replaces all
     * versions, a new version {@code ""} means the new path is a directory.
     */
    @Override
    public Map<ModuleVersion, ModuleVersion> replacements() {
        return replace;
    }

    /**
     * Returns what replaces {@code m}: the replacement of exactly {@code m} if there is one, else that of
     * all versions of its path. The main module itself is never replaced.
     */
    @Override
    public Optional<ModuleVersion> replacement(ModuleVersion m) {
        if (m.path().equals(path()) && m.version().isEmpty()) {
            return Optional.empty();
        }
        ModuleVersion r = replace.get(m);
        if (r == null) {
            r = replace.get(new ModuleVersion(m.path(), ""));
        }
        return Optional.ofNullable(r);
    }

    /** Returns the directory a directory replacement {@code target} names: relative paths from {@link #dir()}. */
    @Override
    public Path replacementDir(ModuleVersion target) {
        return dir.resolve(target.path()).normalize();
    }

    /** Returns {@code file} as the go command names it in messages: relative to {@link #workDir()} if shorter. */
    @Override
    public String shortPath(Path file) {
        return shortPath(workDir, file);
    }

    /**
     * Returns the requirements that start the module graph, in go.mod order: every require line except
     * those on excluded versions.
     */
    public List<ModuleVersion> requirements() {
        List<ModuleVersion> reqs = new ArrayList<>();
        for (GoModFile.Require r : goMod.requires()) {
            if (!isExcluded(r.module())) {
                reqs.add(r.module());
            }
        }
        return reqs;
    }

    /** Returns the requirements the go.mod lists on excluded versions; the loader ignores them. */
    public List<ModuleVersion> excludedRequirements() {
        return goMod.requires().stream()
                .map(GoModFile.Require::module)
                .filter(this::isExcluded)
                .toList();
    }

    /**
     * Reports whether the go command would write this go.mod back with a different meaning even when the
     * module graph asks for no new roots (cmd/go commitRequirements: UpdateGoModFromReqs, then
     * modFileIsDirty): it fixed a version while parsing ({@code v1.2} for {@code v1.2.0}), it drops a
     * requirement on an excluded version or on the main module's own path, or it drops a toolchain line
     * that names the go line's own version or one before Go 1.21. Under {@code -mod=readonly} that is
     * {@code updates to go.mod needed}.
     */
    public boolean needsUpdate() {
        if (versionsFixed || !excludedRequirements().isEmpty()) {
            return true;
        }
        for (GoModFile.Require r : goMod.requires()) {
            if (r.path().equals(path())) {
                return true;
            }
        }
        return goMod.toolchain()
                .map(t -> t.equals("go" + goVersion())
                        || GoVersion.compare(GoVersion.fromToolchain(t), GoVersion.STRICT) < 0)
                .orElse(false);
    }

    /**
     * Returns the paths the go.mod marks as direct dependencies (no {@code // indirect} comment, not
     * excluded), plus {@code go}.
     */
    public Set<String> direct() {
        Set<String> direct = new LinkedHashSet<>();
        for (GoModFile.Require r : goMod.requires()) {
            if (!r.indirect() && !isExcluded(r.module())) {
                direct.add(r.path());
            }
        }
        direct.add("go");
        return direct;
    }

    /**
     * Returns the roots of the module graph as the go.mod states them (cmd/go rootsFromModFile): the
     * requirements, {@code go@}{@link #goVersion()} and {@code toolchain@NAME} when there is a toolchain
     * line, sorted by path and version.
     */
    public Requirements requirementsFromGoMod() {
        List<ModuleVersion> roots = new ArrayList<>(requirements());
        roots.add(new ModuleVersion("go", goVersion()));
        goMod.toolchain().ifPresent(t -> roots.add(new ModuleVersion("toolchain", t)));
        return new Requirements(pruning(), roots, direct());
    }

    private static Map<ModuleVersion, ModuleVersion> replaceMap(GoModFile goMod) {
        Map<ModuleVersion, ModuleVersion> map = new LinkedHashMap<>();
        for (GoModFile.Replace r : goMod.replaces()) {
            ModuleVersion old = new ModuleVersion(r.oldPath(), r.oldVersion());
            ModuleVersion target = new ModuleVersion(r.newPath(), r.newVersion());
            ModuleVersion prev = map.putIfAbsent(old, target);
            if (prev != null && !prev.equals(target)) {
                throw new GoModException("conflicting replacements for " + old + ":\n\t" + prev + "\n\t" + target);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** Returns {@code file} relative to {@code cwd} if that is shorter (cmd/go base.ShortPath). */
    public static String shortPath(Path cwd, Path file) {
        String abs = file.toString();
        try {
            String rel = cwd.relativize(file).toString();
            return rel.length() < abs.length() ? (rel.isEmpty() ? "." : rel) : abs;
        } catch (IllegalArgumentException e) {
            return abs; // different roots
        }
    }

    /** Reports whether {@code e} says a file does not exist. */
    static boolean isNotExist(IOException e) {
        return e instanceof NoSuchFileException || e instanceof java.io.FileNotFoundException;
    }
}
