package dev.holdfast.cli;

import dev.holdfast.modedit.DowngradePlan;
import dev.holdfast.modedit.GoGet;
import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modfile.GoModSyntaxException;
import dev.holdfast.modfile.GoWorkFile;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.modload.Workspace;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code holdfast down}: lower one dependency as {@code go get M@V} would, showing what else moves. */
@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description = {
            "Lowers MODULE to VERSION as `go get` would, showing what else moves.",
            "",
            "Lowers MODULE to VERSION and leaves go.mod and go.sum exactly as",
            "`go get MODULE@VERSION` would, but first prints the plan: every module whose",
            "selected version is lowered, removed, raised or added, and the requirement",
            "that forces it (the go command makes these changes silently). VERSION may be",
            "any version query go get accepts, or `none` to remove the module; without",
            "one, the highest release of the same major version below the selected one",
            "that is neither retracted nor excluded. A version at or above the selected",
            "one is refused: use go get to upgrade.",
            "",
            "go.sum, then go.mod, are replaced atomically (an interrupted down leaves the",
            "old file or the new one). With --check, CMD runs through `sh -c` in the module",
            "directory after writing, and if it fails both files are restored byte for",
            "byte. Modules come through GOPROXY and the module cache, checked against go.sum."
        },
        footer = {
            "",
            "Exit codes: 0 done (or planned, with --dry-run); 1 the --check command failed",
            "(files restored) or another failure; 2 bad input (no go.mod or one that does not",
            "parse, an unknown module or version, a version not below the selected one,",
            "a version whose own requirements conflict with it, a missing replacement",
            "directory) and nothing written; 3 the network or every upstream was unavailable."
        })
final class DownCommand extends ProjectCommand {

    @Parameters(index = "0", paramLabel = "MODULE[@VERSION]", description = "The module to lower, and where to.")
    private String argument;

    @Option(names = "--dry-run", description = "Print the plan; write nothing.")
    private boolean dryRun;

    @Option(names = "--json", description = "Print the plan and the outcome as one JSON object.")
    private boolean json;

    @Option(
            names = "--check",
            paramLabel = "CMD",
            description = "A shell command to run after writing (for example 'go build ./...');"
                    + " if it fails, go.mod and go.sum are restored.")
    private String check;

    @Override
    int run() throws IOException {
        int at = argument.indexOf('@');
        String path = at < 0 ? argument : argument.substring(0, at);
        String version = at < 0 ? "" : argument.substring(at + 1);
        if (at >= 0 && version.isEmpty()) {
            throw new IllegalArgumentException("malformed module query \"" + argument + "\": empty version");
        }
        GoProject project = project();
        GoGet get = DownFiles.plan(context(), project);
        if (version.isEmpty()) {
            version = get.defaultVersion(path);
            if (!quiet()) {
                err().println("holdfast down: lowering " + path + " to " + version + ", the highest release below "
                        + get.selected(path) + " that is neither retracted nor excluded");
            }
        }
        DowngradePlan plan = get.downgrade(path, version);
        Map<String, Object> result = describe(plan);
        if (!json) {
            print(plan, out(), quiet() ? null : err());
        }
        int code;
        try {
            code = dryRun ? ExitCodes.OK : apply(project, plan, result);
        } catch (IOException | RuntimeException e) {
            code = ErrorReport.report(name(), e, err()); // and still the JSON of what was done
        }
        if (json) {
            JsonOutput.print(out(), result);
        }
        return code;
    }

    /**
     * Raises the go line of the go.work in force, if any, to the go version of the written go.mod, as {@code
     * go get} does after writing a workspace module's go.mod (a go.work that does not parse is left alone).
     */
    private void updateGoWork(DowngradePlan plan) throws IOException {
        Optional<Path> work = workspaceFile();
        if (work.isEmpty() || !Files.isRegularFile(work.get())) {
            return;
        }
        GoWorkFile goWork;
        try {
            goWork = GoWorkFile.parse(work.get().toString(), GoWorkFile.read(work.get()));
        } catch (GoModSyntaxException e) {
            return;
        }
        String go = GoModFile.parseLax("go.mod", plan.goMod(), null).go().orElse(GoVersion.DEFAULT_GO_MOD);
        if (Workspace.updateGoVersion(goWork, go)) {
            DownFiles.replace(work.get(), goWork.format());
        }
    }

    /** Writes the plan's files and runs the check; records the outcome in {@code result}. */
    private int apply(GoProject project, DowngradePlan plan, Map<String, Object> result) throws IOException {
        try {
            DownFiles.write(project.root(), plan);
            result.put("Written", true);
        } catch (IOException | RuntimeException e) {
            throw new IOException("writing go.mod and go.sum: " + e.getMessage(), e);
        }
        if (!json && !quiet()) {
            out().println("wrote " + files(plan));
        }
        if (check == null) {
            updateGoWork(plan);
            return ExitCodes.OK;
        }
        try {
            int status = DownFiles.runCheck(check, project.root(), environment(), json ? err() : out());
            result.put("Check", Map.of("Command", check, "ExitStatus", status));
            if (status == 0) {
                updateGoWork(plan);
                return ExitCodes.OK;
            }
            DownFiles.restore(project.root(), plan);
            result.put("Restored", true);
            err().println("holdfast down: " + check + ": exit status " + status + "; restored go.mod and go.sum");
            return ExitCodes.FINDINGS;
        } catch (IOException | RuntimeException e) {
            try {
                DownFiles.restore(project.root(), plan);
                result.put("Restored", true);
            } catch (IOException restoreFailure) {
                e.addSuppressed(restoreFailure);
            }
            throw e;
        }
    }

    private String files(DowngradePlan plan) {
        List<String> changed = new ArrayList<>();
        if (plan.goModChanged()) {
            changed.add("go.mod");
        }
        if (plan.goSumChanged()) {
            changed.add("go.sum");
        }
        return changed.isEmpty() ? "nothing (go.mod and go.sum already say this)" : String.join(" and ", changed);
    }

    /** Prints the plan as text: a header, one line per change, and (on {@code notes}) what go get would say. */
    static void print(DowngradePlan plan, PrintWriter out, PrintWriter notes) {
        ModuleVersion t = plan.target();
        out.println(
                t.version().equals("none")
                        ? "remove " + t.path() + " " + plan.previous()
                        : t.path() + " " + plan.previous() + " => " + t.version());
        int width = 0;
        for (DowngradePlan.Change c : plan.changes()) {
            width = Math.max(width, c.path().length());
        }
        for (DowngradePlan.Change c : plan.changes()) {
            String versions =
                    switch (c.kind()) {
                        case ADDED -> c.to();
                        case REMOVED -> c.from();
                        default -> c.from() + " => " + c.to();
                    };
            out.printf("  %-8s %-" + width + "s %s", c.kind().word(), c.path(), versions);
            out.println(c.reason().isEmpty() ? "" : "  (" + c.reason() + ")");
        }
        if (notes != null) {
            plan.notes().forEach(n -> notes.println("holdfast: " + n));
        }
    }

    /** Returns the plan as the JSON fields of --json. */
    static Map<String, Object> describe(DowngradePlan plan) {
        Map<String, Object> result = JsonOutput.move(
                plan.target().path(), plan.previous(), plan.target().version());
        List<Map<String, Object>> changes = new ArrayList<>();
        for (DowngradePlan.Change c : plan.changes()) {
            Map<String, Object> m = JsonOutput.move(c.path(), c.from(), c.to());
            m.put("Change", c.kind().word());
            m.put("Reason", c.reason());
            m.put("Chain", c.chain().stream().map(ModuleVersion::toString).toList());
            changes.add(m);
        }
        result.put("Changes", changes);
        result.put("Notes", plan.notes());
        result.put("GoModChanged", plan.goModChanged());
        result.put("GoSumChanged", plan.goSumChanged());
        result.put("Written", false);
        return result;
    }
}
