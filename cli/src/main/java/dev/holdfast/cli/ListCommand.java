package dev.holdfast.cli;

import dev.holdfast.modload.ModuleListing;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
            Help.GRAPH_SOURCES
        },
        footer = {"", Help.GRAPH_EXIT_CODES})
final class ListCommand extends ProjectCommand {

    @Option(
            names = "--json",
            description = "Print one JSON object per module with the Path, Version, Replace, Main, Indirect and"
                    + " GoVersion fields of `go list -m -json all`.")
    private boolean json;

    @Override
    int run() throws IOException {
        ProjectGraph project = ProjectGraph.load(this);
        for (ModuleListing.Listed listed : ModuleListing.list(project.graph(), project.main())) {
            if (json) {
                JsonOutput.print(out(), fields(listed, project));
            } else {
                out().println(listed.format());
            }
        }
        return ExitCodes.OK;
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
