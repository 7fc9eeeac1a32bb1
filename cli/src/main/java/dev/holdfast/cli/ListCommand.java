package dev.holdfast.cli;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modfile.GoWorkFile;
import dev.holdfast.modload.GoModException;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleListing;
import dev.holdfast.modload.Workspace;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.sum.GoSum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code holdfast list}: the build list, as {@code go list -m all} prints it. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the build list, as `go list -m all` does.",
            "",
            "Prints the build list of the project: the main module, then the version minimal",
            "version selection picks for every module it needs, exactly as `go list -m all`",
            "prints it (with ` => replacement` for replaced modules). The module graph is",
            "loaded as the go command loads it: graph pruning for go 1.17+ modules, the main",
            "module's replace and exclude directives. go.mod is never changed: as the go",
            "command does by default (-mod=readonly), list refuses a go.mod that needs",
            "updating (run `go mod tidy`) and a dependency's go.mod whose hash go.sum lacks;",
            "with GOFLAGS=-mod=mod it prints the list the go command would write go.mod for.",
            "",
            Help.GRAPH_SOURCES
        },
        footer = {"", Help.GRAPH_EXIT_CODES})
final class ListCommand extends ProjectCommand {

    @Option(
            names = "--json",
            description = "Print one JSON object per module with the fields of `go list -m -json all` (Path,"
                    + " Version, Replace, Time, Main, Indirect, Dir, GoMod, GoVersion, Error, Sum, GoModSum).")
    private boolean json;

    @Override
    int run() throws IOException {
        String mode = context().goEnv().buildMod();
        if (!List.of("", "mod", "readonly", "vendor").contains(mode)) {
            // go list checks its build flags before it looks for a go.mod (work.BuildInit).
            throw new IllegalArgumentException(
                    "-mod=" + mode + " not supported (can be '', 'mod', 'readonly', or 'vendor')");
        }
        Optional<Path> work = workspaceFile();
        ProjectGraph project;
        if (work.isPresent()) {
            refuseInWorkspace(work.get());
            project = ProjectGraph.load(this);
        } else {
            Optional<String> readonly = readonlyRefusal();
            project = readonly.isPresent() ? ProjectGraph.loadReadonly(this, readonly.get()) : ProjectGraph.load(this);
        }
        // The go command reads a go.mod graph loading did not need only when go.sum vouches for it, unless
        // -mod=mod lets it add the line or workspace mode does not ask for sums (modload.moduleInfo's
        // checksumOk, mustHaveSums).
        boolean anyGoMod = context().goEnv().buildMod().equals("mod") || project.inWorkspace();
        GoSum sums = project.sums();
        Predicate<ModuleVersion> mayRead = m -> anyGoMod || ProjectGraph.vouchesForGoMod(sums, m);
        ListedFields objects = json ? new ListedFields(project, sumsInForce(project, work), anyGoMod) : null;
        for (ModuleListing.Listed listed : ModuleListing.list(project.graph(), project.mains())) {
            if (json) {
                JsonOutput.print(out(), objects.of(listed, mayRead));
            } else {
                out().println(listed.format());
            }
        }
        return ExitCodes.OK;
    }

    /**
     * Returns the go command's words for a go.mod that needs updating when {@code go list -m all} runs under
     * {@code -mod=readonly} — its default — or empty under {@code -mod=mod}; refuses vendor mode as it does
     * ({@code -mod=vendor} in GOFLAGS, or no {@code -mod} and a {@code vendor} directory beside a go.mod whose
     * go line says 1.14 or later, made for a single module). Where a vendor directory was not used, the
     * words say why, and an explicit {@code -mod} is named (modload's setDefaultBuildMod, BuildModReason and
     * goModDirtyError).
     */
    private Optional<String> readonlyRefusal() throws IOException {
        GoProject files = project();
        String mode = context().goEnv().buildMod();
        String reason = "";
        Path vendor = files.root().resolve("vendor");
        if (mode.isEmpty() && Files.isDirectory(vendor)) {
            // Without a go line the go command does not default to vendor mode (its modGo is "unspecified").
            String go = GoModFile.parseLax("go.mod", files.goMod(), null).go().orElse("");
            if (go.isEmpty()) {
                reason = "Go version in go.mod is unspecified, so vendor directory was not used.";
            } else if (GoVersion.compare(go, "1.14") < 0) {
                reason = "Go version in go.mod is " + go + ", so vendor directory was not used.";
            } else if (vendoredForWorkspace(vendor)) {
                reason = "Outside workspace mode, but vendor directory is for a workspace.";
            } else {
                mode = "vendor";
            }
        }
        if (mode.equals("vendor")) {
            throw new GoModException(
                    "can't compute 'all' using the vendor directory\n\t(Use -mod=mod or -mod=readonly to bypass.)");
        }
        if (mode.equals("mod")) {
            return Optional.empty();
        }
        if (!mode.isEmpty()) {
            return Optional.of("updates to go.mod needed, disabled by -mod=" + mode + "; to update it:\n\tgo mod tidy");
        }
        return Optional.of(
                reason.isEmpty()
                        ? "updates to go.mod needed; to update it:\n\tgo mod tidy"
                        : "updates to go.mod needed, disabled by -mod=readonly\n\t(" + reason
                                + ")\n\tto update it:\n\tgo mod tidy");
    }

    /** Reports whether {@code vendor/modules.txt} was written for a workspace (modload's modulesTextIsForWorkspace). */
    private static boolean vendoredForWorkspace(Path vendor) throws IOException {
        Path modulesTxt = vendor.resolve("modules.txt");
        return Files.isRegularFile(modulesTxt)
                && Files.readAllLines(modulesTxt).stream().anyMatch(l -> l.startsWith("## workspace"));
    }

    /**
     * Refuses as {@code go list -m all} does in workspace mode (modload's setDefaultBuildMod): a {@code
     * -mod} other than readonly or vendor, and vendor mode — {@code -mod=vendor}, or no {@code -mod} and a
     * {@code vendor} directory beside the go.work, made for a workspace, with a go line of 1.14 or later.
     */
    private void refuseInWorkspace(Path goWork) throws IOException {
        String mode = context().goEnv().buildMod();
        if (!mode.isEmpty() && !mode.equals("readonly") && !mode.equals("vendor")) {
            throw new GoModException("-mod may only be set to readonly or vendor when in workspace mode, but it is set"
                    + " to \"" + mode + "\"\n\tRemove the -mod flag to use the default readonly value, \n\tor set"
                    + " GOWORK=off to disable workspace mode.");
        }
        Path vendor = goWork.resolveSibling("vendor");
        if (mode.isEmpty() && Files.isDirectory(vendor)) {
            String go;
            try {
                go = GoWorkFile.parse("go.work", GoWorkFile.read(goWork)).go().orElse("");
            } catch (RuntimeException malformed) {
                go = ""; // reported when the workspace is loaded, in the go command's words
            }
            if (!go.isEmpty() && GoVersion.compare(go, "1.14") >= 0 && vendoredForWorkspace(vendor)) {
                mode = "vendor";
            }
        }
        if (mode.equals("vendor")) {
            throw new GoModException(
                    "can't compute 'all' using the vendor directory\n\t(Use -mod=mod or -mod=readonly to bypass.)");
        }
    }

    /** Returns the go.sum lines the go command consults: go.sum, or in a workspace go.work.sum and each module's. */
    private static GoSum sumsInForce(ProjectGraph project, Optional<Path> work) throws IOException {
        if (work.isEmpty()) {
            return project.sums();
        }
        GoSum sums = GoSum.read(work.get().resolveSibling("go.work.sum"));
        for (MainModule module : ((Workspace) project.mains()).modules()) {
            sums = sums.with(GoSum.read(module.dir().resolve("go.sum")));
        }
        return sums;
    }
}
