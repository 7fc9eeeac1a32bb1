package dev.holdfast.cli;

import dev.holdfast.fetch.GoCommand;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modfile.GoWorkFile;
import dev.holdfast.modload.GoModException;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.modload.MainModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The go line of a project against the installed go command, as GOTOOLCHAIN governs it (the go
 * command's {@code toolchain.Select}): a go.mod that needs a newer Go than the one installed is refused
 * with the go command's message under {@code GOTOOLCHAIN=local}. Under {@code auto}, {@code path} or a
 * named toolchain the go command would switch to another toolchain; Holdfast reads module graphs itself,
 * so it carries on and says so once on standard error.
 */
final class Toolchain {
    private Toolchain() {}

    /**
     * Checks {@code project} against the go command on the {@code PATH} of {@code env}; notes go to
     * {@code err} unless {@code quiet}.
     *
     * @throws GoModException {@code go.mod requires go >= V (running go L; GOTOOLCHAIN=local)}
     */
    static void check(GoProject project, Map<String, String> env, PrintWriter err, boolean quiet) throws IOException {
        Optional<String> go;
        try {
            go = GoModFile.parseLax("go.mod", project.goMod(), null).go();
        } catch (RuntimeException malformed) {
            return; // reported by whatever reads go.mod next, with the go command's message
        }
        check("go.mod", go, env, err, quiet);
    }

    /**
     * Checks the go line of go.work file {@code goWork} as {@link #check(GoProject, Map, PrintWriter,
     * boolean)} checks a go.mod's, before anything else of the workspace is read (modload.ReadWorkFile),
     * naming the file as the go command does: relative to {@code dir} when that is shorter.
     *
     * @throws GoModException {@code ../go.work requires go >= V (running go L; GOTOOLCHAIN=local)}
     */
    static void checkWork(Path goWork, Path dir, Map<String, String> env, PrintWriter err, boolean quiet)
            throws IOException {
        Optional<String> go;
        try {
            go = GoWorkFile.parse("go.work", GoWorkFile.read(goWork)).go();
        } catch (IOException | RuntimeException unreadable) {
            return; // reported when the workspace is loaded, with the go command's message
        }
        check(MainModule.shortPath(dir, goWork.toAbsolutePath().normalize()), go, env, err, quiet);
    }

    private static void check(String file, Optional<String> go, Map<String, String> env, PrintWriter err, boolean quiet)
            throws IOException {
        if (go.isEmpty()) {
            return;
        }
        String local = installed(env);
        if (local.isEmpty() || GoVersion.compare(go.get(), local) <= 0) {
            return;
        }
        String mode = GoEnv.setting(env, "GOTOOLCHAIN");
        if (mode.isEmpty()) {
            mode = GoEnv.gorootDefault(env, "GOTOOLCHAIN");
        }
        if (mode.isEmpty()) {
            mode = GoCommand.onPath().env(env, List.of("GOTOOLCHAIN")).get("GOTOOLCHAIN");
        }
        String message = file + " requires go >= " + go.get() + " (running go " + local + "; GOTOOLCHAIN=" + mode + ")";
        if (mode.equals("local")) {
            throw new GoModException(message);
        }
        if (!quiet) {
            err.println("holdfast: " + message + ": the go command would switch toolchains; holdfast reads the"
                    + " module graph itself and carries on");
        }
    }

    /**
     * Returns the installed Go's version ({@code 1.26.8}) from {@code $GOROOT/VERSION} ({@link
     * GoEnv#goroot}, no process started), else from {@code go env GOVERSION}; {@code ""} when there is no
     * go command on the PATH.
     */
    static String installed(Map<String, String> env) throws IOException {
        Optional<Path> goroot = GoEnv.goroot(env);
        if (goroot.isEmpty()) {
            return ""; // no installed Go to be newer than: nothing to switch from
        }
        Path version = goroot.get().resolve("VERSION");
        if (Files.isRegularFile(version)) {
            String first = Files.readAllLines(version).stream().findFirst().orElse("");
            String v = GoVersion.fromToolchain(first.strip());
            if (!v.isEmpty()) {
                return v;
            }
        }
        return GoVersion.fromToolchain(
                GoCommand.onPath().env(env, List.of("GOVERSION")).get("GOVERSION"));
    }
}
