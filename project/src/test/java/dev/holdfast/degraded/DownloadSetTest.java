package dev.holdfast.degraded;

import static dev.holdfast.degraded.World.mv;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.modload.ModuleLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadSetTest {
    @TempDir
    Path dir;

    private World world() {
        return new World(dir)
                .serve("example.com/a", "v1.0.0", "example.com/b@v1.1.0", "example.com/x@v1.0.0")
                .serve("example.com/b", "v1.0.0")
                .serve("example.com/b", "v1.1.0")
                .serve("example.com/x", "v1.0.0")
                .serve("example.com/r", "v1.0.0")
                .serve("example.com/r", "v2.0.0+incompatible");
    }

    private static String project(String go) {
        return "module example.com/app\n\ngo " + go + "\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n"
                + "\texample.com/r v1.0.0\n\texample.com/local v1.0.0\n)\n\n"
                + "replace example.com/r v1.0.0 => example.com/r v2.0.0+incompatible\n\n"
                + "replace example.com/local => ./local\n";
    }

    @Test
    void of_pruned_requiredPathsAtSelectedVersions_throughReplacements() throws Exception {
        World w = world();
        Files.createDirectories(dir.resolve("app/local"));
        Files.writeString(dir.resolve("app/local/go.mod"), "module example.com/local\n\ngo 1.21\n");
        MainModule main = World.project(dir.resolve("app"), project("1.21"));
        ModuleGraph graph = ModuleGraph.load(new ModuleLoader(main, w));

        // b is raised to v1.1.0 by a; x is in the graph but not required by go.mod; local is a directory.
        assertThat(DownloadSet.of(main, graph))
                .containsExactly(
                        mv("example.com/a", "v1.0.0"),
                        mv("example.com/b", "v1.1.0"),
                        mv("example.com/r", "v2.0.0+incompatible"));
    }

    @Test
    void of_unpruned_wholeBuildList() throws Exception {
        World w = world();
        Files.createDirectories(dir.resolve("app/local"));
        Files.writeString(dir.resolve("app/local/go.mod"), "module example.com/local\n");
        MainModule main = World.project(dir.resolve("app"), project("1.16"));
        ModuleGraph graph = ModuleGraph.load(new ModuleLoader(main, w));

        assertThat(DownloadSet.of(main, graph))
                .containsExactly(
                        mv("example.com/a", "v1.0.0"),
                        mv("example.com/b", "v1.1.0"),
                        mv("example.com/r", "v2.0.0+incompatible"),
                        mv("example.com/x", "v1.0.0"));
    }

    @Test
    void unknownRequirements_pathOnlyOnAnExcludedVersion() throws Exception {
        World w = world();
        MainModule main = World.project(
                dir.resolve("app"),
                "module example.com/app\n\ngo 1.21\n\nrequire (\n\texample.com/b v1.0.0\n\texample.com/x v1.0.0\n)\n\n"
                        + "exclude example.com/x v1.0.0\n");
        ModuleGraph graph = ModuleGraph.load(new ModuleLoader(main, w));

        assertThat(DownloadSet.unknownRequirements(main, graph)).containsExactly("example.com/x");
        assertThat(DownloadSet.of(main, graph)).containsExactly(mv("example.com/b", "v1.0.0"));
    }
}
