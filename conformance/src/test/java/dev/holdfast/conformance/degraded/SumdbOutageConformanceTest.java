package dev.holdfast.conformance.degraded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.conformance.download.HoldfastCli;
import dev.holdfast.conformance.download.TestModules;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.Scenario;
import dev.holdfast.testing.SumdbServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Degraded mode with a checksum database configured (GOSUMDB, a database of the test's own on
 * 127.0.0.1 that knows every module) that goes down with the proxy: substitutes, which the project's
 * go.sum has no lines for, cannot be checked against it. Without {@code --allow-degraded} that is an
 * outage like any other (exit 3); with it, their go.sum lines are accepted unchecked and counted, and
 * the go command builds the overlay offline. A hash go.sum does record is still checked.
 */
@Timeout(180)
class SumdbOutageConformanceTest {
    @TempDir
    Path dir;

    @Test
    void download_proxyAndSumdbDown_degradedAcceptsUncheckedSubstitutes() throws Exception {
        TestModules universe =
                new TestModules().add("a", "v1.1.0", "").add("a", "v1.2.0", "").add("a", "v1.3.0", "");
        try (SumdbServer db = SumdbServer.open("sum.example.com")) {
            for (TestModules.Module m : universe.modules()) {
                db.add(m.mv().path(), m.mv().version(), m.mod(), m.zip());
            }
            // The substitute was cached without a lookup in this database (say, checked by another
            // project's go.sum), so nothing on disk vouches for it.
            try (DegradedProject p = new DegradedProject(dir, universe, List.of("a@v1.3.0"), "a@v1.2.0")) {
                p.holdfastEnv.put("GOSUMDB", db.gosumdb());
                p.relay.faults(Scenario.OUTAGE.faults());
                db.close();

                HoldfastCli.Run strict = p.command("download", "--json");
                HoldfastCli.Run degraded = p.command("download", "--allow-degraded", "--json");

                assertThat(strict.exitCode()).as(strict.describe()).isEqualTo(3);
                assertThat(degraded.exitCode()).as(degraded.describe()).isZero();
                JsonNode summary = degraded.json().getLast().get("Summary");
                assertThat(summary.get("UncheckedBySumdb").asInt()).isPositive();
                assertThat(summary.path("Degraded")
                                .path("Substitutions")
                                .get(0)
                                .get("Used")
                                .asText())
                        .isEqualTo("v1.3.0");
                GoToolchain.Run run = p.goOffline("run", "-modfile=" + p.overlay(), ".");
                ConformanceReport.record(
                        "degraded",
                        "proxy and checksum database down: go run -modfile=<overlay> offline compiles the substitute",
                        1,
                        run.exitCode() == 0 && run.stdout().contains(TestModules.path("a") + " v1.3.0") ? 1 : 0);
                assertThat(run.exitCode()).as(run.describe()).isZero();
                assertThat(run.stdout()).contains(TestModules.path("a") + " v1.3.0");
                p.assertOwnFilesUnchanged();
            }
        }
    }
}
