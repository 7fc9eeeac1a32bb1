package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The training run of serve's AOT cache: it completes (each of its requests got the status it expects,
 * or it throws) and leaves nothing in the temporary directory. The launcher runs it in the background
 * and would otherwise only notice a broken training as a missing cache.
 */
class ServeTrainingTest {
    @Test
    void trainingRun_answersEveryRequestAsExpected_andRemovesItsFiles() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        ServeTraining.main(new String[0]);
        try (Stream<Path> left = Files.list(tmp)) {
            List<Path> training = left.filter(p -> p.getFileName().toString().startsWith("holdfast-serve-training"))
                    .toList();
            assertThat(training).as("training directories left behind").isEmpty();
        }
    }
}
