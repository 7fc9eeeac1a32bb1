package dev.holdfast.cli;

import dev.holdfast.modload.ModuleListing;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code holdfast list}: the build list, as {@code go list -m all} prints it. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the build list of the project: the main module, then the version minimal",
            "version selection picks for every module it needs, exactly as `go list -m all`",
            "prints it (with ` => replacement` for replaced modules). The module graph is",
            "loaded as the go command loads it: graph pruning for go 1.17+ modules, the main",
            "module's replace and exclude directives, and roots raised to their selected",
            "versions as the go command would write them (go.mod is never changed).",
            "",
            "The go.mod is found in the project directory (-C) or its nearest parent; go.mod",
            "files of dependencies come through GOPROXY and the module cache."
        },
        footer = {
            "",
            "Exit codes: 0 listed; 2 bad input (no go.mod, a go.mod that does not parse,",
            "an unknown module or version, a missing replacement directory); 1 another",
            "failure; 3 the network or every upstream was unavailable."
        })
final class ListCommand implements Callable<Integer> {

    @Option(
            names = "--json",
            description = "Print one JSON object per module with the Path, Version, Replace, Main, Indirect and"
                    + " GoVersion fields of `go list -m -json all`.")
    private boolean json;

    @Mixin
    private CommonOptions common;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> environment;

    /** Creates the command for the process environment {@code environment}. */
    ListCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        common.configureLogging();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ProjectGraph project = ProjectGraph.load(environment, common.dir(), err, common.quiet());
            for (ModuleListing.Listed listed : ModuleListing.list(project.graph(), project.main())) {
                if (json) {
                    JsonOutput.print(out, fields(listed, project));
                } else {
                    out.println(listed.format());
                }
            }
            return ExitCodes.OK;
        } catch (IOException | RuntimeException e) {
            return ProjectGraph.fail("list", e, err);
        }
    }

    /** Returns the fields {@code go list -m -json} gives a module, in its order, leaving out empty ones. */
    private static Map<String, Object> fields(ModuleListing.Listed listed, ProjectGraph project) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Path", listed.path());
        if (!listed.version().isEmpty()) {
            fields.put("Version", listed.version());
        }
        if (listed.replace().isPresent()) {
            ModuleVersion r = listed.replace().get();
            Map<String, Object> replace = new LinkedHashMap<>();
            replace.put("Path", r.path());
            if (!r.version().isEmpty()) {
                replace.put("Version", r.version());
            }
            String goVersion = project.loader().rawSummary(r).goVersion();
            if (!goVersion.isEmpty()) {
                replace.put("GoVersion", goVersion);
            }
            fields.put("Replace", replace);
        }
        if (listed.main()) {
            fields.put("Main", true);
        }
        if (listed.indirect()) {
            fields.put("Indirect", true);
        }
        String goVersion = ModuleListing.goVersion(listed, project.loader());
        if (!goVersion.isEmpty()) {
            fields.put("GoVersion", goVersion);
        }
        return fields;
    }
}
