package dev.holdfast.cli;

import dev.holdfast.modload.ModuleListing;
import java.io.IOException;
import picocli.CommandLine.Command;

/** {@code holdfast graph}: the module requirement graph, as {@code go mod graph} prints it. */
@Command(
        name = "graph",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the module requirement graph, as `go mod graph` does.",
            "",
            "Prints the module requirement graph of the project exactly as `go mod graph`",
            "does: one `MODULE REQUIREMENT` line per edge, modules written path@version (the",
            "main module as its path), walked breadth-first from the main module, each",
            "module's requirements in its go.mod's order, including the implicit go@VERSION",
            "and toolchain@NAME requirements of go 1.21+ go.mod files. With graph pruning",
            "(go 1.17+), requirements of modules that are not roots are left out, as the go",
            "command leaves them out.",
            "",
            Help.GRAPH_SOURCES
        },
        footer = {"", Help.GRAPH_EXIT_CODES})
final class GraphCommand extends ProjectCommand {

    @Override
    int run() throws IOException {
        ProjectGraph project = ProjectGraph.load(this);
        ModuleListing.graph(project.graph()).forEach(out()::println);
        return ExitCodes.OK;
    }
}
