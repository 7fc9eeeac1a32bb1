package dev.holdfast.modedit;

import dev.holdfast.modedit.ConstraintException.Conflict;
import dev.holdfast.modload.GoModSummary;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.modload.ModuleLoader;
import dev.holdfast.modload.Pruning;
import dev.holdfast.modload.Requirements;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.mvs.BuildListError;
import dev.holdfast.mvs.Mvs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Edits the main module's requirements so that some module versions are selected exactly, lowering or
 * removing other roots only as far as needed (cmd/go's {@code modload.editRequirements}, spec §10.7):
 * the heart of {@code go get M@V}.
 *
 * <p>The edit repeatedly loads the module graph of the proposed roots (extended so that the selected
 * version of every root path has its requirements loaded), marks every version that is above a
 * requested version or leads to one (see {@link DisqualificationTracker}), and steps each root with a
 * problem down to its next lower allowed version — or accepts an upgrade to the version already
 * selected, when that one is fine — until nothing changes. A requested version that itself leads to a
 * higher requested version is a {@link ConstraintException}. Every step down is reported to the
 * {@link StepListener}, as the go command logs it. Not thread-safe; one instance serves one edit.
 */
final class RequirementEditor {

    /** Finds the next lower version to try for a module (cmd/go previousVersion). */
    @FunctionalInterface
    interface Previous {
        ModuleVersion previous(ModuleVersion m) throws IOException;
    }

    /**
     * One step down of a root: {@code conflict} explains the problem with {@code from}, {@code to} is the
     * version tried next ({@code none} removes the path), {@code restoring} says it is the version selected
     * before the edit.
     */
    record StepDown(ModuleVersion from, ModuleVersion to, Conflict conflict, boolean restoring) {
        /** Returns the go command's log line: {@code <summary>\n\t(removing|restoring|trying) X}. */
        String describe() {
            String action =
                    to.version().equals("none") ? "removing " + from : restoring ? "restoring " + to : "trying " + to;
            return conflict.summary() + "\n\t" + action;
        }
    }

    /** Receives the steps down as they are decided. */
    @FunctionalInterface
    interface StepListener {
        void stepped(StepDown step);
    }

    /** The result: the edited requirements, and whether they differ from the original ones. */
    record Edit(Requirements requirements, boolean changed) {}

    private record Extended(ModuleGraph graph, Set<ModuleVersion> upgraded) {}

    private final ModuleLoader loader;
    private final Previous previous;
    private final StepListener listener;

    RequirementEditor(ModuleLoader loader, Previous previous, StepListener listener) {
        this.loader = loader;
        this.previous = previous;
        this.listener = listener;
    }

    /**
     * Returns {@code orig} edited so that every version in {@code mustSelect} is selected, every version
     * in {@code tryUpgrade} is upgraded to as far as that allows, and other roots change only as needed.
     *
     * @throws ConstraintException if the requested versions conflict (message: {@code version constraints
     *     conflict:} and one line per conflict)
     * @throws IOException if the graph cannot be loaded where the edit needs it, or versions cannot be listed
     */
    Edit edit(Requirements orig, List<ModuleVersion> tryUpgrade, List<ModuleVersion> mustSelect) throws IOException {
        Pruning rootPruning = requestedPruning(orig.pruning(), mustSelect);
        Requirements rs = rootPruning == orig.pruning() ? orig : convert(orig, rootPruning);

        Map<String, String> selectedRoot = initialRoots(rs, rootPruning);
        for (ModuleVersion r : tryUpgrade) {
            String v = selectedRoot.get(r.path());
            if (v == null || GoVersion.compareModule(r.path(), v, r.version()) < 0) {
                selectedRoot.put(r.path(), r.version());
            }
        }
        List<Conflict> conflicts = new ArrayList<>();
        Map<String, String> mustSelectVersion = new HashMap<>();
        for (ModuleVersion r : mustSelect) {
            String v = mustSelectVersion.get(r.path());
            if (v != null && !v.equals(r.version())) {
                ModuleVersion prev = new ModuleVersion(r.path(), v);
                boolean prevHigher = GoVersion.compareModule(r.path(), v, r.version()) > 0;
                conflicts.add(new Conflict(List.of(prevHigher ? prev : r), prevHigher ? r : prev, null));
                continue;
            }
            mustSelectVersion.put(r.path(), r.version());
            selectedRoot.put(r.path(), r.version());
        }

        Loop loop = new Loop(orig, rootPruning, selectedRoot, mustSelectVersion, conflicts);
        List<ModuleVersion> roots = loop.run();
        if (!conflicts.isEmpty()) {
            throw ConstraintException.describe(conflicts);
        }
        if (rootPruning == Pruning.UNPRUNED) {
            roots = minimalUnprunedRoots(rs, mustSelect, roots);
        }
        boolean changed = rootPruning != orig.pruning() || !roots.equals(orig.roots());
        if (!changed) {
            return new Edit(orig, false);
        }
        Set<String> direct = new HashSet<>();
        for (ModuleVersion m : roots) {
            if (rs.isDirect(m.path())) {
                direct.add(m.path());
            }
        }
        Requirements edited = new Requirements(rootPruning, roots, direct);
        if (rootPruning == Pruning.UNPRUNED && Pruning.forGoVersion(edited.goVersion()) == Pruning.PRUNED) {
            // A dependency raised the go version far enough to prune: keep the build list by making
            // every module in it a root (the go command then suggests 'go mod tidy').
            edited = convert(edited, Pruning.PRUNED);
        }
        return new Edit(edited, true);
    }

    /** Returns the pruning the edit works in: that of a requested go version, else the current one. */
    private static Pruning requestedPruning(Pruning current, List<ModuleVersion> mustSelect) {
        for (ModuleVersion m : mustSelect) {
            if (m.path().equals("go")) {
                return Pruning.forGoVersion(m.version());
            }
            if (m.path().equals("toolchain")
                    && Pruning.forGoVersion(GoVersion.fromToolchain(m.version())) == Pruning.UNPRUNED) {
                return Pruning.UNPRUNED;
            }
        }
        return current;
    }

    /**
     * Returns the edited version of every path that may be a root: the roots of a pruned graph, or the
     * whole build list of an unpruned one (whose implicit dependencies may provide imported packages).
     */
    private Map<String, String> initialRoots(Requirements rs, Pruning rootPruning) throws IOException {
        Map<String, String> selected = new HashMap<>();
        if (rootPruning == Pruning.PRUNED) {
            for (ModuleVersion m : rs.roots()) {
                selected.put(m.path(), rs.rootSelected(m.path()).orElseThrow());
            }
            return selected;
        }
        List<ModuleVersion> buildList = checked(rs.graph(loader)).buildList();
        for (ModuleVersion m : buildList.subList(1, buildList.size())) {
            selected.put(m.path(), m.version());
        }
        return selected;
    }

    /**
     * Returns the roots an unpruned go.mod lists after the edit: the minimal requirements keeping the
     * requested modules and the former roots that kept their version or are direct dependencies.
     */
    private List<ModuleVersion> minimalUnprunedRoots(
            Requirements rs, List<ModuleVersion> mustSelect, List<ModuleVersion> roots) throws IOException {
        String mainPath = loader.main().path();
        List<String> rootPaths = new ArrayList<>();
        for (ModuleVersion m : mustSelect) {
            if (!m.version().equals("none") && !m.path().equals(mainPath)) {
                rootPaths.add(m.path());
            }
        }
        for (ModuleVersion m : roots) {
            Optional<String> v = rs.rootSelected(m.path());
            if (v.isPresent() && (v.get().equals(m.version()) || rs.isDirect(m.path()))) {
                rootPaths.add(m.path());
            }
        }
        return Mvs.req(loader.main().version(), rootPaths, loader.reqs(roots));
    }

    /** Returns {@code rs} with pruning {@code pruning} (cmd/go convertPruning). */
    private Requirements convert(Requirements rs, Pruning pruning) throws IOException {
        ModuleGraph mg = checked(rs.graph(loader));
        List<ModuleVersion> buildList = mg.buildList();
        List<ModuleVersion> keep = buildList.subList(1, buildList.size());
        if (pruning == Pruning.PRUNED) {
            // An unpruned graph is a pruned one in which every module of the build list is a root.
            return new Requirements(Pruning.PRUNED, keep, rs.direct());
        }
        // Pruned roots are a superset of unpruned ones: keep only the minimal set (updateUnprunedRoots).
        List<String> rootPaths = new ArrayList<>();
        Set<String> inRootPaths = new HashSet<>();
        for (ModuleVersion root : rs.roots()) {
            if (!inRootPaths.contains(root.path()) && mg.selected(root.path()).equals(root.version())) {
                rootPaths.add(root.path());
                inRootPaths.add(root.path());
            }
        }
        for (ModuleVersion m : keep) {
            if (rs.isDirect(m.path()) && inRootPaths.add(m.path())) {
                rootPaths.add(m.path());
            }
        }
        List<ModuleVersion> min = Mvs.req(loader.main().version(), rootPaths, loader.reqs(keep));
        return new Requirements(Pruning.UNPRUNED, min, rs.direct());
    }

    private static ModuleGraph checked(ModuleGraph mg) throws BuildListError {
        Optional<BuildListError> e = mg.error();
        if (e.isPresent()) {
            throw e.get();
        }
        return mg;
    }

    /** The fixed-point iteration of one edit: its state is the proposed version of every root path. */
    private final class Loop {
        private final Requirements orig;
        private final Pruning rootPruning;
        private final Map<String, String> selectedRoot;
        private final Map<String, String> mustSelectVersion;
        private final List<Conflict> conflicts;
        private final Set<ModuleVersion> rejectedRoot = new HashSet<>();

        Loop(
                Requirements orig,
                Pruning rootPruning,
                Map<String, String> selectedRoot,
                Map<String, String> mustSelectVersion,
                List<Conflict> conflicts) {
            this.orig = orig;
            this.rootPruning = rootPruning;
            this.selectedRoot = selectedRoot;
            this.mustSelectVersion = mustSelectVersion;
            this.conflicts = conflicts;
        }

        /** Iterates until the roots are stable or a conflict is found; returns the last roots tried. */
        List<ModuleVersion> run() throws IOException {
            List<ModuleVersion> roots = List.of();
            boolean rootsDirty = true;
            while (rootsDirty && conflicts.isEmpty()) {
                roots = currentRoots();
                Extended ext = extendGraph(roots);
                Map<ModuleVersion, Pruning> extendedRootPruning = new HashMap<>();
                for (ModuleVersion m : roots) {
                    extendedRootPruning.put(m, pruningOf(ext.graph(), m));
                }
                for (ModuleVersion m : ext.upgraded()) {
                    extendedRootPruning.put(m, pruningOf(ext.graph(), m));
                }
                DisqualificationTracker t = new DisqualificationTracker(extendedRootPruning);
                ext.graph().walkBreadthFirst(m -> check(ext.graph(), t, m));
                rootsDirty = stepDown(roots, ext.graph(), t, extendedRootPruning) || acceptUpgrades(ext.graph());
            }
            return roots;
        }

        private List<ModuleVersion> currentRoots() {
            List<ModuleVersion> roots = new ArrayList<>();
            selectedRoot.forEach((p, v) -> {
                if (!v.equals("none")) {
                    roots.add(new ModuleVersion(p, v));
                }
            });
            return new Requirements(rootPruning, roots, Set.of()).roots(); // sorted as gover.ModSort
        }

        /**
         * Loads the graph of {@code roots} and unprunes the selected version of every root path until
         * stable, so that every selected version's requirements are in the graph (cmd/go extendGraph).
         */
        private Extended extendGraph(List<ModuleVersion> roots) throws IOException {
            Requirements rs = new Requirements(rootPruning, roots, Set.of());
            Set<ModuleVersion> upgraded = new LinkedHashSet<>();
            while (true) {
                ModuleGraph mg = ModuleGraph.read(loader, rs, upgraded);
                if (rootPruning == Pruning.UNPRUNED) {
                    return new Extended(mg, upgraded);
                }
                int before = upgraded.size();
                for (String p : selectedRoot.keySet()) {
                    String v = mg.selected(p);
                    if (v.equals("none")) {
                        continue;
                    }
                    ModuleVersion m = new ModuleVersion(p, v);
                    if (!mg.requirementsLoaded(m)) {
                        upgraded.add(m);
                    }
                }
                if (upgraded.size() == before) {
                    return new Extended(mg, upgraded);
                }
            }
        }

        /** Returns the pruning {@code m}'s requirements load with as a root of the extended graph. */
        private Pruning pruningOf(ModuleGraph mg, ModuleVersion m) {
            if (rootPruning == Pruning.PRUNED) {
                Optional<GoModSummary> s = mg.summary(m);
                if (s.isPresent() && s.get().pruning() == Pruning.UNPRUNED) {
                    return Pruning.UNPRUNED;
                }
            }
            return rootPruning;
        }

        /** Marks {@code m} if it is above a requested version, cannot be loaded, or requires such a version. */
        private void check(ModuleGraph mg, DisqualificationTracker t, ModuleVersion m) {
            if (isAboveRequested(m)) {
                // m itself violates the request, even if its requirements are pruned out.
                t.disqualify(m, Pruning.PRUNED, new DisqualificationTracker.Reason(m, null));
                return;
            }
            Optional<Exception> err = mg.loadError(m);
            if (err.isPresent()) {
                t.disqualify(m, Pruning.PRUNED, new DisqualificationTracker.Reason(null, err.get()));
                return;
            }
            Optional<List<ModuleVersion>> reqs = mg.requiredBy(m);
            if (reqs.isEmpty() || mg.summary(m).isEmpty()) {
                return; // pruned out, or the main module (whose requirements are being edited)
            }
            for (ModuleVersion r : reqs.get()) {
                if (isAboveRequested(r)) {
                    t.disqualify(m, Pruning.PRUNED, new DisqualificationTracker.Reason(r, null));
                    return;
                }
            }
            for (ModuleVersion r : reqs.get()) {
                if (!t.require(m, r)) {
                    break;
                }
            }
        }

        private boolean isAboveRequested(ModuleVersion m) {
            String max = mustSelectVersion.get(m.path());
            return max != null && GoVersion.compareModule(m.path(), m.version(), max) > 0;
        }

        /** Steps every root with a problem down (or records a conflict); returns whether any root changed. */
        private boolean stepDown(
                List<ModuleVersion> roots,
                ModuleGraph mg,
                DisqualificationTracker t,
                Map<ModuleVersion, Pruning> extendedRootPruning)
                throws IOException {
            boolean dirty = false;
            for (ModuleVersion m : roots) {
                DisqualificationTracker.ProblemPath problem = t.path(m, extendedRootPruning.get(m));
                if (problem.isEmpty()) {
                    continue;
                }
                Conflict conflict = conflictOf(problem);
                if (m.version().equals(mustSelectVersion.get(m.path()))) {
                    conflicts.add(conflict); // a requested version that leads to a problem
                    continue;
                }
                String v = mg.selected(m.path());
                if (!v.equals(m.version())) {
                    ModuleVersion u = new ModuleVersion(m.path(), v);
                    if (!t.check(u, extendedRootPruning.get(m)).disqualified() && !rejectedRoot.contains(u)) {
                        continue; // accepting the upgrade to u resolves it
                    }
                }
                String origV = orig.graph(loader).selected(m.path()); // loaded before the edit
                if (conflict.err() != null && origV.equals(m.version())) {
                    // Do not downgrade away from an existing requirement just because it cannot be loaded.
                    conflicts.add(conflict);
                    continue;
                }
                ModuleVersion prev = nextCandidate(m, origV, mg, t);
                selectedRoot.put(m.path(), prev.version());
                dirty = true;
                listener.stepped(new StepDown(
                        m,
                        new ModuleVersion(m.path(), prev.version()),
                        conflict,
                        prev.version().equals(origV)));
            }
            return dirty;
        }

        private Conflict conflictOf(DisqualificationTracker.ProblemPath problem) {
            if (problem.err() != null) {
                return new Conflict(problem.path(), null, problem.err());
            }
            ModuleVersion last = problem.path().getLast();
            String mustV = mustSelectVersion.get(last.path());
            if (mustV == null) {
                throw new IllegalStateException(
                        "internal error: found a version conflict, but no constraint it violates: " + problem.path());
            }
            return new Conflict(problem.path(), new ModuleVersion(last.path(), mustV), null);
        }

        /**
         * Returns the next version to try for root {@code m}: the next lower allowed one, with the version
         * selected before the edit put back in the sequence, skipping rejected and disqualified ones.
         */
        private ModuleVersion nextCandidate(ModuleVersion m, String origV, ModuleGraph mg, DisqualificationTracker t)
                throws IOException {
            rejectedRoot.add(m);
            boolean aboveOrig = GoVersion.compareModule(m.path(), m.version(), origV) > 0;
            ModuleVersion prev = m;
            while (true) {
                IOException err = null;
                try {
                    prev = previous.previous(prev);
                } catch (IOException e) {
                    err = e;
                    prev = new ModuleVersion("", ""); // as the go command's zero module.Version
                }
                if (aboveOrig && (err != null || GoVersion.compareModule(m.path(), prev.version(), origV) < 0)) {
                    prev = new ModuleVersion(prev.path(), origV); // previousVersion skipped origV: insert it
                } else if (err != null) {
                    throw err;
                }
                if (rejectedRoot.contains(prev)) {
                    continue;
                }
                Pruning pruning = rootPruning;
                if (pruning == Pruning.PRUNED) {
                    Optional<GoModSummary> s = mg.summary(m);
                    if (s.isPresent()) {
                        pruning = s.get().pruning();
                    }
                }
                if (t.check(prev, pruning).disqualified()) {
                    rejectedRoot.add(prev); // a problem this round would disqualify it as a root too
                    continue;
                }
                return prev;
            }
        }

        /** Raises each unrequested root to the version the graph selects; returns whether any changed. */
        private boolean acceptUpgrades(ModuleGraph mg) {
            boolean dirty = false;
            for (Map.Entry<String, String> e : selectedRoot.entrySet()) {
                if (mustSelectVersion.containsKey(e.getKey())) {
                    continue;
                }
                String actual = mg.selected(e.getKey());
                if (!actual.equals(e.getValue())) {
                    e.setValue(actual);
                    dirty = true;
                }
            }
            return dirty;
        }
    }
}
