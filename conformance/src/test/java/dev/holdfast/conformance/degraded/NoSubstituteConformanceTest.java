package dev.holdfast.conformance.degraded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.download.HoldfastCli;
import dev.holdfast.conformance.download.TestModules;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the upstream is down and the module cache cannot stand in: {@code holdfast download} fails with
 * exit code 3, names every module that could not be had (the go command, offline on the same cache,
 * stops at the first, which Holdfast names too), and writes nothing into the project; without {@code
 * --allow-degraded} it also says which cached version would stand in.
 */
@Timeout(180)
class NoSubstituteConformanceTest {
    @TempDir
    Path dir;

    static TestModules universe() {
        return new TestModules()
                .add("x", "v1.0.0", "")
                .add("y", "v1.0.0", "")
                .add("y", "v1.1.0", "")
                .add("z", "v1.0.0", "")
                .add("z", "v1.1.0", "")
                .add("w", "v1.0.0", "");
    }

    @Test
    void download_outageWithoutUsableCache_namesEveryModule_exit3_writesNothing() throws Exception {
        // x and y are not cached at all; z only at another version; w exactly.
        try (DegradedProject p = new DegradedProject(
                dir, universe(), List.of("z@v1.0.0", "w@v1.0.0"), "x@v1.0.0", "y@v1.1.0", "z@v1.1.0", "w@v1.0.0")) {
            Map<String, String> before = p.projectFiles();
            p.relay.faults(Scenario.OUTAGE.faults());

            HoldfastCli.Run degraded = p.command("download", "--allow-degraded");
            HoldfastCli.Run strict = p.command("download");
            GoToolchain.Run go = p.goOffline("mod", "download");

            List<String> missing = List.of(TestModules.path("x") + "@v1.0.0", TestModules.path("y") + "@v1.1.0");
            // The go command stops at the first module it cannot load; Holdfast names them all.
            List<String> goNamed =
                    missing.stream().filter(go.stderr()::contains).toList();
            ConformanceReport.record(
                    "degraded",
                    "modules GOPROXY=off go mod download cannot load, also named by holdfast download"
                            + " --allow-degraded in an outage",
                    goNamed.size(),
                    goNamed.stream().filter(degraded.stderr()::contains).count());
            assertThat(go.exitCode()).as(go.describe()).isNotZero();
            assertThat(goNamed).as(go.describe()).isNotEmpty();
            assertThat(degraded.exitCode()).as(degraded.describe()).isEqualTo(3);
            for (String m : missing) {
                assertThat(degraded.stderr()).as(degraded.describe()).contains(m);
            }
            assertThat(degraded.stderr()).doesNotContain(TestModules.path("z") + "@v1.1.0");

            assertThat(strict.exitCode()).as(strict.describe()).isEqualTo(3);
            assertThat(strict.stderr())
                    .contains(TestModules.path("x") + "@v1.0.0")
                    .contains(TestModules.path("y") + "@v1.1.0")
                    .contains(TestModules.path("z") + "@v1.1.0: ")
                    .contains("(the module cache has v1.0.0)")
                    .contains("--allow-degraded would use the cached versions");
            assertThat(p.projectFiles()).isEqualTo(before);
            p.assertOwnFilesUnchanged();
        }
    }
}
