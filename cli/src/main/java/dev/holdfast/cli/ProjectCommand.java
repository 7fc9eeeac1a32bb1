package dev.holdfast.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** A command that works on a Go project: it takes {@code -C DIR} and reads the project there. */
abstract class ProjectCommand extends HoldfastCommand {
    @Option(
            names = {"-C", "--dir"},
            paramLabel = "DIR",
            description = "The Go project directory (default: the current directory).")
    private Path dir = Path.of("");

    /** Returns the project directory, absolute. */
    final Path dir() {
        return dir.toAbsolutePath().normalize();
    }

    /**
     * Reads the project that governs the project directory.
     *
     * @throws dev.holdfast.modload.GoModException when there is no go.mod
     */
    final GoProject project() throws IOException {
        return GoProject.read(dir());
    }
}
