package dev.holdfast.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
     * Reads the project that governs the project directory (once: later calls return the same files).
     *
     * @throws dev.holdfast.modload.GoModException when there is no go.mod, a go.work puts the directory in
     *     workspace mode, or go.mod needs a newer Go than the installed one under {@code GOTOOLCHAIN=local}
     */
    final GoProject project() throws IOException {
        if (project == null) {
            GoProject read = GoProject.read(dir());
            Workspace.refuse(dir(), context().environment());
            Toolchain.check(read, context().environment(), err(), quiet());
            project = read;
        }
        return project;
    }
}
