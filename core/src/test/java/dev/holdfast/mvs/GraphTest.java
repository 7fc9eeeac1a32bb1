package dev.holdfast.mvs;

import static dev.holdfast.mvs.MvsScript.module;
import static dev.holdfast.mvs.MvsScript.modules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphTest {

    private final MapReqs order = new MapReqs(); // only its max is used

    private Graph graph(String... roots) {
        return new Graph(order::compare, modules(List.of(roots)));
    }

    @Test
    void selected_highestRequired() {
        Graph g = graph("A");
        g.require(module("A"), modules(List.of("B1", "C2")));
        g.require(module("B1"), modules(List.of("C3")));
        g.require(module("C2"), modules(List.of("B0")));

        assertThat(g.selected("B")).isEqualTo("1");
        assertThat(g.selected("C")).isEqualTo("3");
        assertThat(g.selected("Z")).isEqualTo("none");
        assertThat(g.buildList()).containsExactlyElementsOf(modules(List.of("A", "B1", "C3")));
    }

    @Test
    void buildList_rootsFirstInRootOrderThenByPath() {
        Graph g = graph("Z1", "M1", "Z0");
        g.require(module("Z1"), modules(List.of("B1", "A1")));
        g.require(module("M1"), modules(List.of("M2")));

        // Z appears once though listed twice; M's root entry shows its selected version.
        assertThat(g.buildList()).containsExactlyElementsOf(modules(List.of("Z1", "M2", "A1", "B1")));
    }

    @Test
    void buildList_rootWithNoneLeftOut() {
        Graph g = graph("Anone", "B1");

        assertThat(g.buildList()).containsExactly(module("B1"));
    }

    @Test
    void buildList_pathsInGoStringOrder() {
        ModuleVersion root = new ModuleVersion("root", "");
        Graph g = new Graph(order::compare, List.of(root));
        ModuleVersion supplementary = new ModuleVersion("x\uD83D\uDE00", "1"); // U+1F600
        ModuleVersion bmp = new ModuleVersion("x\uFF21", "1"); // U+FF21 sorts first by UTF-8 bytes
        g.require(root, List.of(supplementary, bmp));

        assertThat(g.buildList()).containsExactly(root, bmp, supplementary);
    }

    @Test
    void require_unreachable() {
        Graph g = graph("A");

        assertThatThrownBy(() -> g.require(module("B1"), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("B@1 is not reachable from any root");
    }

    @Test
    void require_twice() {
        Graph g = graph("A");
        g.require(module("A"), List.of());

        assertThatThrownBy(() -> g.require(module("A"), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("requirements of A have already been set");
    }

    @Test
    void requiredBy_onlyWhatWasRecorded() {
        Graph g = graph("A");
        g.require(module("A"), modules(List.of("B1")));

        assertThat(g.requiredBy(module("A"))).contains(List.of(module("B1")));
        assertThat(g.requiredBy(module("B1"))).isEmpty();
    }

    @Test
    void walkBreadthFirst_levelOrderSkippingNone() {
        Graph g = graph("A");
        g.require(module("A"), modules(List.of("B1", "C1", "Dnone")));
        g.require(module("B1"), modules(List.of("E1", "C1")));
        g.require(module("C1"), modules(List.of("F1", "A")));
        g.require(module("E1"), modules(List.of("B1")));
        List<ModuleVersion> seen = new ArrayList<>();

        g.walkBreadthFirst(seen::add);

        assertThat(seen).containsExactlyElementsOf(modules(List.of("A", "B1", "C1", "E1", "F1")));
    }

    @Test
    void walkBreadthFirst_unselectedVersionsToo() {
        Graph g = graph("A");
        g.require(module("A"), modules(List.of("B1", "B2")));
        List<ModuleVersion> seen = new ArrayList<>();

        g.walkBreadthFirst(seen::add);

        assertThat(seen).containsExactlyElementsOf(modules(List.of("A", "B1", "B2")));
    }

    @Test
    void findPath_shortestFromRoot() {
        Graph g = graph("A");
        g.require(module("A"), modules(List.of("B1", "C1")));
        g.require(module("B1"), modules(List.of("D1")));
        g.require(module("D1"), modules(List.of("E1")));
        g.require(module("C1"), modules(List.of("E1")));

        // C1 requires E1 directly, B1 only through D1: the shorter chain wins.
        assertThat(g.findPath(m -> m.path().equals("E"))).containsExactlyElementsOf(modules(List.of("A", "C1", "E1")));
        assertThat(g.findPath(m -> m.path().equals("A"))).containsExactly(module("A"));
        assertThat(g.findPath(m -> m.path().equals("Z"))).isEmpty();
    }

    @Test
    void findPath_throughCycle() {
        Graph g = graph("A");
        g.require(module("A"), modules(List.of("B1")));
        g.require(module("B1"), modules(List.of("C1")));
        g.require(module("C1"), modules(List.of("B1", "D1")));

        assertThat(g.findPath(m -> m.equals(module("D1"))))
                .containsExactlyElementsOf(modules(List.of("A", "B1", "C1", "D1")));
    }
}
