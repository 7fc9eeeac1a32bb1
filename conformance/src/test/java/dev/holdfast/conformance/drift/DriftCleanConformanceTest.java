package dev.holdfast.conformance.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A project the go command just tidied has no drift, by either tool's account. */
@Timeout(180)
class DriftCleanConformanceTest {
    @TempDir
    Path dir;

    @Test
    void tidyProject_noFindings() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            System.err.println(w.read("go.mod"));
            System.err.println(w.read("go.sum"));
            GoToolchain.Run diff = w.go(Map.of(), "mod", "tidy", "-diff");
            System.err.println(diff.describe());
            DriftWorld.Run hf = w.drift(Map.of());
            System.err.println(hf.describe());
            assertThat(hf.exitCode()).as(hf.describe()).isZero();
        }
    }
}
