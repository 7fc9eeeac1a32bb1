package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The training runs of the AOT caches: each completes (every command it runs exits 0, every request to
 * its servers gets the status it expects, or it throws) and leaves nothing in the temporary directory.
 * The launcher runs them in the background and would otherwise only notice a broken training as a
 * missing or thinner cache.
 */
class TrainingRunTest {
    @Test
    void commandsTraining_everyCommandSucceeds_andRemovesItsFiles() throws Exception {
        CliTraining.main(new String[0]);
        assertThat(left("holdfast-cli-training"))
                .as("training directories left behind")
                .isEmpty();
    }

    @Test
    void serveTraining_answersEveryRequestAsExpected_andRemovesItsFiles() throws Exception {
        ServeTraining.main(new String[0]);
        assertThat(left("holdfast-serve-training"))
                .as("training directories left behind")
                .isEmpty();
    }

    private static List<Path> left(String prefix) throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .toList();
        }
    }
}
