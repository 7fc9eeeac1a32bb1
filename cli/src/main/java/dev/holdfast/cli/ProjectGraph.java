package dev.holdfast.cli;

import dev.holdfast.fetch.GoCommand;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.GoSumVerifier;
import dev.holdfast.fetch.SourceRepo;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.modload.GoModException;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.modload.ModuleLoader;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.mvs.BuildListError;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.sum.GoSum;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The module graph of the project a command runs in, loaded the way the go command loads it for {@code
 * go list -m all} and {@code go mod graph}: the go.mod in the project directory or its nearest parent,
 * dependencies' go.mod files through the GOPROXY stack of the go environment (checked against the
 * project's go.sum where it has them), and the error handling the graph commands share.
 *
 * @param main the main module
 * @param loader the loader that read the graph (reuse it to read more)
 * @param graph the loaded graph
 */
record ProjectGraph(MainModule main, ModuleLoader loader, ModuleGraph graph) {

    /**
     * Loads the graph of the project in {@code dir} with process environment {@code environment},
     * warning on {@code err} about requirements on excluded versions unless {@code quiet}.
     *
     * @throws GoModException when there is no go.mod or it is unusable
     * @throws BuildListError when the graph cannot be read
     */
    static ProjectGraph load(Map<String, String> environment, Path dir, PrintWriter err, boolean quiet)
            throws IOException {
        Path root = MainModule.findRoot(dir)
                .orElseThrow(() -> new GoModException(
                        "go.mod file not found in current directory or any parent directory; see 'go help modules'"));
        GoEnv env = GoEnv.read(environment, GoCommand.onPath());
        SourceStack stack = SourceStack.of(env, verifier(root), Clock.systemUTC());
        ModuleRepo repo = SourceRepo.of(stack.source());
        MainModule main = MainModule.load(dir, MainModule.fixer(repo));
        if (!quiet) {
            for (ModuleVersion m : main.excludedRequirements()) {
                err.println("holdfast: ignoring requirement on excluded version " + m.path() + " " + m.version());
            }
        }
        ModuleLoader loader = new ModuleLoader(main, repo);
        return new ProjectGraph(main, loader, ModuleGraph.load(loader));
    }

    private static Verifier verifier(Path root) throws IOException {
        Path goSum = root.resolve("go.sum");
        if (Files.exists(goSum)) {
            return new GoSumVerifier(GoSum.read(goSum), "go.sum").orElse(Verifier.NONE);
        }
        return Verifier.NONE;
    }

    /**
     * Reports {@code failure} of command {@code name} on {@code err} in the go command's words and returns
     * its exit code, judged by the failure behind the requirement chain: a go.mod problem or an unknown
     * module is bad input (2), an unreachable upstream is 3.
     */
    static int fail(String name, Exception failure, PrintWriter err) {
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        err.println("holdfast " + name + ": " + message);
        return ExitCodes.of(rootCause(failure));
    }

    /** Unwraps the requirement chain and the loader's re-worded wrappers down to the failure that decides. */
    static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null
                && (t instanceof BuildListError
                        || t.getClass() == IOException.class
                        || t.getClass() == java.io.UncheckedIOException.class
                        || (t instanceof GoModException && t.getCause() instanceof GoModException))) {
            t = t.getCause();
        }
        return t;
    }
}
