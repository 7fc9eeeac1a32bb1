package dev.holdfast.conformance.degraded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.conformance.download.HoldfastCli;
import dev.holdfast.conformance.download.TestModules;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Degraded mode end to end with the real go command: the upstream is black-holed, the module cache has
 * some of the project's versions and others of the same modules; {@code holdfast download
 * --allow-degraded} substitutes, the go command builds and runs the project offline through the
 * overlay (read-only, so the overlay must be complete) and compiles exactly the substitutes, {@code
 * status} lists every substitution; once the upstream is back, {@code recover} fetches the exact
 * versions, removes the overlay, and the project builds offline with its own go.mod.
 *
 * <p>The universe forces a second round of resolution: the substitute for {@code a v1.2.0} is {@code a
 * v1.3.0}, which requires {@code b v1.2.0}; the project's own {@code b v1.1.0} is not cached either.
 */
@Timeout(240)
class DegradedConformanceTest {
    @TempDir
    Path dir;

    static TestModules universe() {
        return new TestModules()
                .add("b", "v1.0.0", "")
                .add("b", "v1.1.0", "")
                .add("b", "v1.2.0", "")
                .add("a", "v1.1.0", "", "b@v1.0.0")
                .add("a", "v1.2.0", "", "b@v1.1.0")
                .add("a", "v1.3.0", "", "b@v1.2.0")
                .add("c", "v1.0.0", "")
                .add("c", "v1.1.0", "")
                .add("d", "v1.0.0", "");
    }

    @Test
    void downloadAllowDegraded_outage_buildsFromOverlay_thenRecovers() throws Exception {
        try (DegradedProject p = new DegradedProject(
                dir,
                universe(),
                List.of("a@v1.1.0", "a@v1.3.0", "b@v1.0.0", "b@v1.2.0", "c@v1.0.0", "d@v1.0.0"),
                "a@v1.2.0",
                "c@v1.1.0",
                "d@v1.0.0")) {
            p.relay.faults(Scenario.OUTAGE.faults());

            HoldfastCli.Run download = p.command("download", "--allow-degraded");

            assertThat(download.exitCode()).as(download.describe()).isZero();
            p.assertOwnFilesUnchanged();
            assertThat(p.overlay()).exists();
            assertThat(download.stdout()).contains("go build -modfile=" + p.overlay() + " ./...");
            JsonNode record = HoldfastCli.objects(Files.readString(p.overlay().resolveSibling("substitutions.json")))
                    .getFirst();
            Map<String, String> recorded = new TreeMap<>();
            for (JsonNode s : record.get("Substitutions")) {
                recorded.put(
                        s.get("Path").asText() + "@" + s.get("Wanted").asText(),
                        s.get("Used").asText());
                assertThat(s.get("Reason").asText()).isNotEmpty();
                assertThat(s.get("Time").asText()).isNotEmpty();
            }
            // The rule: lowest cached version above the wanted one (a), else the highest below (c); d is
            // cached at the wanted version and used as it is. b v1.1.0, the project's own requirement, is
            // not substituted: the substitute a v1.3.0 requires b v1.2.0, so the overlay raises it.
            assertThat(recorded)
                    .isEqualTo(Map.of(
                            TestModules.path("a") + "@v1.2.0", "v1.3.0",
                            TestModules.path("c") + "@v1.1.0", "v1.0.0"));
            assertThat(record.get("Raised").toString())
                    .isEqualTo("[{\"Path\":\"" + TestModules.path("b") + "\",\"From\":\"v1.1.0\",\"To\":\"v1.2.0\"}]");
            assertThat(download.stdout()).contains("\t" + TestModules.path("b") + " v1.1.0 => v1.2.0");

            GoToolchain.Run build = p.goOffline("build", "-modfile=" + p.overlay(), "./...");
            GoToolchain.Run run = p.goOffline("run", "-modfile=" + p.overlay(), ".");
            Map<String, String> goList = p.goBuildList(p.overlay());
            long agreed = recorded.entrySet().stream()
                    .filter(e -> e.getValue()
                            .equals(goList.get(
                                    e.getKey().substring(0, e.getKey().indexOf('@')))))
                    .count();
            ConformanceReport.record(
                    "degraded",
                    "substitution record against go list -m -modfile=<overlay> all (offline): used version in effect",
                    recorded.size(),
                    agreed);
            assertThat(build.exitCode()).as(build.describe()).isZero();
            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.stdout())
                    .contains(TestModules.path("a") + " v1.3.0 " + TestModules.path("b") + " v1.2.0")
                    .contains(TestModules.path("c") + " v1.0.0")
                    .contains(TestModules.path("d") + " v1.0.0")
                    .doesNotContain("v1.2.0 " + TestModules.path("b") + " v1.1.0");
            assertThat(agreed).isEqualTo(recorded.size());
            assertThat(goList).containsEntry(TestModules.path("b"), "v1.2.0");

            HoldfastCli.Run status = p.command("status", "--json", "--probe-timeout", "1s");
            assertThat(status.exitCode()).as(status.describe()).isZero();
            JsonNode st = status.json().getFirst();
            Map<String, String> listed = new TreeMap<>();
            for (JsonNode s : st.path("Degraded").path("Substitutions")) {
                listed.put(
                        s.get("Path").asText() + "@" + s.get("Wanted").asText(),
                        s.get("Used").asText());
            }
            assertThat(listed).isEqualTo(recorded);
            assertThat(st.path("Sources").get(0).path("Source").asText()).isEqualTo(p.relay.url());
            assertThat(st.path("Sources").get(0).path("Health").asText()).isEqualTo("down");
            HoldfastCli.Run statusText = p.command("status", "--probe-timeout", "1s");
            for (String wanted : recorded.keySet()) {
                String path = wanted.substring(0, wanted.indexOf('@'));
                String version = wanted.substring(wanted.indexOf('@') + 1);
                assertThat(statusText.stdout())
                        .contains(path + " " + version + " => " + path + " " + recorded.get(wanted));
            }

            p.relay.faults(dev.holdfast.testing.Faults.NONE);
            HoldfastCli.Run recover = p.command("recover");

            assertThat(recover.exitCode()).as(recover.describe()).isZero();
            assertThat(p.project.resolve(".holdfast")).doesNotExist();
            p.assertOwnFilesUnchanged();
            GoToolchain.Run own = p.goOffline("run", ".");
            assertThat(own.exitCode()).as(own.describe()).isZero();
            assertThat(own.stdout())
                    .contains(TestModules.path("a") + " v1.2.0 " + TestModules.path("b") + " v1.1.0")
                    .contains(TestModules.path("c") + " v1.1.0");
            Map<String, String> ownList = p.goBuildList(null);
            assertThat(ownList)
                    .containsEntry(TestModules.path("a"), "v1.2.0")
                    .containsEntry(TestModules.path("b"), "v1.1.0")
                    .containsEntry(TestModules.path("c"), "v1.1.0");
        }
    }
}
