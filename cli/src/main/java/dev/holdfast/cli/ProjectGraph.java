package dev.holdfast.cli;

import dev.holdfast.fetch.SourceRepo;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.modload.GoModException;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.modload.ModuleLoader;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.mvs.BuildListError;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.store.DiskStore;
import java.io.IOException;

/**
 * The module graph of the project a command runs in, loaded the way the go command loads it for {@code
 * go list -m all} and {@code go mod graph}: the go.mod in the project directory or its nearest parent,
 * dependencies' go.mod files through the GOPROXY stack of the go environment (checked against the
 * project's go.sum where it has them).
 *
 * @param files the project's go.mod and go.sum as read
 * @param main the main module
 * @param loader the loader that read the graph (reuse it to read more)
 * @param graph the loaded graph
 */
record ProjectGraph(GoProject files, MainModule main, ModuleLoader loader, ModuleGraph graph) {

    /**
     * Loads the graph of the project {@code command} runs in, warning on its standard error about
     * requirements on excluded versions unless it is quiet.
     *
     * @throws GoModException when there is no go.mod or it is unusable
     * @throws BuildListError when the graph cannot be read
     */
    static ProjectGraph load(ProjectCommand command) throws IOException {
        GoProject files = command.project();
        SourceStack<DiskStore> stack = command.context()
                .sources()
                .verifier(files.goSumVerifier().orElse(Verifier.NONE))
                .build();
        ModuleRepo repo = SourceRepo.of(stack.source());
        MainModule main = MainModule.load(files.dir(), MainModule.fixer(repo));
        if (!command.quiet()) {
            for (ModuleVersion m : main.excludedRequirements()) {
                command.err()
                        .println("holdfast: ignoring requirement on excluded version " + m.path() + " " + m.version());
            }
        }
        ModuleLoader loader = new ModuleLoader(main, repo);
        return new ProjectGraph(files, main, loader, ModuleGraph.load(loader));
    }
}
