package dev.holdfast.cli;

import dev.holdfast.fetch.GoEnv;
import dev.holdfast.modload.GoModException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Workspace mode, as the go command enters it (modload's {@code FindGoWork}): {@code GOWORK=off} leaves
 * it; a {@code GOWORK} file name uses that file; unset, the nearest {@code go.work} at or above the
 * project directory does. Holdfast computes the build list of one main module; in a workspace the go
 * command's build list is that of every module the go.work uses, with its replacements, so Holdfast
 * refuses with a message saying so rather than print a different answer.
 */
final class Workspace {
    private Workspace() {}

    /** Returns the go.work that puts {@code dir} in workspace mode under environment {@code env}, if any. */
    static Optional<Path> active(Path dir, Map<String, String> env) throws IOException {
        String gowork = GoEnv.setting(env, "GOWORK");
        if (gowork.equals("off")) {
            return Optional.empty();
        }
        if (!gowork.isEmpty() && !gowork.equals("auto")) {
            return Optional.of(Path.of(gowork));
        }
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path file = d.resolve("go.work");
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses workspace mode for the project in {@code dir}.
     *
     * @throws GoModException naming the go.work and the way out ({@code GOWORK=off})
     */
    static void refuse(Path dir, Map<String, String> env) throws IOException {
        Optional<Path> work = active(dir, env);
        if (work.isPresent()) {
            throw new GoModException(work.get() + " puts this directory in workspace mode, which holdfast does not"
                    + " support yet: its build list would differ from the go command's; set GOWORK=off to use the"
                    + " module's own build list");
        }
    }
}
