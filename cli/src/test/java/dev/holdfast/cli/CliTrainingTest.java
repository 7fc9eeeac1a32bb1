package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The training run of the commands' AOT cache: every command it runs exits 0 (or it throws) and it leaves
 * nothing in the temporary directory. The launcher runs it in the background and would otherwise only
 * notice a broken training as a missing or thinner cache.
 */
class CliTrainingTest {
    @Test
    void trainingRun_everyCommandSucceeds_andRemovesItsFiles() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        CliTraining.main(new String[0]);
        try (Stream<Path> left = Files.list(tmp)) {
            List<Path> training = left.filter(p -> p.getFileName().toString().startsWith("holdfast-cli-training"))
                    .toList();
            assertThat(training).as("training directories left behind").isEmpty();
        }
    }
}
