package dev.holdfast.mvs;

import dev.holdfast.module.GoStrings;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The minimal version selection algorithms of the go command's {@code cmd/go/internal/mvs} (spec
 * §10): build lists, minimal requirement lists, upgrades and downgrades.
 *
 * <p>All functions are stateless and thread-safe as long as the {@link Reqs} is. They throw {@link
 * BuildListError} when the requirements of a module in the graph cannot be read, and pass on
 * unchanged the {@link IOException}s of the few {@code Reqs} calls made outside a graph walk (as Go
 * does). Lists returned are unmodifiable and never null.
 */
public final class Mvs {

    /** Go's special version for "no version of this module". */
    static final String NONE = "none";

    /** Go's {@code par.Work.Do(10, ...)}: at most this many requirement reads in flight. */
    private static final int PARALLELISM = 10;

    /** Maps a module version to the version it is upgraded to during a build list walk. */
    @FunctionalInterface
    public interface UpgradeHook {
        /**
         * Returns the version {@code m} is upgraded to, or {@code m} itself to keep it.
         *
         * @throws IOException if the upgrade cannot be determined; reported like a requirement failure
         */
        ModuleVersion upgrade(ModuleVersion m) throws IOException;
    }

    private Mvs() {}

    /**
     * Returns the build list of {@code targets}: the targets themselves (each path once, in order), then
     * the highest version of every other module path reachable through requirements, sorted by path.
     * Each target must be the highest version of its path, as {@link Reqs#max} promises.
     *
     * @throws BuildListError if the requirements of a reachable module cannot be read; it names the
     *     shortest requirement chain from a target to such a module
     * @throws java.io.InterruptedIOException if the thread is interrupted during the walk
     */
    public static List<ModuleVersion> buildList(List<ModuleVersion> targets, Reqs reqs) throws IOException {
        return buildListWithUpgrade(targets, reqs, null);
    }

    /**
     * Returns the build list of {@code targets} as {@link #buildList} does, except that each module
     * version {@code m} reached also requires {@code upgrade.upgrade(m)} when that differs from {@code m}.
     * A null hook upgrades nothing.
     *
     * @throws BuildListError if requirements or an upgrade cannot be read; an upgrade step in the chain
     *     reads {@code updating to}
     */
    public static List<ModuleVersion> buildListWithUpgrade(List<ModuleVersion> targets, Reqs reqs, UpgradeHook upgrade)
            throws IOException {
        BuildWalk walk = new BuildWalk(new Graph(reqs::compare, targets), reqs, upgrade);
        ParallelWalk.run(targets, PARALLELISM, walk::visit);
        if (!walk.errors.isEmpty()) {
            throw walk.error();
        }
        List<ModuleVersion> list = walk.graph.buildList();
        if (list.size() < targets.size() || !list.subList(0, targets.size()).equals(targets)) {
            // Reqs.max broke its promise that targets outrank every other version of their paths.
            throw new IllegalStateException("mistake: chose versions "
                    + list.subList(0, Math.min(list.size(), targets.size())) + " instead of targets " + targets);
        }
        return list;
    }

    /** The state of one build list walk; {@link #visit} runs on several threads, so it locks the graph. */
    private static final class BuildWalk {
        private final Graph graph;
        private final Reqs reqs;
        private final UpgradeHook upgrade;
        private final Map<ModuleVersion, ModuleVersion> upgrades = new HashMap<>();
        private final Map<ModuleVersion, IOException> errors = new HashMap<>();

        BuildWalk(Graph graph, Reqs reqs, UpgradeHook upgrade) {
            this.graph = graph;
            this.reqs = reqs;
            this.upgrade = upgrade;
        }

        /** Records what {@code m} requires (its upgrade first, if any) and returns it. */
        List<ModuleVersion> visit(ModuleVersion m) {
            List<ModuleVersion> required = List.of();
            IOException error = null;
            if (!m.version().equals(NONE)) {
                try {
                    required = reqs.required(m);
                } catch (IOException e) {
                    error = e;
                }
            }
            ModuleVersion u = m;
            if (upgrade != null) {
                try {
                    u = upgrade.upgrade(m);
                } catch (IOException e) {
                    error = error == null ? e : error; // the requirement failure is the one to report
                }
            }
            if (!u.equals(m)) {
                List<ModuleVersion> withUpgrade = new ArrayList<>(required.size() + 1);
                withUpgrade.add(u);
                withUpgrade.addAll(required);
                required = withUpgrade;
            }
            synchronized (graph) {
                if (error != null) {
                    errors.put(m, error);
                }
                if (!u.equals(m)) {
                    upgrades.put(m, u);
                }
                graph.require(m, required);
            }
            return required;
        }

        /** Returns the failure at the end of the shortest chain from a target to a module that failed. */
        BuildListError error() {
            List<ModuleVersion> path = graph.findPath(errors::containsKey);
            if (path.isEmpty()) {
                throw new IllegalStateException("internal error: could not reconstruct path to module with error");
            }
            return new BuildListError(errors.get(path.getLast()), path, (from, to) -> to.equals(upgrades.get(from)));
        }
    }

    /**
     * Returns the minimal requirement list of {@code main}: the fewest module versions whose build list,
     * together with {@code main}, equals that of {@code main}, always including the selected version of
     * each path in {@code base}; sorted by path.
     *
     * @throws IOException a {@link BuildListError} from the build list, or the failure of a later {@link
     *     Reqs#required} call, unchanged
     */
    public static List<ModuleVersion> req(ModuleVersion main, List<String> base, Reqs reqs) throws IOException {
        List<ModuleVersion> list = buildList(List.of(main), reqs);
        // Not parallel: the build list has already read every requirement, so there is no I/O to overlap.
        Map<String, String> max = new HashMap<>();
        for (ModuleVersion m : list) {
            max.put(m.path(), m.version());
        }
        Map<ModuleVersion, List<ModuleVersion>> cache = new HashMap<>();
        cache.put(main, List.of()); // main's own requirements are what we are computing
        List<ModuleVersion> postorder = new ArrayList<>();
        for (ModuleVersion m : list) {
            postorder(m, reqs, cache, postorder);
        }
        Set<ModuleVersion> have = new HashSet<>();
        List<ModuleVersion> min = new ArrayList<>();
        for (String path : new LinkedHashSet<>(base)) {
            ModuleVersion m = new ModuleVersion(path, max.getOrDefault(path, ""));
            min.add(m);
            markClosure(m, cache, have);
        }
        // Reverse postorder: a module comes before everything it requires, so the closure of an
        // earlier choice can make a later one redundant.
        for (ModuleVersion m : postorder.reversed()) {
            if (max.getOrDefault(m.path(), "").equals(m.version()) && !have.contains(m)) {
                min.add(m);
                markClosure(m, cache, have);
            }
        }
        min.sort((a, b) -> GoStrings.compare(a.path(), b.path()));
        return Collections.unmodifiableList(min);
    }

    /** Appends to {@code out} the modules reachable from {@code root} not yet in {@code cache}, in postorder. */
    private static void postorder(
            ModuleVersion root, Reqs reqs, Map<ModuleVersion, List<ModuleVersion>> cache, List<ModuleVersion> out)
            throws IOException {
        record Frame(ModuleVersion m, List<ModuleVersion> reqs, int[] next) {}
        if (cache.containsKey(root)) {
            return;
        }
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        List<ModuleVersion> rootReqs = reqs.required(root);
        cache.put(root, rootReqs);
        stack.push(new Frame(root, rootReqs, new int[1]));
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            if (top.next[0] == top.reqs.size()) {
                stack.pop();
                out.add(top.m);
                continue;
            }
            ModuleVersion m = top.reqs.get(top.next[0]++);
            if (!cache.containsKey(m)) {
                List<ModuleVersion> required = reqs.required(m);
                cache.put(m, required);
                stack.push(new Frame(m, required, new int[1]));
            }
        }
    }

    /** Adds {@code m} and everything it reaches through {@code cache} to {@code have}. */
    private static void markClosure(
            ModuleVersion m, Map<ModuleVersion, List<ModuleVersion>> cache, Set<ModuleVersion> have) {
        ArrayDeque<ModuleVersion> todo = new ArrayDeque<>(List.of(m));
        while (!todo.isEmpty()) {
            ModuleVersion next = todo.pop();
            if (have.add(next)) {
                todo.addAll(cache.getOrDefault(next, List.of()));
            }
        }
    }

    /**
     * Returns the build list of {@code target} with every module upgraded to the version {@link
     * UpgradeReqs#upgrade} names; the target keeps its own version.
     *
     * @throws BuildListError if requirements or an upgrade cannot be read
     */
    public static List<ModuleVersion> upgradeAll(ModuleVersion target, UpgradeReqs reqs) throws IOException {
        return buildListWithUpgrade(
                List.of(target), reqs, m -> m.path().equals(target.path()) ? target : reqs.upgrade(m));
    }

    /**
     * Returns the build list of {@code target} with each module in {@code upgrades} raised to the given
     * version (the highest, if a path is given twice), adding modules the target did not require.
     *
     * @throws IOException the failure of reading the target's requirements, unchanged, or a {@link
     *     BuildListError}
     */
    public static List<ModuleVersion> upgrade(ModuleVersion target, UpgradeReqs reqs, ModuleVersion... upgrades)
            throws IOException {
        List<ModuleVersion> list = new ArrayList<>(reqs.required(target));
        Set<String> pathInList = new HashSet<>();
        for (ModuleVersion m : list) {
            pathInList.add(m.path());
        }
        Map<String, String> upgradeTo = new HashMap<>();
        for (ModuleVersion u : upgrades) {
            if (!pathInList.contains(u.path())) {
                list.add(new ModuleVersion(u.path(), NONE)); // so that the walk reaches the new path
            }
            upgradeTo.merge(u.path(), u.version(), (prev, v) -> reqs.max(u.path(), prev, v));
        }
        return buildListWithUpgrade(List.of(target), new OverridingReqs(target, list, reqs), m -> {
            String v = upgradeTo.get(m.path());
            return v == null ? m : new ModuleVersion(m.path(), v);
        });
    }

    /**
     * Returns the build list of {@code target} with each module in {@code downgrades} lowered to at most
     * the given version, and every module whose requirements would pull it back up lowered (or dropped)
     * too; nothing is raised. Spec §10.6.
     *
     * @throws IOException a {@link BuildListError}, or the failure of {@link DowngradeReqs#previous},
     *     unchanged
     */
    public static List<ModuleVersion> downgrade(ModuleVersion target, DowngradeReqs reqs, ModuleVersion... downgrades)
            throws IOException {
        return Downgrade.run(target, reqs, List.of(downgrades));
    }

    /** A {@link Reqs} whose target requires {@code list} instead of its own requirements. */
    record OverridingReqs(ModuleVersion target, List<ModuleVersion> list, Reqs reqs) implements Reqs {
        OverridingReqs {
            list = List.copyOf(list);
        }

        @Override
        public List<ModuleVersion> required(ModuleVersion m) throws IOException {
            return m.equals(target) ? list : reqs.required(m);
        }

        @Override
        public String max(String path, String v1, String v2) {
            return reqs.max(path, v1, v2);
        }
    }
}
