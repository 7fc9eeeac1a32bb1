package dev.holdfast.cli;

import dev.holdfast.modload.ModuleListing;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code holdfast graph}: the module requirement graph, as {@code go mod graph} prints it. */
@Command(
        name = "graph",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the module requirement graph of the project exactly as `go mod graph`",
            "does: one `MODULE REQUIREMENT` line per edge, modules written path@version (the",
            "main module as its path), walked breadth-first from the main module, each",
            "module's requirements in its go.mod's order, including the implicit go@VERSION",
            "and toolchain@NAME requirements of go 1.21+ go.mod files. With graph pruning",
            "(go 1.17+), requirements of modules that are not roots are left out, as the go",
            "command leaves them out.",
            "",
            "The go.mod is found in the project directory (-C) or its nearest parent; go.mod",
            "files of dependencies come through GOPROXY and the module cache."
        },
        footer = {
            "",
            "Exit codes: 0 printed; 2 bad input (no go.mod, a go.mod that does not parse,",
            "an unknown module or version, a missing replacement directory); 1 another",
            "failure; 3 the network or every upstream was unavailable."
        })
final class GraphCommand implements Callable<Integer> {

    @Mixin
    private CommonOptions common;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> environment;

    /** Creates the command for the process environment {@code environment}. */
    GraphCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        common.configureLogging();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ProjectGraph project = ProjectGraph.load(environment, common.dir(), err, common.quiet());
            ModuleListing.graph(project.graph()).forEach(out::println);
            return ExitCodes.OK;
        } catch (IOException | RuntimeException e) {
            return ProjectGraph.fail("graph", e, err);
        }
    }
}
