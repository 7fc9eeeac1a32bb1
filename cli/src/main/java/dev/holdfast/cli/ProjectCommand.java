package dev.holdfast.cli;

import dev.holdfast.fetch.GoEnv;
import dev.holdfast.modload.GoModException;
import dev.holdfast.modload.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** A command that works on a Go project: it takes {@code -C DIR} and reads the project there. */
abstract class ProjectCommand extends HoldfastCommand {
    @Option(
            names = {"-C", "--dir"},
            paramLabel = "DIR",
            description = "The Go project directory (default: the current directory).")
    private Path dir = Path.of("");

    private GoProject project;

    /**
     * Returns the project directory, absolute.
     *
     * @throws IllegalArgumentException with the go command's message when {@code -C} names no directory
     */
    final Path dir() {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(
                    "chdir " + dir + ": " + (Files.exists(absolute) ? "not a directory" : "no such file or directory"));
        }
        return absolute;
    }

    /**
     * Returns the go.work that puts the project directory in workspace mode, if any, as the go command
     * finds it: {@code GOWORK=off} leaves workspace mode, a file name in GOWORK uses that file, and
     * otherwise the nearest go.work at or above the directory does (modload's {@code FindGoWork}).
     */
    final Optional<Path> workspaceFile() throws IOException {
        return Workspace.find(dir(), GoEnv.setting(context().environment(), "GOWORK"));
    }

    /**
     * Reports whether the command works in workspace mode; {@link #project()} refuses workspace mode for
     * the others, with a message that names the go.work and the way out.
     */
    boolean supportsWorkspace() {
        return false;
    }

    /**
     * Reads the project that governs the project directory (once: later calls return the same files).
     *
     * @throws GoModException when there is no go.mod, a go.work puts the directory in workspace mode and
     *     the command does not support it, or go.mod needs a newer Go than the installed one under {@code
     *     GOTOOLCHAIN=local}
     */
    final GoProject project() throws IOException {
        if (project == null) {
            Optional<Path> work = workspaceFile();
            if (work.isPresent() && !supportsWorkspace()) {
                throw new GoModException(
                        work.get() + " puts this directory in workspace mode, which `holdfast " + name()
                                + "` does not support yet (a degraded overlay is one module's go.mod); set GOWORK=off to use the module's own"
                                + " build list");
            }
            GoProject read = GoProject.read(dir());
            Toolchain.check(read, context().environment(), err(), quiet());
            project = read;
        }
        return project;
    }
}
