package dev.holdfast.modedit;

import dev.holdfast.modload.GoVersion;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.module.GoStrings;
import dev.holdfast.module.ModuleVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code go get M@V} changes in a main module, worked out before anything is written: every module
 * whose selected version is raised, lowered, added or removed, with the requirement that forced it
 * (the go command makes these changes silently, golang/go#37764), and the exact go.mod and go.sum
 * bytes it leaves.
 *
 * @param target the requested module version ({@code none} removes the module)
 * @param previous the version of the target's path selected before, {@code none} if none
 * @param changes the changed modules, sorted by path
 * @param notes what the go command would tell on standard error: each step down of another requirement
 *     with its reason, retraction and deprecation warnings
 * @param goModBefore go.mod as it was
 * @param goMod go.mod as go get leaves it
 * @param goSumBefore go.sum as it was, null if there was none
 * @param goSum go.sum as go get leaves it, null if there is none
 */
public record DowngradePlan(
        ModuleVersion target,
        String previous,
        List<Change> changes,
        List<String> notes,
        byte[] goModBefore,
        byte[] goMod,
        byte[] goSumBefore,
        byte[] goSum) {

    /** How the selected version of a module changes. */
    public enum Kind {
        /** The module enters the build list. */
        ADDED,
        /** A higher version is selected. */
        RAISED,
        /** A lower version is selected. */
        LOWERED,
        /** The module leaves the build list. */
        REMOVED;

        /** Returns the kind's name in lower case, as printed. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One module whose selected version changes.
     *
     * @param path the module path
     * @param from the version selected before, {@code none} if it was not in the build list
     * @param to the version selected after, {@code none} if it leaves the build list
     * @param kind how it changes
     * @param reason why, in words: {@code requested}, a conflict as the go command words it, or the
     *     requirement that selects the new version
     * @param chain the requirements behind the reason, first to last (a conflict's chain from the root to
     *     the version above the request, or the requirer and the required version); may be empty
     */
    public record Change(String path, String from, String to, Kind kind, String reason, List<ModuleVersion> chain) {
        /** Copies the chain. */
        public Change {
            chain = List.copyOf(chain);
        }
    }

    /** Copies the lists and arrays. */
    public DowngradePlan {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
        goModBefore = goModBefore.clone();
        goMod = goMod.clone();
        goSumBefore = goSumBefore == null ? null : goSumBefore.clone();
        goSum = goSum == null ? null : goSum.clone();
    }

    /** Reports whether go.mod changes. */
    public boolean goModChanged() {
        return !Arrays.equals(goModBefore, goMod);
    }

    /** Reports whether go.sum changes (including being created). */
    public boolean goSumChanged() {
        return !Arrays.equals(goSumBefore, goSum);
    }

    /** Returns go.mod as go get leaves it (a copy). */
    @Override
    public byte[] goMod() {
        return goMod.clone();
    }

    /** Returns go.sum as go get leaves it (a copy), null if there is none. */
    @Override
    public byte[] goSum() {
        return goSum == null ? null : goSum.clone();
    }

    /** Returns go.mod as it was (a copy). */
    @Override
    public byte[] goModBefore() {
        return goModBefore.clone();
    }

    /** Returns go.sum as it was (a copy), null if there was none. */
    @Override
    public byte[] goSumBefore() {
        return goSumBefore == null ? null : goSumBefore.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DowngradePlan p
                && target.equals(p.target)
                && previous.equals(p.previous)
                && changes.equals(p.changes)
                && notes.equals(p.notes)
                && Arrays.equals(goModBefore, p.goModBefore)
                && Arrays.equals(goMod, p.goMod)
                && Arrays.equals(goSumBefore, p.goSumBefore)
                && Arrays.equals(goSum, p.goSum);
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, previous, changes, notes, Arrays.hashCode(goMod), Arrays.hashCode(goSum));
    }

    @Override
    public String toString() {
        return "DowngradePlan[" + target + " from " + previous + ", " + changes + "]";
    }

    /**
     * Returns the changes between the build lists of {@code before} and {@code after}, explained by the
     * steps down the edit took and by the requirement edges of both graphs.
     */
    static List<Change> changes(
            ModuleGraph before, ModuleGraph after, ModuleVersion target, List<RequirementEditor.StepDown> steps) {
        Map<String, String[]> versions = new TreeMap<>(GoStrings::compare);
        for (ModuleVersion m : before.buildList().subList(1, before.buildList().size())) {
            versions.computeIfAbsent(m.path(), p -> new String[] {"none", "none"})[0] = m.version();
        }
        for (ModuleVersion m : after.buildList().subList(1, after.buildList().size())) {
            versions.computeIfAbsent(m.path(), p -> new String[] {"none", "none"})[1] = m.version();
        }
        List<Change> changes = new ArrayList<>();
        versions.forEach((path, v) -> {
            if (!v[0].equals(v[1])) {
                changes.add(explain(path, v[0], v[1], before, after, target, steps));
            }
        });
        return changes;
    }

    private static Change explain(
            String path,
            String from,
            String to,
            ModuleGraph before,
            ModuleGraph after,
            ModuleVersion target,
            List<RequirementEditor.StepDown> steps) {
        Kind kind = from.equals("none")
                ? Kind.ADDED
                : to.equals("none")
                        ? Kind.REMOVED
                        : GoVersion.compareModule(path, to, from) > 0 ? Kind.RAISED : Kind.LOWERED;
        if (path.equals(target.path())) {
            return new Change(path, from, to, kind, "requested", List.of(target));
        }
        RequirementEditor.StepDown last = null;
        for (RequirementEditor.StepDown s : steps) {
            if (s.from().path().equals(path)) {
                last = s;
            }
        }
        if (last != null && last.to().version().equals(to)) {
            return new Change(
                    path,
                    from,
                    to,
                    kind,
                    last.conflict().summary(),
                    last.conflict().path());
        }
        if (!to.equals("none")) {
            ModuleVersion now = new ModuleVersion(path, to);
            List<ModuleVersion> requirers = after.requirers(now);
            if (!requirers.isEmpty()) {
                ModuleVersion by = forcing(requirers);
                String who = by.version().isEmpty() ? by.path() + " (go.mod)" : by.toString();
                return new Change(path, from, to, kind, who + " requires " + now, List.of(by, now));
            }
        }
        ModuleVersion was = new ModuleVersion(path, from);
        List<ModuleVersion> requirers = before.requirers(was);
        if (!requirers.isEmpty()) {
            ModuleVersion by = forcing(requirers);
            String fate = after.selected(by.path()).equals("none") ? "removed" : "now at " + after.selected(by.path());
            String who = by.version().isEmpty() ? by.path() + " (go.mod)" : by + " (" + fate + ")";
            return new Change(path, from, to, kind, "was required by " + who, List.of(by, was));
        }
        return new Change(path, from, to, kind, "", List.of());
    }

    /**
     * Returns the requirer that explains a version: the first dependency that requires it, since go.mod
     * itself only lists what the graph forced; go.mod when nothing else requires it.
     */
    private static ModuleVersion forcing(List<ModuleVersion> requirers) {
        return requirers.stream()
                .filter(m -> !m.version().isEmpty())
                .findFirst()
                .orElse(requirers.getFirst());
    }
}
