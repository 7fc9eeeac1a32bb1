package dev.holdfast.degraded;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.Requirements;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.sum.GoSum;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The content of the overlay go.mod and go.sum: the project's files with each substitution added the
 * go command's way, so that {@code go build -modfile=<overlay>} builds exactly the resolved graph,
 * offline, even with {@code -mod=readonly}.
 *
 * <ul>
 *   <li>go.mod: for every substitution {@code replace path wanted => path used}; a replacement of the
 *       project whose target is the wanted version is pointed at the substitute instead (the go command
 *       does not replace a replacement). The requirements are then raised to the versions the resolved
 *       graph selects, as the go command would write them, so it finds nothing to update.
 *   <li>go.sum: the project's lines, plus the hashes the build checks and the project's go.sum lacks
 *       (substitutes, and versions a substitute's requirements selected), taken from the module cache.
 * </ul>
 */
public final class OverlayFiles {
    /** The comment that ends every overlay go.mod. */
    static final String MARKER =
            "// Overlay written by holdfast degraded mode; see substitutions.json next to it. Do not edit.";

    private OverlayFiles() {}

    /**
     * Returns the overlay go.mod of {@code project} with {@code substitutions}, its requirements set to
     * {@code roots} when not null, parsed with {@code fix} (for non-canonical versions).
     */
    public static byte[] goMod(
            MainModule project,
            Collection<Substitution> substitutions,
            Requirements roots,
            GoModFile.VersionFixer fix) {
        GoModFile f = GoModFile.parse("go.mod", project.goMod().format(), fix);
        for (Substitution s : substitutions) {
            boolean replacedExactly = false;
            for (GoModFile.Replace r : List.copyOf(f.replaces())) {
                if (r.newPath().equals(s.path()) && r.newVersion().equals(s.wanted())) {
                    f.addReplace(r.oldPath(), r.oldVersion(), r.newPath(), s.used());
                }
                replacedExactly |=
                        r.oldPath().equals(s.path()) && r.oldVersion().equals(s.wanted());
            }
            if (!replacedExactly) {
                f.addReplace(s.path(), s.wanted(), s.path(), s.used());
            }
        }
        if (roots != null) {
            setRoots(f, roots);
        }
        f.cleanup();
        if (!substitutions.isEmpty()) {
            f.addComment(MARKER);
        }
        return f.format();
    }

    /**
     * Makes the go.mod's requirements the roots {@code roots}, as the go command writes them after loading
     * the graph (modload's {@code UpdateGoModFromReqs}): one line per root path with the indirect
     * marking of a non-direct path, in two blocks for a pruned (go 1.17+) graph.
     */
    private static void setRoots(GoModFile f, Requirements roots) {
        // The go line decides graph pruning: raise it only within a pruned graph (go 1.17 or later), or the
        // go command would read a differently shaped graph than the one resolved.
        String go = f.go().orElse("");
        boolean pruned = !go.isEmpty() && GoVersion.compare(go, GoVersion.PRUNING) >= 0;
        List<GoModFile.Require> reqs = new ArrayList<>();
        for (ModuleVersion m : roots.roots()) {
            switch (m.path()) {
                case "go" -> {
                    if (pruned && GoVersion.compare(m.version(), go) > 0) {
                        f.addGoStmt(m.version());
                    }
                }
                case "toolchain" -> {
                    if (pruned && !f.toolchain().orElse("").equals(m.version())) {
                        f.addToolchainStmt(m.version());
                    }
                }
                default -> reqs.add(new GoModFile.Require(m.path(), m.version(), !roots.isDirect(m.path())));
            }
        }
        if (pruned) {
            f.setRequireSeparateIndirect(reqs);
        } else {
            f.setRequire(reqs);
        }
    }

    /**
     * Returns the requirements of {@code project}'s go.mod that {@code roots} (the overlay's) state at a
     * higher version, in go.mod order.
     */
    public static List<OverlayRecord.Raise> raised(MainModule project, Requirements roots) {
        List<OverlayRecord.Raise> out = new ArrayList<>();
        for (ModuleVersion r : project.requirements()) {
            Optional<String> to = roots.rootSelected(r.path());
            if (to.isPresent() && GoVersion.compareModule(r.path(), to.get(), r.version()) > 0) {
                out.add(new OverlayRecord.Raise(r.path(), r.version(), to.get()));
            }
        }
        return out;
    }

    /**
     * Returns the overlay go.sum: {@code projectSums} plus, for every module version of {@code
     * resolution} whose go.mod the graph read and every zip it needs, the hash from {@code cache} when
     * the project's go.sum has none.
     */
    public static byte[] goSum(GoSum projectSums, Resolution resolution, CachedVersions cache) throws IOException {
        GoSum sums = projectSums;
        List<ModuleVersion> nodes = new ArrayList<>();
        resolution.graph().walkBreadthFirst(nodes::add);
        for (ModuleVersion n : nodes) {
            if (n.equals(resolution.main().version())
                    || GoVersion.isToolchain(n.path())
                    || resolution.graph().summary(n).isEmpty()) {
                continue;
            }
            ModuleVersion actual = resolution.loader().resolve(n);
            if (actual.version().isEmpty()) {
                continue;
            }
            ModuleVersion key = new ModuleVersion(actual.path(), actual.version() + "/go.mod");
            if (sums.lookup(key).isEmpty()) {
                Optional<String> h = cache.goModHash(actual);
                if (h.isPresent()) {
                    sums = sums.add(key, h.get());
                }
            }
        }
        for (ModuleVersion z : resolution.zips()) {
            if (sums.lookup(z).isEmpty()) {
                Optional<String> h = cache.zipHash(z);
                if (h.isPresent()) {
                    sums = sums.add(z, h.get());
                }
            }
        }
        return sums.format();
    }
}
