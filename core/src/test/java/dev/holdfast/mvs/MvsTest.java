package dev.holdfast.mvs;

import static dev.holdfast.mvs.MvsScript.module;
import static dev.holdfast.mvs.MvsScript.modules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Edge cases of the algorithms. Expected lists follow from mvs.go's code (spec §10); each scenario is
 * written in mvs_test.go's language and run by {@link MvsScript}.
 */
class MvsTest {

    private static List<ModuleVersion> list(String s) {
        return modules(List.of(s.split(" ")));
    }

    private static List<ModuleVersion> run(String script, String command) throws IOException {
        MvsScript.Scenario scenario = MvsScript.parse(script + "\n" + command).getFirst();
        return MvsScript.run(scenario, scenario.commands().getLast());
    }

    private static MapReqs graph(String script) {
        return MvsScript.parse("name: t\n" + script).getFirst().reqs();
    }

    @Test
    void buildList_cycleAwayFromTarget() throws IOException {
        String g = """
                name: cycle
                A: B1
                B1: C1
                C1: B2
                B2: C1
                """;
        assertThat(run(g, "build A: A B2 C1")).isEqualTo(list("A B2 C1"));
    }

    @Test
    void buildList_selfRequirement() throws IOException {
        assertThat(run("name: self\nA: A B1\nB1: B1", "build A: x")).isEqualTo(list("A B1"));
    }

    @Test
    void buildList_noneNeverAskedForRequirements() throws IOException {
        MapReqs reqs = new MapReqs();
        reqs.put(module("A"), list("Bnone C1"));
        reqs.put(module("C1"), list("Bnone"));

        // B@none has no entry, so asking for its requirements would fail.
        assertThat(Mvs.buildList(List.of(module("A")), reqs)).isEqualTo(list("A C1"));
    }

    @Test
    void buildList_severalTargets() throws IOException {
        MapReqs reqs = graph("A1: C1\nB1: C2 D1");

        assertThat(Mvs.buildList(list("A1 B1"), reqs)).isEqualTo(list("A1 B1 C2 D1"));
    }

    @Test
    void buildList_targetNotHighest() {
        MapReqs reqs = graph("A1: B1\nB1: A2");

        assertThatThrownBy(() -> Mvs.buildList(List.of(module("A1")), reqs))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("mistake: chose versions [A@2] instead of targets [A@1]");
    }

    @Test
    void buildList_errorNamesShortestChain() {
        MapReqs reqs = new MapReqs();
        reqs.put(module("A"), list("B1 C1"));
        reqs.put(module("B1"), list("D1"));
        reqs.put(module("C1"), list("E1"));
        reqs.put(module("E1"), list("D1"));

        assertThatThrownBy(() -> Mvs.buildList(List.of(module("A")), reqs))
                .isInstanceOfSatisfying(BuildListError.class, e -> {
                    assertThat(e.path()).isEqualTo(list("A B1 D1"));
                    assertThat(e.getCause()).hasMessage("missing module: D@1");
                })
                .hasMessage("B@1 requires\n\tD@1: missing module: D@1");
    }

    @Test
    void buildList_errorOnTarget() {
        assertThatThrownBy(() -> Mvs.buildList(List.of(module("A1")), new MapReqs()))
                .isInstanceOf(BuildListError.class)
                .hasMessage("A@1: missing module: A@1");
    }

    @Test
    void buildList_uncheckedExceptionPassesThrough() {
        IllegalArgumentException bug = new IllegalArgumentException("bug");
        Reqs reqs = new Reqs() {
            @Override
            public List<ModuleVersion> required(ModuleVersion m) {
                throw bug;
            }

            @Override
            public String max(String path, String v1, String v2) {
                return new MapReqs().max(path, v1, v2);
            }
        };

        assertThatThrownBy(() -> Mvs.buildList(List.of(module("A")), reqs)).isSameAs(bug);
    }

    @Test
    void upgradeAll_upgradeFailureShowsUpdatingTo() {
        MapReqs reqs = new MapReqs();
        reqs.put(module("A"), list("B1"));
        reqs.put(module("B1"), List.of());
        reqs.put(module("B2"), list("C1")); // no version of C exists at all

        assertThatThrownBy(() -> Mvs.upgradeAll(module("A"), reqs))
                .isInstanceOf(BuildListError.class)
                .hasMessage("B@1 updating to\n\tB@2 requires\n\tC@1: missing module: C@1");
    }

    @Test
    void upgradeAll_onlyHiddenVersions() {
        MapReqs reqs = graph("A: B5.hidden");

        assertThatThrownBy(() -> Mvs.upgradeAll(module("A"), reqs))
                .isInstanceOf(BuildListError.class)
                .hasMessage("B@5.hidden: missing module: B");
    }

    @Test
    void upgrade_newPathAndDuplicateRequests() throws IOException {
        String g = "name: up\nA: B1\nB1:\nB2:\nB3:\nC1: B2\nC2:";

        assertThat(run(g, "upgrade A C1: x")).isEqualTo(list("A B2 C1"));
        assertThat(run(g, "upgrade A B3 B2: x")).isEqualTo(list("A B3"));
    }

    @Test
    void upgrade_targetRequirementsUnreadable() {
        assertThatThrownBy(() -> Mvs.upgrade(module("A"), new MapReqs(), module("B1")))
                .isNotInstanceOf(BuildListError.class)
                .hasMessage("missing module: A");
    }

    @Test
    void req_duplicateAndUnknownBase() throws IOException {
        MapReqs reqs = graph("M: A1 B1\nA1: B1\nB1:");

        assertThat(Mvs.req(module("M"), List.of("B", "B"), reqs)).isEqualTo(list("A1 B1"));
        // A base path outside the build list is kept, with version "" (Go's zero value).
        assertThat(Mvs.req(module("M"), List.of("Z"), reqs)).isEqualTo(list("A1 Z"));
    }

    @Test
    void req_cycleThroughMain() throws IOException {
        MapReqs reqs = graph("M: A1\nA1: M B1\nB1:");

        assertThat(Mvs.req(module("M"), List.of(), reqs)).isEqualTo(list("A1"));
    }

    @Test
    void downgrade_toNoneDropsDependents() throws IOException {
        String g = "name: d\nA: B1 C1\nB1: C1\nC1:";

        assertThat(run(g, "downgrade A Cnone: x")).isEqualTo(list("A"));
    }

    @Test
    void downgrade_unreadableOlderVersionSkipped() throws IOException {
        MapReqs map = graph("A: B3 C2\nB3: C2\nB2: C1\nB1: C1\nC1:\nC2:");
        assertThat(Mvs.downgrade(module("A"), map, module("C1"))).isEqualTo(list("A B2 C1"));

        // B2's go.mod cannot be read: Go treats it as unusable and steps on down to B1.
        DowngradeReqs reqs = new DowngradeReqs() {
            @Override
            public ModuleVersion previous(ModuleVersion m) {
                return map.previous(m);
            }

            @Override
            public List<ModuleVersion> required(ModuleVersion m) throws IOException {
                if (m.equals(module("B2"))) {
                    throw new IOException("B@2: reading go.mod: 404 Not Found");
                }
                return map.required(m);
            }

            @Override
            public String max(String path, String v1, String v2) {
                return map.max(path, v1, v2);
            }
        };
        assertThat(Mvs.downgrade(module("A"), reqs, module("C1"))).isEqualTo(list("A B1 C1"));
    }

    @Test
    void downgrade_previousFailurePassedOn() {
        IOException offline = new IOException("offline");
        DowngradeReqs reqs = new DowngradeReqs() {
            private final MapReqs map = graph("A: B2\nB2: C2\nC1:\nC2:");

            @Override
            public ModuleVersion previous(ModuleVersion m) throws IOException {
                throw offline;
            }

            @Override
            public List<ModuleVersion> required(ModuleVersion m) throws IOException {
                return map.required(m);
            }

            @Override
            public String max(String path, String v1, String v2) {
                return map.max(path, v1, v2);
            }
        };

        assertThatThrownBy(() -> Mvs.downgrade(module("A"), reqs, module("C1"))).isSameAs(offline);
    }
}
