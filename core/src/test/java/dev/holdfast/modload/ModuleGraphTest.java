package dev.holdfast.modload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.mvs.BuildListError;
import dev.holdfast.repo.UnknownModuleException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graph loading with pruning, root updates, cycles and failures. The expected outputs of the first tests
 * were produced by the go command (go1.26) on the same go.mod files served from a {@code file://} proxy.
 */
class ModuleGraphTest {

    @TempDir
    Path tmp;

    /** a requires b v1.2.0, which needs c and d; d (go 1.17) requires e; c v1.1.0 requires a: a cycle. */
    private static MemoryRepo chain() {
        return new MemoryRepo()
                .module("example.com/p/a", "v1.0.0", "1.17", "example.com/p/b@v1.2.0")
                .module("example.com/p/b", "v1.1.0", "1.17", "example.com/p/c@v1.0.0")
                .module("example.com/p/b", "v1.2.0", "1.17", "example.com/p/c@v1.1.0", "example.com/p/d@v1.0.0")
                .module("example.com/p/c", "v1.0.0", "1.17")
                .module("example.com/p/c", "v1.1.0", "1.17", "example.com/p/a@v1.0.0")
                .module("example.com/p/d", "v1.0.0", "1.17", "example.com/p/e@v1.0.0")
                .module("example.com/p/e", "v1.0.0", "1.17");
    }

    private static String mainGoMod(String go) {
        return "module example.com/main\n\ngo " + go
                + "\n\nrequire (\n\texample.com/p/b v1.1.0\n\texample.com/p/a v1.0.0\n)\n";
    }

    @Test
    void load_prunedRootNotSelected_raisesRootAndPrunesTheRest() throws IOException {
        ModuleLoader loader = chain().loader(tmp, mainGoMod("1.17"));

        ModuleGraph mg = ModuleGraph.load(loader);

        assertThat(ModuleListing.graph(mg))
                .containsExactly(
                        "example.com/main example.com/p/a@v1.0.0",
                        "example.com/main example.com/p/b@v1.2.0",
                        "example.com/main go@1.17",
                        "example.com/p/a@v1.0.0 example.com/p/b@v1.2.0",
                        "example.com/p/b@v1.2.0 example.com/p/c@v1.1.0",
                        "example.com/p/b@v1.2.0 example.com/p/d@v1.0.0");
        assertThat(ModuleListing.list(mg, loader.main()).stream().map(ModuleListing.Listed::format))
                .containsExactly(
                        "example.com/main",
                        "example.com/p/a v1.0.0",
                        "example.com/p/b v1.2.0",
                        "example.com/p/c v1.1.0",
                        "example.com/p/d v1.0.0");
        assertThat(mg.requirementsLoaded(new ModuleVersion("example.com/p/d", "v1.0.0")))
                .isFalse();
    }

    @Test
    void load_unprunedRootNotSelected_minimalRootsAndWholeClosure() throws IOException {
        ModuleLoader loader = chain().loader(tmp, mainGoMod("1.16"));

        ModuleGraph mg = ModuleGraph.load(loader);

        assertThat(ModuleListing.graph(mg))
                .containsExactly(
                        "example.com/main example.com/p/a@v1.0.0",
                        "example.com/main example.com/p/b@v1.2.0",
                        "example.com/main go@1.16",
                        "example.com/p/a@v1.0.0 example.com/p/b@v1.2.0",
                        "example.com/p/b@v1.2.0 example.com/p/c@v1.1.0",
                        "example.com/p/b@v1.2.0 example.com/p/d@v1.0.0",
                        "example.com/p/c@v1.1.0 example.com/p/a@v1.0.0",
                        "example.com/p/d@v1.0.0 example.com/p/e@v1.0.0");
        assertThat(mg.buildList().stream().map(ModuleVersion::toString))
                .containsExactly(
                        "example.com/main",
                        "example.com/p/a@v1.0.0",
                        "example.com/p/b@v1.2.0",
                        "example.com/p/c@v1.1.0",
                        "example.com/p/d@v1.0.0",
                        "example.com/p/e@v1.0.0",
                        "go@1.16");
    }

    @Test
    void load_go121Files_implicitGoRequirementsAndToolchainRoot() throws IOException {
        // Same files as a go1.26 run printed: main go 1.22 with toolchain go1.22.3; a is go 1.21.
        MemoryRepo repo = new MemoryRepo()
                .module("example.com/a", "v1.0.0", "1.21", "example.com/b@v1.1.0")
                .module("example.com/b", "v1.1.0", "1.17", "example.com/c@v1.0.0")
                .add("example.com/c", "v1.0.0", "module example.com/c\n");
        ModuleLoader loader = repo.loader(
                tmp,
                "module example.com/main\n\ngo 1.22\n\ntoolchain go1.22.3\n\nrequire (\n"
                        + "\texample.com/a v1.0.0\n\texample.com/b v1.1.0\n)\n");

        ModuleGraph mg = ModuleGraph.load(loader);

        assertThat(ModuleListing.graph(mg))
                .containsExactly(
                        "example.com/main example.com/a@v1.0.0",
                        "example.com/main example.com/b@v1.1.0",
                        "example.com/main go@1.22",
                        "example.com/main toolchain@go1.22.3",
                        "example.com/a@v1.0.0 example.com/b@v1.1.0",
                        "example.com/a@v1.0.0 go@1.21",
                        "example.com/b@v1.1.0 example.com/c@v1.0.0",
                        "go@1.22 toolchain@go1.22");
        assertThat(mg.selected("go")).isEqualTo("1.22");
        assertThat(mg.selected("toolchain")).isEqualTo("go1.22.3");
    }

    @Test
    void load_noGoLineUnpruned_goRootRaisedByDependency() throws IOException {
        // go1.26 printed these lines for a main go.mod without a go line requiring only a (go 1.21).
        MemoryRepo repo = new MemoryRepo()
                .module("example.com/a", "v1.0.0", "1.21", "example.com/b@v1.1.0")
                .module("example.com/b", "v1.1.0", "1.17", "example.com/c@v1.0.0")
                .add("example.com/c", "v1.0.0", "module example.com/c\n");
        ModuleLoader loader = repo.loader(tmp, "module example.com/main\nrequire example.com/a v1.0.0\n");

        ModuleGraph mg = ModuleGraph.load(loader);

        assertThat(ModuleListing.graph(mg))
                .containsExactly(
                        "example.com/main example.com/a@v1.0.0",
                        "example.com/main go@1.21",
                        "example.com/a@v1.0.0 example.com/b@v1.1.0",
                        "example.com/a@v1.0.0 go@1.21",
                        "go@1.21 toolchain@go1.21",
                        "example.com/b@v1.1.0 example.com/c@v1.0.0");
    }

    @Test
    void read_cycleUnpruned_readsEachVersionOnce() throws IOException {
        MemoryRepo repo = new MemoryRepo()
                .module("example.com/x", "v1.0.0", null, "example.com/y@v1.0.0")
                .module("example.com/y", "v1.0.0", null, "example.com/x@v1.0.0", "example.com/main@v1.0.0")
                .module("example.com/main", "v1.0.0", null, "example.com/x@v1.0.0");
        ModuleLoader loader = repo.loader(tmp, "module example.com/main\n\nrequire example.com/x v1.0.0\n");

        ModuleGraph mg = ModuleGraph.load(loader);

        assertThat(mg.buildList().stream().map(ModuleVersion::toString))
                .containsExactly("example.com/main", "example.com/x@v1.0.0", "example.com/y@v1.0.0", "go@1.16");
        assertThat(repo.reads("example.com/x", "v1.0.0")).isEqualTo(1);
        assertThat(repo.reads("example.com/main", "v1.0.0")).isEqualTo(1);
        assertThat(mg.requirers(new ModuleVersion("example.com/x", "v1.0.0")))
                .containsExactly(
                        new ModuleVersion("example.com/main", ""),
                        new ModuleVersion("example.com/y", "v1.0.0"),
                        new ModuleVersion("example.com/main", "v1.0.0"));
    }

    @Test
    void read_unpruneSet_followsThatVersionInPrunedContext() throws IOException {
        ModuleLoader loader = chain().loader(tmp, mainGoMod("1.17"));
        Requirements rs = loader.main().requirementsFromGoMod();
        ModuleVersion b12 = new ModuleVersion("example.com/p/b", "v1.2.0");

        ModuleGraph pruned = ModuleGraph.read(loader, rs, Set.of());
        ModuleGraph unpruned = ModuleGraph.read(loader, rs, Set.of(b12));

        assertThat(pruned.requirementsLoaded(b12)).isFalse();
        assertThat(pruned.selected("example.com/p/d")).isEqualTo("none");
        assertThat(unpruned.requiredBy(b12).orElseThrow())
                .containsExactly(
                        new ModuleVersion("example.com/p/c", "v1.1.0"), new ModuleVersion("example.com/p/d", "v1.0.0"));
        assertThat(unpruned.selected("example.com/p/d")).isEqualTo("v1.0.0");
        assertThat(pruned.allRootsSelected()).isFalse();
    }

    @Test
    void load_missingModule_buildListErrorWithChain() throws IOException {
        MemoryRepo repo = new MemoryRepo()
                .module("example.com/a", "v1.0.0", null, "example.com/b@v1.0.0")
                .module("example.com/b", "v1.0.0", null, "example.com/gone@v1.0.0");
        ModuleLoader loader = repo.loader(tmp, "module example.com/main\n\nrequire example.com/a v1.0.0\n");

        assertThatThrownBy(() -> ModuleGraph.load(loader))
                .isInstanceOf(BuildListError.class)
                .hasMessage("example.com/a@v1.0.0 requires\n\texample.com/b@v1.0.0 requires\n"
                        + "\texample.com/gone@v1.0.0: reading memory:///example.com/gone/@v/v1.0.0.mod: not found")
                .hasCauseInstanceOf(UnknownModuleException.class);
    }

    @Test
    void load_replacementMissing_chainNamesReplacementOnce() throws IOException {
        MemoryRepo repo = new MemoryRepo().module("example.com/a", "v1.0.0", null, "example.com/b@v1.0.0");
        ModuleLoader loader = repo.loader(
                tmp, "module example.com/main\n\nrequire example.com/a v1.0.0\n\nreplace example.com/b => ./nob\n");
        Path abs = tmp.resolve("nob/go.mod").toAbsolutePath().normalize();

        assertThatThrownBy(() -> ModuleGraph.load(loader))
                .isInstanceOf(BuildListError.class)
                .hasMessage(
                        "example.com/a@v1.0.0 requires\n\texample.com/b@v1.0.0 (replaced by ./nob): reading nob/go.mod: open "
                                + abs + ": no such file or directory")
                .hasCauseInstanceOf(GoModException.class);
    }

    @Test
    void read_failure_graphStillHasEverythingElse() throws IOException {
        MemoryRepo repo = new MemoryRepo()
                .module("example.com/a", "v1.0.0", null, "example.com/gone@v1.0.0", "example.com/b@v1.0.0")
                .module("example.com/b", "v1.0.0", null);
        ModuleLoader loader = repo.loader(tmp, "module example.com/main\n\nrequire example.com/a v1.0.0\n");

        ModuleGraph mg = ModuleGraph.read(loader, loader.main().requirementsFromGoMod(), Set.of());

        assertThat(mg.selected("example.com/b")).isEqualTo("v1.0.0");
        assertThat(mg.loadError(new ModuleVersion("example.com/gone", "v1.0.0")))
                .get()
                .isInstanceOf(UnknownModuleException.class);
        assertThat(mg.error())
                .get()
                .extracting(BuildListError::path)
                .isEqualTo(List.of(
                        new ModuleVersion("example.com/main", ""),
                        new ModuleVersion("example.com/a", "v1.0.0"),
                        new ModuleVersion("example.com/gone", "v1.0.0")));
    }

    @Test
    void load_redundantRootsPruned_keepsSelectedVersionOnce() throws IOException {
        MemoryRepo repo = new MemoryRepo()
                .module("example.com/a", "v1.0.0", "1.17")
                .module("example.com/a", "v1.1.0", "1.17", "example.com/b@v1.0.0")
                .module("example.com/b", "v1.0.0", "1.17");
        ModuleLoader loader = repo.loader(
                tmp,
                "module example.com/main\n\ngo 1.17\n\nrequire example.com/a v1.1.0\n\nrequire example.com/a v1.0.0\n");

        ModuleGraph mg = ModuleGraph.load(loader);

        assertThat(mg.requirements().roots())
                .containsExactly(new ModuleVersion("example.com/a", "v1.1.0"), new ModuleVersion("go", "1.17"));
        assertThat(mg.selected("example.com/b")).isEqualTo("v1.0.0");
    }

    @Test
    void why_chainToSelectedVersion() throws IOException {
        ModuleLoader loader = chain().loader(tmp, mainGoMod("1.16"));
        ModuleGraph mg = ModuleGraph.load(loader);

        ModuleListing.Why why = ModuleListing.why(mg, "example.com/p/e");
        ModuleListing.Why not = ModuleListing.why(mg, "example.com/nowhere");

        assertThat(why.format())
                .isEqualTo("# example.com/p/e\nexample.com/main\nexample.com/p/b@v1.2.0\n"
                        + "example.com/p/d@v1.0.0\nexample.com/p/e@v1.0.0\n");
        assertThat(why.requiredBy()).containsExactly(new ModuleVersion("example.com/p/d", "v1.0.0"));
        assertThat(not.needed()).isFalse();
        assertThat(not.format())
                .isEqualTo("# example.com/nowhere\n(main module does not need module example.com/nowhere)\n");
    }
}
