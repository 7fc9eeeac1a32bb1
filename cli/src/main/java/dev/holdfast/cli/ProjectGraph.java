package dev.holdfast.cli;

import dev.holdfast.fetch.GoSumVerifier;
import dev.holdfast.fetch.SourceRepo;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.modload.GoModException;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.MainModules;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.modload.ModuleLoader;
import dev.holdfast.modload.Workspace;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.mvs.BuildListError;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.store.DiskStore;
import dev.holdfast.sum.GoSum;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The module graph of the project a command runs in, loaded the way the go command loads it for {@code
 * go list -m all} and {@code go mod graph}: the go.mod in the project directory or its nearest parent —
 * or, in workspace mode, the modules a go.work uses — and dependencies' go.mod files through the GOPROXY
 * stack of the go environment (checked against the project's go.sum files where they have them).
 *
 * @param mains the main module, or the workspace
 * @param sums the main module's go.sum; empty in workspace mode, where the go command needs no go.sum line
 *     to read a go.mod
 * @param loader the loader that read the graph (reuse it to read more)
 * @param graph the loaded graph
 * @param stack the fetch stack the graph was read through
 */
record ProjectGraph(
        MainModules mains, GoSum sums, ModuleLoader loader, ModuleGraph graph, SourceStack<DiskStore> stack) {

    /**
     * Loads the graph of the project {@code command} runs in, warning on its standard error about
     * requirements on excluded versions unless it is quiet.
     *
     * @throws GoModException when there is no go.mod or it is unusable
     * @throws BuildListError when the graph cannot be read
     */
    static ProjectGraph load(ProjectCommand command) throws IOException {
        return load(command, null);
    }

    /**
     * Loads the graph as {@link #load(ProjectCommand)} does, but as {@code go list -m all} does under {@code
     * -mod=readonly}: a dependency's go.mod is read only when go.sum holds its hash, and where the go command
     * would have to update go.mod it fails with {@code dirtyMessage} (in workspace mode neither applies).
     *
     * @throws GoModException naming the missing go.sum entry, or with {@code dirtyMessage}
     */
    static ProjectGraph loadReadonly(ProjectCommand command, String dirtyMessage) throws IOException {
        return load(command, Objects.requireNonNull(dirtyMessage, "dirtyMessage"));
    }

    private static ProjectGraph load(ProjectCommand command, String dirtyMessage) throws IOException {
        Optional<Path> work = command.workspaceFile();
        if (work.isPresent()) {
            return loadWorkspace(command, work.get(), command.context().sources(), Verifier.NONE);
        }
        GoProject files = command.project();
        GoSum sums = files.sums(); // parsed once: go.sum can have thousands of lines
        SourceStack<DiskStore> stack = command.context()
                .sources()
                .verifier(new GoSumVerifier(sums, "go.sum").orElse(Verifier.NONE))
                .build();
        ModuleRepo repo = SourceRepo.of(stack.source());
        MainModule main =
                MainModule.parse(files.root(), files.dir(), files.goModName(), files.goMod(), MainModule.fixer(repo));
        if (!command.quiet()) {
            for (ModuleVersion m : main.excludedRequirements()) {
                command.err()
                        .println("holdfast: ignoring requirement on excluded version " + m.path() + " " + m.version());
            }
        }
        if (dirtyMessage == null) {
            ModuleLoader loader = new ModuleLoader(main, repo);
            return new ProjectGraph(main, sums, loader, ModuleGraph.load(loader), stack);
        }
        ModuleLoader loader = new ModuleLoader(main, repo, m -> vouchesForGoMod(sums, m));
        ModuleGraph graph = ModuleGraph.loadReadonly(loader, () -> new GoModException(dirtyMessage));
        if (main.needsUpdate()) {
            throw new GoModException(dirtyMessage);
        }
        return new ProjectGraph(main, sums, loader, graph, stack);
    }

    /** Reports whether {@code sums} has an {@code h1:} hash of {@code m}'s go.mod (modfetch.HaveSum). */
    static boolean vouchesForGoMod(GoSum sums, ModuleVersion m) {
        return sums.lookup(new ModuleVersion(m.path(), m.version() + "/go.mod")).stream()
                .anyMatch(h -> h.startsWith("h1:"));
    }

    /**
     * Returns the check against go.sum files as the go command makes it: go.work.sum first when there is a
     * workspace {@code goWork}, then the go.sum of each module directory in {@code moduleDirs}.
     */
    static Verifier goSums(Optional<Path> goWork, List<Path> moduleDirs) throws IOException {
        Verifier sums = goWork.isPresent()
                ? new GoSumVerifier(GoSum.read(goWork.get().resolveSibling("go.work.sum")), "go.work.sum")
                : Verifier.NONE;
        for (Path module : moduleDirs) {
            sums = sums.orElse(new GoSumVerifier(GoSum.read(module.resolve("go.sum")), "go.sum"));
        }
        return sums;
    }

    /** Reports whether the graph is a workspace's. */
    boolean inWorkspace() {
        return mains instanceof Workspace;
    }

    /**
     * Loads the graph of the workspace of go.work file {@code goWork} through the stack {@code sources}
     * builds: downloads are checked against go.work.sum, then the go.sum of each module it uses, as the go
     * command checks them, then by {@code after} (the checksum database, say).
     */
    static ProjectGraph loadWorkspace(
            ProjectCommand command, Path goWork, SourceStack.Builder<DiskStore> sources, Verifier after)
            throws IOException {
        Path dir = command.dir();
        Toolchain.checkWork(goWork, dir, command.context().environment(), command.err(), command.quiet());
        Verifier sums = goSums(Optional.of(goWork), Workspace.moduleDirs(goWork, dir));
        SourceStack<DiskStore> stack = sources.verifier(sums.orElse(after)).build();
        ModuleRepo repo = SourceRepo.of(stack.source());
        Workspace workspace = Workspace.load(goWork, dir, MainModule.fixer(repo));
        ModuleLoader loader = new ModuleLoader(workspace, repo);
        return new ProjectGraph(workspace, GoSum.empty(), loader, ModuleGraph.load(loader), stack);
    }
}
