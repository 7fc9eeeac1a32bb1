package dev.holdfast.modload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.repo.UnknownModuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading dependencies' go.mod files with the main module's replacements and exclusions. */
class ModuleLoaderTest {

    @TempDir
    Path tmp;

    private static final ModuleVersion C1 = new ModuleVersion("example.com/c", "v1.0.0");

    private ModuleLoader loader(MemoryRepo repo, String directives) throws IOException {
        return repo.loader(
                tmp.resolve("main"),
                "module example.com/main\n\ngo 1.21\n\nrequire example.com/c v1.0.0\n" + directives);
    }

    @Test
    void summary_goLineAt121_addsGoRequirementAndPrunes() throws IOException {
        MemoryRepo repo = new MemoryRepo().module("example.com/c", "v1.0.0", "1.21.3", "example.com/d@v1.0.0");

        GoModSummary s = loader(repo, "").summary(C1);

        assertThat(s.requires())
                .containsExactly(new ModuleVersion("example.com/d", "v1.0.0"), new ModuleVersion("go", "1.21.3"));
        assertThat(s.pruning()).isEqualTo(Pruning.PRUNED);
        assertThat(s.goVersion()).isEqualTo("1.21.3");
    }

    @Test
    void summary_noGoLine_unprunedNoGoRequirement() throws IOException {
        MemoryRepo repo = new MemoryRepo().module("example.com/c", "v1.0.0", null, "example.com/d@v1.0.0");

        GoModSummary s = loader(repo, "").summary(C1);

        assertThat(s.requires()).containsExactly(new ModuleVersion("example.com/d", "v1.0.0"));
        assertThat(s.pruning()).isEqualTo(Pruning.UNPRUNED);
    }

    @Test
    void summary_excludedRequirementsDropped_rawKeepsThem() throws IOException {
        MemoryRepo repo = new MemoryRepo()
                .module("example.com/c", "v1.0.0", null, "example.com/d@v1.0.0", "example.com/e@v1.0.0");
        ModuleLoader loader = loader(repo, "exclude example.com/d v1.0.0\n");

        assertThat(loader.summary(C1).requires()).containsExactly(new ModuleVersion("example.com/e", "v1.0.0"));
        assertThat(loader.rawSummary(C1).requires()).hasSize(2);
    }

    @Test
    void summary_replacedByVersion_readsReplacementAcceptsEitherPath() throws IOException {
        MemoryRepo repo = new MemoryRepo()
                .module("example.com/fork", "v1.5.0", null, "example.com/x@v1.0.0")
                .module("example.com/c", "v1.0.0", null);
        ModuleLoader loader = loader(repo, "replace example.com/c => example.com/fork v1.5.0\n");

        assertThat(loader.summary(C1).requires()).containsExactly(new ModuleVersion("example.com/x", "v1.0.0"));
        assertThat(repo.reads("example.com/c", "v1.0.0")).isZero();
    }

    @Test
    void summary_replacedByDirectory_readsGoModFromDisk() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("main/local/c"));
        Files.writeString(dir.resolve("go.mod"), "module anything/at/all\n\nrequire example.com/x v1.0.0\n");
        ModuleLoader loader = loader(new MemoryRepo(), "replace example.com/c v1.0.0 => ./local/c\n");

        assertThat(loader.summary(C1).requires()).containsExactly(new ModuleVersion("example.com/x", "v1.0.0"));
    }

    @Test
    void summary_missingReplacementDirectory_goMessage() throws IOException {
        ModuleLoader loader = loader(new MemoryRepo(), "replace example.com/c => ../nodir\n");
        Path abs = tmp.resolve("nodir/go.mod").toAbsolutePath().normalize();

        // The go command's words: cmd/go rawGoModData, named from the main module's directory.
        assertThatThrownBy(() -> loader.summary(C1))
                .isInstanceOf(GoModException.class)
                .hasMessage("example.com/c@v1.0.0 (replaced by ../nodir): reading ../nodir/go.mod: open " + abs
                        + ": no such file or directory");
    }

    @Test
    void summary_pathMismatch_goMessage() throws IOException {
        MemoryRepo repo = new MemoryRepo()
                .add("example.com/c", "v1.0.0", "module example.com/other\n")
                .add("example.com/wrong", "v1.0.0", "module example.com/other\n");

        assertThatThrownBy(() -> loader(repo, "").summary(C1))
                .isInstanceOf(GoModException.class)
                .hasMessage("example.com/c@v1.0.0: parsing go.mod:\n\tmodule declares its path as: example.com/other\n"
                        + "\t        but was required as: example.com/c");
        assertThatThrownBy(() -> loader(repo, "replace example.com/c v1.0.0 => example.com/wrong v1.0.0\n")
                        .summary(C1))
                .hasMessage(
                        "example.com/c@v1.0.0 (replaced by example.com/wrong@v1.0.0): parsing go.mod:\n"
                                + "\tmodule declares its path as: example.com/other\n\t        but was required as: example.com/c");
    }

    @Test
    void summary_noModuleLine_goMessage() throws IOException {
        MemoryRepo repo = new MemoryRepo().add("example.com/c", "v1.0.0", "go 1.16\n");

        assertThatThrownBy(() -> loader(repo, "").summary(C1))
                .isInstanceOf(GoModException.class)
                .hasMessage("example.com/c@v1.0.0: parsing go.mod: missing module line");
    }

    @Test
    void summary_doesNotParse_parsingGoMod() throws IOException {
        MemoryRepo repo = new MemoryRepo().add("example.com/c", "v1.0.0", "module example.com/c\nrequire (\n");

        assertThatThrownBy(() -> loader(repo, "").summary(C1))
                .isInstanceOf(GoModException.class)
                .hasMessageStartingWith("example.com/c@v1.0.0: parsing go.mod: go.mod:");
    }

    @Test
    void summary_unknownModule_passedOnReplacedOneNamed() throws IOException {
        ModuleLoader plain = loader(new MemoryRepo(), "");
        ModuleLoader replaced = loader(new MemoryRepo(), "replace example.com/c => example.com/d v1.0.0\n");

        assertThatThrownBy(() -> plain.summary(C1))
                .isInstanceOf(UnknownModuleException.class)
                .hasMessage("reading memory:///example.com/c/@v/v1.0.0.mod: not found");
        assertThatThrownBy(() -> replaced.summary(C1))
                .isInstanceOf(UnknownModuleException.class)
                .hasMessage("example.com/c@v1.0.0 (replaced by example.com/d@v1.0.0): "
                        + "reading memory:///example.com/d/@v/v1.0.0.mod: not found");
    }

    @Test
    void summary_toolchainModules_synthesized() throws IOException {
        ModuleLoader loader = loader(new MemoryRepo(), "");

        assertThat(loader.summary(new ModuleVersion("go", "1.21.0")).requires())
                .containsExactly(new ModuleVersion("toolchain", "go1.21.0"));
        assertThat(loader.summary(new ModuleVersion("go", "1.20")).requires()).isEmpty();
        assertThat(loader.summary(new ModuleVersion("toolchain", "go1.22.0")).requires())
                .isEmpty();
    }

    @Test
    void summary_mainModule_refused() throws IOException {
        ModuleLoader loader = loader(new MemoryRepo(), "");

        assertThatThrownBy(() -> loader.summary(new ModuleVersion("example.com/main", "")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rawSummary_concurrentCallers_readOnce() throws Exception {
        MemoryRepo repo = new MemoryRepo().module("example.com/c", "v1.0.0", "1.17");
        ModuleLoader loader = loader(repo, "");
        List<Future<GoModSummary>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 64; i++) {
                futures.add(pool.submit(() -> loader.summary(C1)));
            }
        }
        for (Future<GoModSummary> f : futures) {
            assertThat(f.get().module()).isEqualTo("example.com/c");
        }
        assertThat(repo.reads("example.com/c", "v1.0.0")).isEqualTo(1);
    }

    @Test
    void reqs_mainRequiresGivenList() throws IOException {
        MemoryRepo repo = new MemoryRepo().module("example.com/c", "v1.0.0", null, "example.com/d@v1.0.0");
        ModuleLoader loader = loader(repo, "");
        var reqs = loader.reqs(List.of(C1));

        assertThat(reqs.required(new ModuleVersion("example.com/main", ""))).containsExactly(C1);
        assertThat(reqs.required(new ModuleVersion("example.com/c", "none"))).isEmpty();
        assertThat(reqs.required(C1)).containsExactly(new ModuleVersion("example.com/d", "v1.0.0"));
        assertThat(reqs.max("go", "1.9", "1.10")).isEqualTo("1.10");
    }
}
