package dev.holdfast.cli;

import dev.holdfast.degraded.Overlay;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.modload.GoModException;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.Workspace;
import dev.holdfast.module.GoStrings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
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
        return checkDirectory(dir);
    }

    /**
     * Returns {@code dir}, absolute, when it is a directory.
     *
     * @throws IllegalArgumentException with the go command's message for {@code -C} when it is not
     */
    static Path checkDirectory(Path dir) {
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
     *
     * @throws GoModException as the go command refuses when GOFLAGS sets {@code -modfile} in workspace mode
     */
    final Optional<Path> workspaceFile() throws IOException {
        refuseGopathMode();
        refuseInvalidToolchain();
        Optional<Path> work = Workspace.find(dir(), GoEnv.setting(context().environment(), "GOWORK"));
        if (work.isPresent() && !context().goEnv().modFile().isEmpty()) {
            throw new GoModException("-modfile cannot be used in workspace mode");
        }
        return work;
    }

    /**
     * Refuses as the go command refuses its module commands under {@code GO111MODULE=off}: {@code go list
     * -m} (list, status) in its own words, the {@code go mod} commands and {@code go get} with theirs.
     */
    private void refuseGopathMode() throws IOException {
        if (GoEnv.setting(context().environment(), "GO111MODULE").equals("off")) {
            throw new GoModException(
                    name().equals("list") || name().equals("status")
                            ? "list -m cannot be used with GO111MODULE=off"
                            : "modules disabled by GO111MODULE=off; see 'go help modules'");
        }
    }

    /**
     * Refuses a GOTOOLCHAIN the go command refuses before it does anything (toolchain.Select), in its words:
     * a minimum that names no Go toolchain, or a suffix other than {@code +auto} and {@code +path}. A valid
     * one that would switch toolchains is {@link Toolchain}'s concern.
     */
    private void refuseInvalidToolchain() throws IOException {
        String value = GoEnv.setting(context().environment(), "GOTOOLCHAIN");
        if (value.isEmpty() || value.equals("auto") || value.equals("path")) {
            return;
        }
        int plus = value.indexOf('+');
        String min = plus < 0 ? value : value.substring(0, plus);
        if (!min.equals("local") && GoVersion.fromToolchain(min).isEmpty()) {
            throw new IllegalArgumentException("invalid GOTOOLCHAIN " + GoStrings.quote(value)
                    + (plus < 0 ? "" : ": invalid minimum toolchain " + GoStrings.quote(min)));
        }
        String suffix = plus < 0 ? "" : value.substring(plus + 1);
        if (plus >= 0 && !suffix.equals("auto") && !suffix.equals("path")) {
            throw new IllegalArgumentException(
                    "invalid GOTOOLCHAIN " + GoStrings.quote(value) + ": only version suffixes are +auto and +path");
        }
    }

    /**
     * The commands that work in workspace mode. list, graph, why, download, verify and status use the
     * workspace's build list, as the go command's list, mod graph, mod why, mod download and mod verify do;
     * drift checks each of its modules on its own, as go mod tidy sees it; down and bisect edit the module
     * that governs the directory on its own, as go get does (it never enters workspace mode). recover
     * refuses it: a degraded overlay is the go.mod of one module.
     */
    private static final Set<String> WORKSPACE_COMMANDS =
            Set.of("list", "graph", "why", "download", "verify", "status", "drift", "down", "bisect");

    /**
     * Reports whether the command works in workspace mode; {@link #project()} refuses workspace mode for
     * the others, with a message that names the go.work and the way out.
     */
    private boolean supportsWorkspace() {
        return WORKSPACE_COMMANDS.contains(name());
    }

    /**
     * The commands that read GOFLAGS' {@code -modfile} instead of the module's go.mod and go.sum, as the go
     * command's list, mod graph, mod why and mod verify do. The others edit go.mod or go.sum, keep their
     * own overlay beside them, or compare go.mod with a build: they refuse the flag rather than quietly read
     * another file than the go command would.
     */
    private static final Set<String> MODFILE_COMMANDS = Set.of("list", "graph", "why", "verify");

    /** The commands that keep the degraded overlay, and so read the module's own go.mod under its -modfile. */
    private static final Set<String> OVERLAY_COMMANDS = Set.of("download", "recover", "status");

    /** Reports whether {@code modFile} (relative to the project directory) is the degraded overlay's go.mod. */
    private boolean namesTheOverlay(String modFile) {
        Path file = dir().resolve(modFile).normalize();
        return MainModule.findRoot(dir())
                .map(root ->
                        Overlay.of(root).goMod().toAbsolutePath().normalize().equals(file))
                .orElse(false);
    }

    /**
     * Returns the {@code -modfile} GOFLAGS sets when the command reads it, else {@code ""}.
     *
     * @throws GoModException when it sets one and the command does not support it
     */
    private String modFile() throws IOException {
        String modFile = context().goEnv().modFile();
        if (modFile.isEmpty() || MODFILE_COMMANDS.contains(name())) {
            return modFile;
        }
        if (OVERLAY_COMMANDS.contains(name()) && namesTheOverlay(modFile)) {
            return ""; // set as a degraded download advised: these commands keep that overlay themselves
        }
        throw new GoModException("GOFLAGS sets -modfile=" + modFile + ", which `holdfast " + name()
                + "` does not support: it works on the module's own go.mod and go.sum; unset -modfile for it");
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
            Optional<Path> work = workspaceFile(); // refuses GOPATH mode first
            if (work.isPresent() && !supportsWorkspace()) {
                throw new GoModException(
                        work.get() + " puts this directory in workspace mode, which `holdfast " + name()
                                + "` does not support yet (a degraded overlay is one module's go.mod); set GOWORK=off to use the module's own"
                                + " build list");
            }
            GoProject read = GoProject.read(dir(), modFile());
            Toolchain.check(read, context().environment(), err(), quiet());
            project = read;
        }
        return project;
    }
}
