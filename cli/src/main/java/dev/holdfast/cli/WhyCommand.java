package dev.holdfast.cli;

import dev.holdfast.modload.ModuleListing;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code holdfast why}: the requirement chain that brings a module into the build. */
@Command(
        name = "why",
        mixinStandardHelpOptions = true,
        description = {
            "Explains why each MODULE is in the build.",
            "",
            "Explains why each MODULE is in the build: its selected version and a shortest",
            "chain of requirements from the main module to it, one module per line, in the",
            "shape of `go mod why -m` (which follows package imports instead):",
            "",
            "  # example.com/b",
            "  example.com/main",
            "  example.com/a@v1.2.0",
            "  example.com/b@v1.1.0",
            "",
            "A module the build does not need gets `(main module does not need module M)`.",
            "With --json, one object per MODULE: Path, Version (selected), Chain (the chain",
            "as path@version strings) and RequiredBy (every module version in the graph that",
            "requires the selected version).",
            "",
            "The module graph is the one `holdfast list` and `go list -m all` use."
        },
        footer = {
            "",
            "Exit codes: 0 explained (needed or not); " + Help.BAD_PROJECT + " or a malformed module path;"
                    + " 1 another failure; " + Help.UNAVAILABLE + "."
        })
final class WhyCommand extends ProjectCommand {

    @Parameters(arity = "1..*", paramLabel = "MODULE", description = "Module paths to explain.")
    private List<String> modules;

    @Option(names = "--json", description = "Print one JSON object per module instead of text.")
    private boolean json;

    @Override
    int run() throws IOException {
        modules.forEach(ModulePath::check);
        ProjectGraph project = ProjectGraph.load(this);
        String separator = "";
        for (String module : modules) {
            ModuleListing.Why why = ModuleListing.why(project.graph(), module);
            if (json) {
                JsonOutput.print(out(), fields(why));
            } else {
                out().print(separator + why.format());
                separator = "\n";
            }
        }
        out().flush();
        return ExitCodes.OK;
    }

    private static Map<String, Object> fields(ModuleListing.Why why) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Path", why.path());
        if (why.needed() && !why.version().isEmpty()) {
            fields.put("Version", why.version());
        }
        fields.put("Chain", strings(why.chain()));
        fields.put("RequiredBy", strings(why.requiredBy()));
        return fields;
    }

    private static List<String> strings(List<ModuleVersion> modules) {
        List<String> strings = new ArrayList<>();
        modules.forEach(m -> strings.add(m.toString()));
        return strings;
    }
}
