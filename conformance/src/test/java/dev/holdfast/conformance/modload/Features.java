package dev.holdfast.conformance.modload;

import dev.holdfast.conformance.universe.MainSpec;
import dev.holdfast.conformance.universe.Universe;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What made a universe interesting, read from the go command's own outputs: so a test can insist that
 * its random universes keep covering every rule it claims to compare.
 */
enum Features {
    /** The main module's graph is unpruned (go 1.16 or no go line). */
    UNPRUNED_MAIN,
    /** The main module's graph is pruned (go 1.17 or later). */
    PRUNED_MAIN,
    /** {@code go list -m all} shows a module replaced by another module's version. */
    VERSION_REPLACEMENT,
    /** {@code go list -m all} shows a module replaced by a directory. */
    DIRECTORY_REPLACEMENT,
    /** {@code go mod graph} has a dependency's implicit {@code go@V} requirement (go 1.21+ files). */
    IMPLICIT_GO_REQUIREMENT,
    /** {@code go mod graph} has a cycle of module versions. */
    CYCLE,
    /** The main module's edges in {@code go mod graph} differ from its go.mod's require lines (roots rewritten). */
    ROOTS_REWRITTEN,
    /** The main module excludes a version it requires itself. */
    EXCLUDED_ROOT,
    /** A pruned module's requirements are left out: a module in the graph with no outgoing edges though its go.mod has some. */
    PRUNED_REQUIREMENTS;

    /** Returns the features of {@code universe} given the go command's graph and list outputs. */
    static Set<Features> of(Universe universe, String graph, String list) {
        Set<Features> found = EnumSet.noneOf(Features.class);
        MainSpec main = universe.main();
        boolean unpruned = main.goVersion() == null || main.goVersion().equals("1.16");
        found.add(unpruned ? UNPRUNED_MAIN : PRUNED_MAIN);
        if (list.lines().anyMatch(l -> l.contains(" => example.com/"))) {
            found.add(VERSION_REPLACEMENT);
        }
        if (list.lines().anyMatch(l -> l.contains(" => ./"))) {
            found.add(DIRECTORY_REPLACEMENT);
        }
        Map<String, List<String>> edges = new HashMap<>();
        graph.lines().map(l -> l.split(" ")).filter(e -> e.length == 2).forEach(e -> edges.computeIfAbsent(
                        e[0], k -> new ArrayList<>())
                .add(e[1]));
        edges.forEach((from, tos) -> {
            if (!from.equals(main.path()) && tos.stream().anyMatch(t -> t.startsWith("go@"))) {
                found.add(IMPLICIT_GO_REQUIREMENT);
            }
        });
        if (hasCycle(edges)) {
            found.add(CYCLE);
        }
        Set<String> written = new HashSet<>();
        main.requires().forEach(r -> written.add(r.module().toString()));
        Set<String> roots = new HashSet<>(edges.getOrDefault(main.path(), List.of()));
        roots.removeIf(r -> r.startsWith("go@") || r.startsWith("toolchain@"));
        if (!roots.equals(written)) {
            found.add(ROOTS_REWRITTEN);
        }
        if (main.requires().stream().anyMatch(r -> main.excludes().contains(r.module()))) {
            found.add(EXCLUDED_ROOT);
        }
        boolean leftOut = edges.values().stream()
                .flatMap(List::stream)
                .filter(m -> !edges.containsKey(m) && m.contains("@v"))
                .anyMatch(m -> universe.modules().stream()
                        .anyMatch(s ->
                                s.id().toString().equals(m) && !s.requires().isEmpty()));
        if (!unpruned && leftOut) {
            found.add(PRUNED_REQUIREMENTS);
        }
        return found;
    }

    private static boolean hasCycle(Map<String, List<String>> edges) {
        Map<String, Integer> state = new HashMap<>(); // 1 on the stack, 2 done
        for (String start : edges.keySet()) {
            if (visit(start, edges, state)) {
                return true;
            }
        }
        return false;
    }

    private static boolean visit(String node, Map<String, List<String>> edges, Map<String, Integer> state) {
        Integer s = state.get(node);
        if (s != null) {
            return s == 1;
        }
        state.put(node, 1);
        for (String next : edges.getOrDefault(node, List.of())) {
            if (visit(next, edges, state)) {
                return true;
            }
        }
        state.put(node, 2);
        return false;
    }
}
