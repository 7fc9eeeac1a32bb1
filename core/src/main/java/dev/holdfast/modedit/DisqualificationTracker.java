package dev.holdfast.modedit;

import dev.holdfast.modload.Pruning;
import dev.holdfast.module.ModuleVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Why module versions cannot be part of an edited module graph, in a pruned and in an unpruned context,
 * and how that spreads to the versions that require them (cmd/go's dqTracker in modload/edit.go).
 *
 * <p>A version is disqualified because it is above what {@code go get} must select, requires such a
 * version, cannot have its requirements read, or (transitively) requires a disqualified version in a
 * context where that requirement is followed. The pruned graph is a subgraph of the unpruned one, so a
 * pruned disqualification is an unpruned one too. Roots join the two: a root's requirements are always
 * followed, so a disqualified root disqualifies everything that requires it in both contexts. Not
 * thread-safe; one instance serves one walk of one graph.
 */
final class DisqualificationTracker {

    /**
     * Why a version is disqualified: it is or requires {@code dep}, or its requirements could not be read
     * ({@code err}). Both null means "not known to be disqualified".
     */
    record Reason(ModuleVersion dep, Exception err) {
        static final Reason NONE = new Reason(null, null);

        boolean disqualified() {
            return dep != null || err != null;
        }
    }

    /** A reason per pruning context. */
    private record PerPruning(Reason pruned, Reason unpruned) {
        static final PerPruning NONE = new PerPruning(Reason.NONE, Reason.NONE);

        Reason from(Pruning p) {
            return p == Pruning.UNPRUNED ? unpruned : pruned;
        }
    }

    /** The path from a root to the problem it leads to; {@code err} is set when the problem is a load failure. */
    record ProblemPath(List<ModuleVersion> path, Exception err) {
        boolean isEmpty() {
            return path.isEmpty() && err == null;
        }
    }

    private final Map<ModuleVersion, Pruning> rootPruning;
    private final Map<ModuleVersion, PerPruning> reasons = new HashMap<>();
    private final Map<ModuleVersion, List<ModuleVersion>> requiring = new HashMap<>();

    /** Creates a tracker for a graph whose roots (original and upgraded) load with the given pruning. */
    DisqualificationTracker(Map<ModuleVersion, Pruning> rootPruning) {
        this.rootPruning = Map.copyOf(rootPruning);
    }

    /**
     * Records that {@code m} requires {@code r}, so that a later disqualification of {@code r} reaches
     * {@code m}; if {@code r} is already disqualified, disqualifies {@code m} now. Returns false when
     * {@code m} needs no further requirements recorded (it is fully disqualified, or disqualified where
     * it matters).
     */
    boolean require(ModuleVersion m, ModuleVersion r) {
        PerPruning rdq = reasons.getOrDefault(r, PerPruning.NONE);
        Pruning rPruning = rootPruning.get(r);
        if (rPruning != null && rdq.from(rPruning).disqualified()) {
            // r is a disqualified root: its requirements are always loaded, so m's cannot be.
            disqualify(m, Pruning.PRUNED, new Reason(r, null));
            return false;
        }
        if (rdq.unpruned().disqualified()) {
            disqualify(m, Pruning.UNPRUNED, new Reason(r, null));
            if (!rootPruning.containsKey(m)) {
                // A non-root's requirements are never in the pruned graph: nothing more can matter.
                return false;
            }
        }
        requiring.computeIfAbsent(r, k -> new ArrayList<>()).add(m);
        return true;
    }

    /**
     * Records that the requirements of {@code m} cannot be in the graph when reached from a part of it
     * with pruning {@code from}, because of {@code reason}; keeps an earlier reason, and spreads to the
     * versions recorded as requiring {@code m}.
     */
    void disqualify(ModuleVersion m, Pruning from, Reason reason) {
        if (!reason.disqualified()) {
            throw new IllegalArgumentException("internal error: disqualify called with a non-disqualifying reason");
        }
        PerPruning dq = reasons.getOrDefault(m, PerPruning.NONE);
        if (dq.from(from).disqualified()) {
            return; // already disqualified for another reason: keep that one
        }
        Pruning mPruning = rootPruning.get(m);
        boolean isRoot = mPruning != null;
        if (from == Pruning.PRUNED) {
            dq = new PerPruning(reason, dq.unpruned().disqualified() ? dq.unpruned() : reason);
        } else {
            if (dq.pruned().disqualified()) {
                throw new IllegalStateException(
                        "internal error: " + m + " is marked as disqualified when pruned, but not when unpruned");
            }
            // A root whose go.mod is unpruned pulls its problem into any graph that selects it.
            dq = new PerPruning(isRoot && mPruning == Pruning.UNPRUNED ? reason : dq.pruned(), reason);
        }
        reasons.put(m, dq);

        if (isRoot && (from == Pruning.PRUNED || mPruning == Pruning.UNPRUNED)) {
            // m is disqualified even with its requirements pruned, or its requirements are never pruned:
            // everything that requires it is disqualified outright.
            List<ModuleVersion> dependents = requiring.remove(m);
            if (dependents != null) {
                for (ModuleVersion p : dependents) {
                    disqualify(p, Pruning.PRUNED, new Reason(m, null));
                }
            }
            return;
        }
        // Only the unpruned parts of the graph can see this problem.
        List<ModuleVersion> dependents = isRoot ? requiring.get(m) : requiring.remove(m);
        if (dependents != null) {
            for (ModuleVersion p : List.copyOf(dependents)) {
                disqualify(p, Pruning.UNPRUNED, new Reason(m, null));
            }
        }
    }

    /** Returns why {@code m} is disqualified in context {@code pruning}, or {@link Reason#NONE}. */
    Reason check(ModuleVersion m, Pruning pruning) {
        return reasons.getOrDefault(m, PerPruning.NONE).from(pruning);
    }

    /**
     * Returns the chain from {@code m} to the version that disqualifies it (which is above a requested
     * version, or could not be loaded), starting in context {@code pruning}; empty if {@code m} is fine.
     */
    ProblemPath path(ModuleVersion m, Pruning pruning) {
        List<ModuleVersion> path = new ArrayList<>();
        ModuleVersion at = m;
        Pruning context = pruning;
        while (true) {
            if (rootPruning.get(at) == Pruning.UNPRUNED) {
                // Whatever selects an unpruned root pulls in its full requirements.
                context = Pruning.UNPRUNED;
            }
            Reason dq = check(at, context);
            if (!dq.disqualified()) {
                return new ProblemPath(List.copyOf(path), null);
            }
            path.add(at);
            if (dq.err() != null || at.equals(dq.dep())) {
                return new ProblemPath(List.copyOf(path), dq.err());
            }
            at = dq.dep();
        }
    }
}
