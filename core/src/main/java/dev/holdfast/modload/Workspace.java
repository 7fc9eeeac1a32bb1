package dev.holdfast.modload;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modfile.GoModSyntaxException;
import dev.holdfast.modfile.GoWorkFile;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.file.Files;
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
 * A workspace: a go.work file and the modules it uses, all of them main modules of one module graph
 * (cmd/go workspace mode, {@code go help work}). The go.work's replacements win over the modules' own;
 * the modules' replacements apply to the whole workspace and must not contradict each other; every
 * module's exclusions apply to every go.mod read.
 *
 * <p>Replacement directories are named relative to the go.work's directory, as the go command names them
 * in workspace mode (a module's {@code replace x => ./y} becomes {@code ./m/y} for module directory
 * {@code m}). Immutable.
 */
public final class Workspace implements MainModules {

    /** The go version of a go.work without a go line (gover.DefaultGoWorkVersion). */
    static final String DEFAULT_GO_WORK = "1.18";

    private final Path file;
    private final Path workDir;
    private final GoWorkFile work;
    private final List<MainModule> modules;
    private final List<ModuleVersion> versions;
    private final Map<ModuleVersion, ModuleVersion> workReplace;

    private Workspace(Path file, Path workDir, GoWorkFile work, List<MainModule> modules) {
        this.file = file;
        this.workDir = workDir;
        this.work = work;
        this.modules = List.copyOf(modules);
        this.versions = modules.stream().map(MainModule::version).toList();
        this.workReplace = replaceMap(work.replaces());
    }

    /**
     * Returns the go.work that puts {@code dir} in workspace mode (modload's {@code FindGoWork}):
     * {@code gowork} is the GOWORK setting; {@code off} leaves workspace mode, a file name uses that file,
     * and empty or {@code auto} use the nearest go.work at or above {@code dir}.
     */
    public static Optional<Path> find(Path dir, String gowork) {
        if (gowork.equals("off")) {
            return Optional.empty();
        }
        if (!gowork.isEmpty() && !gowork.equals("auto")) {
            return Optional.of(Path.of(gowork).toAbsolutePath().normalize());
        }
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("go.work");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Loads the workspace of go.work file {@code goWork}, naming files in messages relative to {@code
     * workDir} (cmd/go LoadWorkFile and loadModFile in workspace mode); versions in the modules' go.mod
     * files are canonicalized with {@code fix} (null to require canonical versions).
     *
     * @throws GoModException with the go command's message when the go.work cannot be read or parsed,
     *     uses a directory twice or one without a usable go.mod, lists a module twice, or has conflicting
     *     replacements
     * @throws IOException when a file cannot be read for another reason
     */
    public static Workspace load(Path goWork, Path workDir, GoModFile.VersionFixer fix) throws IOException {
        Path cwd = workDir.toAbsolutePath().normalize();
        Path file = goWork.toAbsolutePath().normalize();
        String name = MainModule.shortPath(cwd, file);
        GoWorkFile work = parse(file, name);
        List<Path> roots = moduleDirs(file, name, work);
        String workGo = work.go().orElse(DEFAULT_GO_WORK);
        List<String> errors = new ArrayList<>();
        List<MainModule> modules = new ArrayList<>();
        for (Path root : roots) {
            String shown = MainModule.shortPath(cwd, root);
            MainModule m;
            try {
                m = MainModule.parse(root, cwd, GoModFile.read(root.resolve("go.mod")), fix);
            } catch (GoModException e) {
                errors.add("cannot load module " + shown + " listed in go.work file: " + e.getMessage());
                continue;
            } catch (IOException e) {
                String reason = MainModule.isNotExist(e)
                        ? "open " + MainModule.shortPath(cwd, root.resolve("go.mod")) + ": no such file or directory"
                        : e.getMessage();
                errors.add("cannot load module " + shown + " listed in go.work file: " + reason);
                continue;
            }
            String modGo = m.goVersion();
            if (GoVersion.compare(modGo, workGo) > 0 && GoVersion.compare(modGo, GoVersion.STRICT) >= 0) {
                errors.add("module " + shown + " listed in go.work file requires go >= " + modGo + ", but go.work "
                        + (work.go().isPresent() ? "lists" : "implicitly requires") + " go " + workGo
                        + "; to update it:\n\tgo work use");
                continue;
            }
            modules.add(m);
        }
        if (!errors.isEmpty()) {
            throw new GoModException(String.join("\n", errors));
        }
        Workspace ws = new Workspace(file, cwd, work, modules);
        ws.check();
        return ws;
    }

    /**
     * Returns the directories of the modules go.work file {@code goWork} uses, absolute, in its order:
     * where their go.sum files are, before the workspace is loaded.
     *
     * @throws GoModException as {@link #load} does for the go.work itself
     */
    public static List<Path> moduleDirs(Path goWork, Path workDir) throws IOException {
        Path file = goWork.toAbsolutePath().normalize();
        String name = MainModule.shortPath(workDir.toAbsolutePath().normalize(), file);
        return moduleDirs(file, name, parse(file, name));
    }

    private static List<Path> moduleDirs(Path file, String name, GoWorkFile work) {
        List<Path> roots = new ArrayList<>();
        List<String> uses = work.uses();
        for (int i = 0; i < uses.size(); i++) {
            Path root = file.getParent().resolve(uses.get(i)).normalize();
            if (roots.contains(root)) {
                throw new GoModException("error loading go.work:\n" + name + ":" + work.useLine(i) + ": path " + root
                        + " appears multiple times in workspace");
            }
            roots.add(root);
        }
        return roots;
    }

    private static GoWorkFile parse(Path file, String name) throws IOException {
        byte[] data;
        try {
            data = GoWorkFile.read(file);
        } catch (GoModSyntaxException e) {
            throw new GoModException("errors parsing go.work:\n" + e.getMessage(), e);
        } catch (IOException e) {
            String reason = MainModule.isNotExist(e) ? "open " + name + ": no such file or directory" : e.getMessage();
            throw new GoModException("reading go.work: " + reason, e);
        }
        try {
            return GoWorkFile.parse(name, data);
        } catch (GoModSyntaxException e) {
            throw new GoModException("errors parsing go.work:\n" + e.getMessage(), e);
        }
    }

    /** The checks of cmd/go makeMainModules: module paths once, replacements that agree. */
    private void check() {
        Set<String> paths = new HashSet<>();
        for (ModuleVersion m : versions) {
            if (!paths.add(m.path())) {
                throw new GoModException("module " + m.path() + " appears multiple times in workspace");
            }
        }
        Set<String> replacedByWork = new HashSet<>();
        for (ModuleVersion old : workReplace.keySet()) {
            if (paths.contains(old.path()) && old.version().isEmpty()) {
                throw new GoModException("workspace module " + old.path() + " is replaced at all versions in the"
                        + " go.work file. To fix, remove the replacement from the go.work file or specify the"
                        + " version at which to replace the module.");
            }
            replacedByWork.add(old.path());
        }
        Map<ModuleVersion, ModuleVersion> seen = new LinkedHashMap<>(workReplace);
        for (MainModule module : modules) {
            for (Map.Entry<ModuleVersion, ModuleVersion> r :
                    module.replacements().entrySet()) {
                if (replacedByWork.contains(r.getKey().path())) {
                    continue;
                }
                ModuleVersion target = absolute(module, r.getValue());
                ModuleVersion prev = seen.putIfAbsent(r.getKey(), target);
                if (prev != null && !prev.equals(target)) {
                    throw new GoModException("conflicting replacements for " + r.getKey() + ":\n\t" + prev + "\n\t"
                            + target + "\nuse \"go work edit -replace " + r.getKey() + "=[override]\" to resolve");
                }
            }
        }
    }

    /**
     * Raises the go line of {@code work} to {@code goVersion} when it is lower, dropping a toolchain line
     * the new go line makes pointless (cmd/go UpdateWorkGoVersion, which {@code go get} applies after
     * writing a workspace module's go.mod); reports whether the file changed.
     */
    public static boolean updateGoVersion(GoWorkFile work, String goVersion) {
        String old = work.go().orElse(DEFAULT_GO_WORK);
        if (GoVersion.compare(old, goVersion) >= 0) {
            return false;
        }
        work.addGoStmt(goVersion);
        if (work.toolchain().isEmpty()) {
            return true;
        }
        String toolchain = work.toolchain().get();
        String toolVersion = GoVersion.fromToolchain(toolchain);
        if (toolchain.equals("go" + goVersion)
                || GoVersion.compare(toolVersion, goVersion) < 0
                || GoVersion.compare(toolVersion, GoVersion.STRICT) < 0) {
            work.dropToolchainStmt();
        }
        return true;
    }

    /** Returns the go.work file, absolute. */
    public Path file() {
        return file;
    }

    /** Returns the directory the workspace's names are relative to: the go.work's. */
    public Path dir() {
        return file.getParent();
    }

    /** Returns the modules the go.work uses, in its order. */
    public List<MainModule> modules() {
        return modules;
    }

    @Override
    public List<ModuleVersion> versions() {
        return versions;
    }

    /** Returns the go version of the go.work's go line, or 1.18 when it has none (gover.FromGoWork). */
    public String goVersion() {
        return work.go().orElse(DEFAULT_GO_WORK);
    }

    /** Returns the main module {@code m} (a version of {@link #versions()}). */
    MainModule module(ModuleVersion m) {
        return modules.get(versions.indexOf(m));
    }

    /**
     * Returns the roots of the workspace's module graph (cmd/go requirementsFromModFiles in workspace
     * mode): every module it uses, {@code go@}{@link #goVersion()} and the go.work's toolchain, with
     * workspace pruning; the direct paths are those the modules require without {@code // indirect}.
     */
    public Requirements requirements() {
        List<ModuleVersion> roots = new ArrayList<>(versions);
        roots.add(new ModuleVersion("go", goVersion()));
        work.toolchain().ifPresent(t -> roots.add(new ModuleVersion("toolchain", t)));
        Set<String> direct = new LinkedHashSet<>();
        for (MainModule m : modules) {
            for (GoModFile.Require r : m.goMod().requires()) {
                if (!r.indirect()) {
                    direct.add(r.path());
                }
            }
        }
        return new Requirements(Pruning.WORKSPACE, roots, direct);
    }

    /**
     * Returns what replaces {@code m} (cmd/go Replacement): the go.work's replacement if it has one, else
     * that of the modules' go.mod files, with a relative directory named from the go.work's directory.
     *
     * @throws GoModException when two modules replace {@code m} differently
     */
    @Override
    public Optional<ModuleVersion> replacement(ModuleVersion m) {
        if (isMain(m)) {
            return Optional.empty();
        }
        Optional<ModuleVersion> fromWork = lookup(workReplace, m);
        if (fromWork.isPresent()) {
            return fromWork;
        }
        ModuleVersion found = null;
        MainModule foundIn = null;
        for (MainModule module : modules) {
            Optional<ModuleVersion> r = lookup(module.replacements(), m);
            if (r.isEmpty()) {
                continue;
            }
            if (foundIn != null && !found.equals(r.get())) {
                throw new GoModException("conflicting replacements found for " + m + " in workspace modules defined by "
                        + foundIn.dir().resolve("go.mod") + " and "
                        + module.dir().resolve("go.mod"));
            }
            found = r.get();
            foundIn = module;
        }
        return foundIn == null ? Optional.empty() : Optional.of(relativeToWork(foundIn, found));
    }

    @Override
    public Map<ModuleVersion, ModuleVersion> replacements() {
        Map<ModuleVersion, ModuleVersion> all = new LinkedHashMap<>(workReplace);
        Set<String> replacedByWork = new HashSet<>();
        workReplace.keySet().forEach(m -> replacedByWork.add(m.path()));
        for (MainModule module : modules) {
            module.replacements().forEach((old, target) -> {
                if (!replacedByWork.contains(old.path())) {
                    all.putIfAbsent(old, relativeToWork(module, target));
                }
            });
        }
        return Collections.unmodifiableMap(all);
    }

    @Override
    public Set<ModuleVersion> excludes() {
        Set<ModuleVersion> all = new LinkedHashSet<>();
        modules.forEach(m -> all.addAll(m.excludes()));
        return Collections.unmodifiableSet(all);
    }

    @Override
    public Path replacementDir(ModuleVersion target) {
        return dir().resolve(target.path()).normalize();
    }

    @Override
    public boolean isExcluded(ModuleVersion m) {
        for (MainModule module : modules) {
            if (module.isExcluded(m)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean hasExcludes() {
        return modules.stream().anyMatch(MainModule::hasExcludes);
    }

    @Override
    public String shortPath(Path path) {
        return MainModule.shortPath(workDir, path);
    }

    private static Optional<ModuleVersion> lookup(Map<ModuleVersion, ModuleVersion> replace, ModuleVersion m) {
        ModuleVersion r = replace.get(m);
        if (r == null) {
            r = replace.get(new ModuleVersion(m.path(), ""));
        }
        return Optional.ofNullable(r);
    }

    /** Returns directory replacement {@code r} of {@code module} as an absolute directory, other targets as they are. */
    private static ModuleVersion absolute(MainModule module, ModuleVersion r) {
        if (!r.version().isEmpty() || Path.of(r.path()).isAbsolute()) {
            return r;
        }
        return new ModuleVersion(module.dir().resolve(r.path()).normalize().toString(), "");
    }

    /** Names directory replacement {@code r} of {@code module} from the go.work's directory (canonicalizeReplacePath). */
    private ModuleVersion relativeToWork(MainModule module, ModuleVersion r) {
        if (!r.version().isEmpty() || Path.of(r.path()).isAbsolute()) {
            return r;
        }
        String rel =
                dir().relativize(module.dir().resolve(r.path()).normalize()).toString();
        if (rel.isEmpty()) {
            rel = ".";
        }
        return new ModuleVersion(GoModFile.isDirectoryPath(rel) ? rel : "./" + rel, "");
    }

    private static Map<ModuleVersion, ModuleVersion> replaceMap(List<GoModFile.Replace> replaces) {
        Map<ModuleVersion, ModuleVersion> map = new LinkedHashMap<>();
        for (GoModFile.Replace r : replaces) {
            ModuleVersion old = new ModuleVersion(r.oldPath(), r.oldVersion());
            ModuleVersion target = new ModuleVersion(r.newPath(), r.newVersion());
            ModuleVersion prev = map.putIfAbsent(old, target);
            if (prev != null && !prev.equals(target)) {
                throw new GoModException("conflicting replacements for " + old + ":\n\t" + prev + "\n\t" + target);
            }
        }
        return map;
    }
}
