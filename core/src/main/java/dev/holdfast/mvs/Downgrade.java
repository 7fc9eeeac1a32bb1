package dev.holdfast.mvs;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The downgrade algorithm of Go's {@code mvs.Downgrade} (spec §10.6): lower the requested modules, then
 * walk every other module of the build list down through {@link DowngradeReqs#previous} until none of
 * its requirements exceeds the new ceilings. One instance per call; not thread-safe.
 */
final class Downgrade {

    private final DowngradeReqs reqs;
    /** The ceiling for each path: its version in the build list, or the requested downgrade if lower. */
    private final Map<String, String> max = new HashMap<>();

    private final Set<ModuleVersion> added = new HashSet<>();
    private final Map<ModuleVersion, List<ModuleVersion>> rdeps = new HashMap<>();
    private final Set<ModuleVersion> excluded = new HashSet<>();

    private Downgrade(DowngradeReqs reqs) {
        this.reqs = reqs;
    }

    static List<ModuleVersion> run(ModuleVersion target, DowngradeReqs reqs, List<ModuleVersion> downgrades)
            throws IOException {
        // Per research.swtch.com/vgo-mvs#algorithm_4, new requirements may be needed to avoid needless
        // downgrades, so start from the whole build list, not just the target's requirements.
        List<ModuleVersion> full = Mvs.buildList(List.of(target), reqs);
        List<ModuleVersion> list = full.subList(1, full.size()); // without the target
        Downgrade d = new Downgrade(reqs);
        for (ModuleVersion r : list) {
            d.max.put(r.path(), r.version());
        }
        for (ModuleVersion m : downgrades) {
            String v = d.max.get(m.path());
            if (v == null || !reqs.max(m.path(), v, m.version()).equals(m.version())) {
                d.max.put(m.path(), m.version());
            }
        }
        List<ModuleVersion> downgraded = new ArrayList<>();
        downgraded.add(target);
        for (ModuleVersion r : list) {
            ModuleVersion kept = d.lower(r);
            if (kept != null) {
                downgraded.add(kept);
            }
        }
        return d.settle(target, list, downgraded);
    }

    /** Returns the highest acceptable version at or below {@code r}, or null to drop the path. */
    private ModuleVersion lower(ModuleVersion r) throws IOException {
        add(r);
        while (excluded.contains(r)) {
            ModuleVersion p = reqs.previous(r); // a failure here is most likely transient: pass it on
            // previous() skips versions it does not list, such as a pseudo-version requested as the
            // downgrade target: step onto the ceiling itself when it lies between p and r.
            String v = max.get(r.path());
            if (!reqs.max(r.path(), v, r.version()).equals(v)
                    && !reqs.max(r.path(), p.version(), v).equals(p.version())) {
                p = new ModuleVersion(p.path(), v);
            }
            if (p.version().equals(Mvs.NONE)) {
                return null;
            }
            add(p);
            r = p;
        }
        return r;
    }

    /** Works out whether {@code m} fits under the ceilings, excluding it (and its dependents) if not. */
    private void add(ModuleVersion m) {
        if (!added.add(m)) {
            return;
        }
        String v = max.get(m.path());
        if (v != null && !reqs.max(m.path(), m.version(), v).equals(v)) {
            exclude(m); // m would raise a module already in the build: not a strict downgrade
            return;
        }
        List<ModuleVersion> required;
        try {
            required = reqs.required(m);
        } catch (IOException e) {
            // Usually an older version whose go.mod is missing or invalid: it cannot be used.
            // Like Go (golang/go#31730), transient failures cannot be told apart here.
            exclude(m);
            return;
        }
        for (ModuleVersion r : required) {
            add(r);
            if (excluded.contains(r)) {
                exclude(m);
                return;
            }
            rdeps.computeIfAbsent(r, k -> new ArrayList<>()).add(m);
        }
    }

    private void exclude(ModuleVersion m) {
        if (excluded.add(m)) {
            for (ModuleVersion p : rdeps.getOrDefault(m, List.of())) {
                exclude(p);
            }
        }
    }

    /**
     * Recomputes the result with the versions MVS actually selects for the downgraded requirements, so
     * that modules required only by a version that was pulled back up again do not stay in the build
     * (Go's downhiddenartifact and downhiddencross cases).
     */
    private List<ModuleVersion> settle(ModuleVersion target, List<ModuleVersion> list, List<ModuleVersion> downgraded)
            throws IOException {
        List<ModuleVersion> actual = Mvs.buildList(List.of(target), new Mvs.OverridingReqs(target, downgraded, reqs));
        Map<String, String> actualVersion = new HashMap<>();
        for (ModuleVersion m : actual) {
            actualVersion.put(m.path(), m.version());
        }
        List<ModuleVersion> settled = new ArrayList<>();
        for (ModuleVersion m : list) {
            String v = actualVersion.get(m.path());
            if (v != null) {
                settled.add(new ModuleVersion(m.path(), v));
            }
        }
        return Mvs.buildList(List.of(target), new Mvs.OverridingReqs(target, settled, reqs));
    }
}
