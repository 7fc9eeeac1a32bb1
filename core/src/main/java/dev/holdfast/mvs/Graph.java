package dev.holdfast.mvs;

import dev.holdfast.module.GoStrings;
import dev.holdfast.module.ModuleVersion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Incremental minimal version selection: the caller pushes each module's requirements in with {@link
 * #require}, and the graph keeps the selected (highest required) version of every path up to date (Go's
 * {@code mvs.Graph}, spec §10.1).
 *
 * <p>Not thread-safe: callers that fill it from several threads must lock around it.
 */
public final class Graph {

    /** Compares two versions of the module with the given path, returning a negative, zero or positive int. */
    @FunctionalInterface
    public interface VersionOrder {
        /** Compares {@code v1} with {@code v2}, two versions of module {@code path}. */
        int compare(String path, String v1, String v2);
    }

    private static final String NONE = "none";

    private final VersionOrder order;
    private final List<ModuleVersion> roots;
    private final Map<ModuleVersion, List<ModuleVersion>> required = new HashMap<>();
    private final Set<ModuleVersion> reachable = new HashSet<>();
    private final Map<String, String> selected = new HashMap<>();

    /**
     * Creates a graph that holds only {@code roots} (the targets, such as the main module), ordering
     * versions with {@code order}.
     */
    public Graph(VersionOrder order, List<ModuleVersion> roots) {
        this.order = order;
        this.roots = List.copyOf(roots);
        for (ModuleVersion m : this.roots) {
            reachable.add(m);
            raise(m);
        }
    }

    /**
     * Records that {@code m} requires {@code reqs}, raising the selected version of every path in them.
     *
     * @throws IllegalStateException if {@code m} is neither a root nor required by a module already
     *     recorded, or if its requirements were already recorded
     */
    public void require(ModuleVersion m, List<ModuleVersion> reqs) {
        // Refusing unreachable modules catches disconnected-graph bugs: such a module could not
        // affect the build list, so recording it is a mistake of the caller.
        if (!reachable.contains(m)) {
            throw new IllegalStateException(m + " is not reachable from any root");
        }
        if (required.containsKey(m)) {
            throw new IllegalStateException("requirements of " + m + " have already been set");
        }
        List<ModuleVersion> copy = List.copyOf(reqs);
        required.put(m, copy);
        for (ModuleVersion dep : copy) {
            reachable.add(dep); // reachable whether or not it ends up selected
            raise(dep);
        }
    }

    private void raise(ModuleVersion m) {
        if (order.compare(m.path(), selected(m.path()), m.version()) < 0) {
            selected.put(m.path(), m.version());
        }
    }

    /** Returns the requirements recorded for {@code m} by {@link #require}, or empty if none were. */
    public Optional<List<ModuleVersion>> requiredBy(ModuleVersion m) {
        return Optional.ofNullable(required.get(m));
    }

    /** Returns the selected version of module {@code path}, or {@code "none"} if none is selected. */
    public String selected(String path) {
        return selected.getOrDefault(path, NONE);
    }

    /**
     * Returns the selected version of every module path in the graph: first those of the root paths, in
     * root order and each path once (skipping a root path whose selection is {@code "none"}), then all
     * others sorted by path in Go string order.
     */
    public List<ModuleVersion> buildList() {
        Set<String> seenRoot = new HashSet<>();
        List<ModuleVersion> list = new ArrayList<>();
        for (ModuleVersion r : roots) {
            if (!seenRoot.add(r.path())) {
                continue; // a repeated root path: both copies count for requirements, one is listed
            }
            String v = selected(r.path());
            if (!v.equals(NONE)) {
                list.add(new ModuleVersion(r.path(), v));
            }
        }
        List<ModuleVersion> rest = new ArrayList<>();
        selected.forEach((path, version) -> {
            if (!seenRoot.contains(path)) {
                rest.add(new ModuleVersion(path, version));
            }
        });
        // Paths are distinct here, so ordering by path alone is exactly Go's gover.ModSort.
        rest.sort((a, b) -> GoStrings.compare(a.path(), b.path()));
        list.addAll(rest);
        return Collections.unmodifiableList(list);
    }

    /**
     * Calls {@code f} once for each module version in the graph other than {@code "none"}, selected or
     * not, in breadth-first order from the roots.
     */
    public void walkBreadthFirst(Consumer<ModuleVersion> f) {
        ArrayDeque<ModuleVersion> queue = new ArrayDeque<>();
        Set<ModuleVersion> enqueued = new HashSet<>();
        for (ModuleVersion m : roots) {
            if (!m.version().equals(NONE)) {
                queue.add(m); // as in Go, a root listed twice is visited twice
                enqueued.add(m);
            }
        }
        while (!queue.isEmpty()) {
            ModuleVersion m = queue.poll();
            f.accept(m);
            for (ModuleVersion r : required.getOrDefault(m, List.of())) {
                if (!r.version().equals(NONE) && enqueued.add(r)) {
                    queue.add(r);
                }
            }
        }
    }

    /**
     * Returns a shortest requirement path from one of the roots to a module version that satisfies
     * {@code f}, both ends included, or an empty list if no such version is reachable.
     */
    public List<ModuleVersion> findPath(Predicate<ModuleVersion> f) {
        // firstRequires[a] = b: in breadth-first order, a was first required by b (roots by nothing).
        Map<ModuleVersion, ModuleVersion> firstRequires = new HashMap<>();
        ArrayDeque<ModuleVersion> queue = new ArrayDeque<>(roots);
        for (ModuleVersion m : roots) {
            firstRequires.put(m, null);
        }
        while (!queue.isEmpty()) {
            ModuleVersion m = queue.poll();
            if (f.test(m)) {
                List<ModuleVersion> path = new ArrayList<>(List.of(m));
                // Like Go, stop at a module without a path: Go's zero Version marks the roots' origin.
                for (ModuleVersion p = firstRequires.get(m);
                        p != null && !p.path().isEmpty();
                        p = firstRequires.get(p)) {
                    path.add(p);
                }
                Collections.reverse(path);
                return Collections.unmodifiableList(path);
            }
            for (ModuleVersion r : required.getOrDefault(m, List.of())) {
                if (!firstRequires.containsKey(r)) {
                    queue.add(r);
                    firstRequires.put(r, m);
                }
            }
        }
        return List.of();
    }
}
