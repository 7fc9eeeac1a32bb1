package dev.holdfast.modload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.modfile.GoWorkFile;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workspace mode: finding the go.work, the rules it lays down (its replacements over the modules', the
 * modules' directory replacements named from the go.work's directory) and the go command's refusals.
 * WorkspaceConformanceTest compares whole workspaces with the go command.
 */
class WorkspaceTest {

    @TempDir
    Path tmp;

    private final MemoryRepo repo = new MemoryRepo()
            .module("example.com/m", "v1.0.0", "1.21")
            .module("example.com/m", "v1.1.0", "1.21", "example.com/n@v1.0.0")
            .module("example.com/n", "v1.0.0", "1.21")
            .module("example.com/n", "v1.2.0", "1.21");

    private Path module(String dir, String goMod) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(dir));
        Files.writeString(d.resolve("go.mod"), goMod);
        return d;
    }

    private Path work(String text) throws IOException {
        return Files.writeString(tmp.resolve("go.work"), text);
    }

    @Test
    void find_nearestGoWorkUpward_namedFile_orNoneWhenOff() throws IOException {
        Path a = module("a", "module example.com/a\n");
        Path goWork = work("go 1.21\n\nuse ./a\n");
        Path deep = Files.createDirectories(a.resolve("x/y"));

        assertThat(Workspace.find(deep, "")).contains(goWork);
        assertThat(Workspace.find(deep, "auto")).contains(goWork);
        assertThat(Workspace.find(deep, "off")).isEmpty();
        assertThat(Workspace.find(Path.of("/"), "/elsewhere/go.work")).contains(Path.of("/elsewhere/go.work"));
    }

    @Test
    void graph_readsEveryModulesRequirements_andTheHighestVersionWins() throws IOException {
        Path a = module("a", "module example.com/a\n\ngo 1.21\n\nrequire example.com/m v1.0.0\n");
        module("b", "module example.com/b\n\ngo 1.21\n\nrequire example.com/m v1.1.0\n");
        work("go 1.22\n\nuse (\n\t./b\n\t./a\n)\n");

        Workspace ws = Workspace.load(tmp.resolve("go.work"), a, null);
        ModuleLoader loader = new ModuleLoader(ws, repo);
        ModuleGraph mg = ModuleGraph.load(loader);

        assertThat(ws.versions())
                .containsExactly(new ModuleVersion("example.com/b", ""), new ModuleVersion("example.com/a", ""));
        assertThat(ModuleListing.list(mg, ws).stream().map(ModuleListing.Listed::format))
                .containsExactly("example.com/a", "example.com/b", "example.com/m v1.1.0", "example.com/n v1.0.0");
        assertThat(ModuleListing.graph(mg))
                .startsWith("example.com/a example.com/m@v1.0.0", "example.com/a go@1.21")
                .contains("example.com/b example.com/m@v1.1.0", "go@1.22 toolchain@go1.22");
        assertThat(ModuleListing.why(mg, "example.com/n").chain())
                .containsExactly(
                        new ModuleVersion("example.com/b", ""),
                        new ModuleVersion("example.com/m", "v1.1.0"),
                        new ModuleVersion("example.com/n", "v1.0.0"));
        assertThatThrownBy(loader::main).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void replacements_goWorkWins_andModuleDirectoriesAreNamedFromTheGoWork() throws IOException {
        Path a = module(
                "a",
                "module example.com/a\n\ngo 1.21\n\nrequire example.com/m v1.0.0\n\nreplace example.com/n => ./local/n\n"
                        + "\nreplace example.com/m v1.0.0 => example.com/m v1.1.0\n");
        module("b", "module example.com/b\n\ngo 1.21\n");
        work("go 1.21\n\nuse ./a\nuse ./b\n\nreplace example.com/m => example.com/m v1.0.0\n");

        Workspace ws = Workspace.load(tmp.resolve("go.work"), a, null);

        assertThat(ws.replacement(new ModuleVersion("example.com/m", "v1.0.0")))
                .contains(new ModuleVersion("example.com/m", "v1.0.0"));
        assertThat(ws.replacement(new ModuleVersion("example.com/n", "v1.2.0")))
                .contains(new ModuleVersion("./a/local/n", ""));
        assertThat(ws.replacementDir(new ModuleVersion("./a/local/n", ""))).isEqualTo(tmp.resolve("a/local/n"));
        assertThat(ws.replacement(new ModuleVersion("example.com/a", ""))).isEmpty();
    }

    @Test
    void updateGoVersion_raisesTheGoLine_keepsCommentsOnTop_andDropsAToolchainItMakesPointless() {
        GoWorkFile work = GoWorkFile.parse("go.work", "// the team's workspace\n\nuse (\n\t./b\n\t./a\n)\n".getBytes());
        assertThat(Workspace.updateGoVersion(work, "1.18")).isFalse(); // a go.work without a go line is 1.18
        assertThat(Workspace.updateGoVersion(work, "1.22.1")).isTrue();
        assertThat(new String(work.format()))
                .isEqualTo("// the team's workspace\n\ngo 1.22.1\n\nuse (\n\t./a\n\t./b\n)\n");

        GoWorkFile withToolchain = GoWorkFile.parse("go.work", "go 1.21\n\ntoolchain go1.22.0\n\nuse ./a\n".getBytes());
        assertThat(Workspace.updateGoVersion(withToolchain, "1.21.5")).isTrue();
        assertThat(withToolchain.toolchain()).contains("go1.22.0"); // still newer than the go line
        assertThat(Workspace.updateGoVersion(withToolchain, "1.23")).isTrue();
        assertThat(new String(withToolchain.format())).isEqualTo("go 1.23\n\nuse ./a\n");
    }

    @Test
    void refusals_inTheGoCommandsWords() throws IOException {
        Path a = module("a", "module example.com/a\n\ngo 1.22\n\nreplace example.com/m => ./m1\n");
        module("b", "module example.com/b\n\ngo 1.21\n\nreplace example.com/m => ./m2\n");
        module("c", "module example.com/a\n");
        Path goWork = tmp.resolve("go.work");

        work("go 1.21\n\nuse ./a\nuse ./b\n");
        assertThatThrownBy(() -> Workspace.load(goWork, a, null))
                .isInstanceOf(GoModException.class)
                .hasMessage("module . listed in go.work file requires go >= 1.22, but go.work lists go 1.21; to update"
                        + " it:\n\tgo work use");

        work("go 1.22\n\nuse ./a\nuse ./b\n");
        assertThatThrownBy(() -> Workspace.load(goWork, a, null))
                .hasMessage("conflicting replacements for example.com/m:\n\t" + tmp.resolve("a/m1") + "\n\t"
                        + tmp.resolve("b/m2") + "\nuse \"go work edit -replace example.com/m=[override]\" to resolve");

        work("go 1.22\n\nuse ./a\nuse ./c\n\nreplace example.com/m => ./m\n");
        assertThatThrownBy(() -> Workspace.load(goWork, a, null))
                .hasMessage("module example.com/a appears multiple times in workspace");

        work("go 1.22\n\nuse ./a\nuse a\n");
        assertThatThrownBy(() -> Workspace.load(goWork, a, null))
                .hasMessage("error loading go.work:\n../go.work:4: path " + a + " appears multiple times in workspace");

        work("go 1.22\n\nuse ./a\nuse ./missing\n\nreplace example.com/m => ./m\n");
        assertThatThrownBy(() -> Workspace.load(goWork, a, null))
                .hasMessage("cannot load module ../missing listed in go.work file: open ../missing/go.mod: no such file"
                        + " or directory");

        work("go 1.22\n\nuse ./a\n\nreplace example.com/a => ./elsewhere\n");
        assertThatThrownBy(() -> Workspace.load(goWork, a, null))
                .hasMessageStartingWith(
                        "workspace module example.com/a is replaced at all versions in the go.work file.");

        work("go 1.22\n\nrequire example.com/m v1.0.0\n");
        assertThatThrownBy(() -> Workspace.load(goWork, a, null))
                .hasMessage("errors parsing go.work:\n../go.work:3: unknown directive: require");
    }
}
