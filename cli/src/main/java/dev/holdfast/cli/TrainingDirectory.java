package dev.holdfast.cli;

import dev.holdfast.store.ReadOnlyTrees;
import java.nio.file.Files;
import java.nio.file.Path;

/** The temporary directory of an AOT cache's training run ({@link CliTraining}, {@link ServeTraining}). */
final class TrainingDirectory {
    /** A training run over the directory it may fill. */
    interface Training {
        /** Trains in {@code dir}; throws when a command or a server did not answer as it should. */
        void run(Path dir) throws Exception;
    }

    private TrainingDirectory() {}

    /** Runs {@code training} in a new temporary directory named from {@code prefix}, removed afterwards. */
    static void run(String prefix, Training training) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        try {
            training.run(dir);
        } finally {
            ReadOnlyTrees.removeAll(dir);
        }
    }
}
