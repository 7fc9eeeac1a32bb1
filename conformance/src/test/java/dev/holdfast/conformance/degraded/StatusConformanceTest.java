package dev.holdfast.conformance.degraded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.conformance.download.HoldfastCli;
import dev.holdfast.conformance.download.TestModules;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast status --json} against {@code go list -m -u -retracted -json all} on the same project
 * and universe: for every module of the build list, the Update version, the Retracted rationales and
 * the Deprecated message agree. The universe has newer releases, a retracted version in use (with and
 * without a rationale), a deprecated module, a newer pre-release only, and a module whose newer version
 * is retracted.
 */
@Timeout(180)
class StatusConformanceTest {
    @TempDir
    Path dir;

    static TestModules universe() {
        return new TestModules()
                .add("up", "v1.0.0", "")
                .add("up", "v1.1.0", "")
                .add("up", "v1.2.0", "")
                .add("ret", "v1.0.0", "")
                .add("ret", "v1.1.0", "retract v1.0.0 // it deletes your files")
                .add("ret2", "v1.0.0", "")
                .add("ret2", "v1.0.1", "retract [v1.0.0, v1.0.1]")
                .add("dep", "v1.0.0", "")
                .add("dep", "v1.1.0", "// Deprecated: use example.com/dl/up instead.")
                .add("pre", "v1.0.0", "")
                .add("pre", "v1.1.0-rc.1", "")
                .add("tip", "v1.0.0", "")
                .add("tip", "v1.1.0", "retract v1.1.0 // oops")
                .add("same", "v1.0.0", "", "up@v1.1.0");
    }

    @Test
    void status_matchesGoListUpdatesRetractionsDeprecations() throws Exception {
        try (DegradedProject p = new DegradedProject(
                dir,
                universe(),
                List.of(),
                "up@v1.0.0",
                "ret@v1.0.0",
                "ret2@v1.0.0",
                "dep@v1.0.0",
                "pre@v1.0.0",
                "tip@v1.0.0",
                "same@v1.0.0")) {
            HoldfastCli.Run status = p.command("status", "--json");
            GoToolchain.Run go = p.go.run(
                    p.project,
                    Map.of("GOPROXY", p.proxy.toUri().toString()),
                    "list",
                    "-m",
                    "-u",
                    "-retracted",
                    "-json",
                    "all");

            assertThat(status.exitCode()).as(status.describe()).isZero();
            assertThat(go.exitCode()).as(go.describe()).isZero();
            Map<String, String> ours = new TreeMap<>();
            for (JsonNode m : status.json().getFirst().get("Modules")) {
                ours.put(m.get("Path").asText(), fields(m));
            }
            Map<String, String> theirs = new TreeMap<>();
            for (JsonNode m : HoldfastCli.objects(go.stdout())) {
                if (!m.path("Main").asBoolean()) {
                    theirs.put(m.get("Path").asText(), fields(m));
                }
            }
            long agreed = theirs.entrySet().stream()
                    .filter(e -> e.getValue().equals(ours.get(e.getKey())))
                    .count();
            ConformanceReport.record(
                    "degraded",
                    "holdfast status --json against go list -m -u -retracted -json all: Update, Retracted, Deprecated",
                    theirs.size(),
                    agreed);
            assertThat(ours).isEqualTo(theirs);
            assertThat(theirs.values()).anyMatch(v -> v.contains("update=v1.2.0"));
            assertThat(theirs.values()).anyMatch(v -> v.contains("it deletes your files"));
            assertThat(theirs.values()).anyMatch(v -> v.contains("deprecated=use"));
            HoldfastCli.Run text = p.command("status");
            assertThat(text.stdout())
                    .contains(TestModules.path("up") + " v1.1.0 [v1.2.0]")
                    .contains(TestModules.path("ret") + " v1.0.0: it deletes your files")
                    .contains(TestModules.path("dep") + ": use example.com/dl/up instead.")
                    .contains("degraded: no");
        }
    }

    /**
     * The proxy gone after a first look: go list -m -u fails, status still shows what the version lists the
     * module cache kept say, and says that is all it had instead of a plain "none".
     */
    @Test
    void status_proxyDown_saysItsListsAreTheCachedOnes() throws Exception {
        try (DegradedProject p = new DegradedProject(dir, universe(), List.of(), "up@v1.0.0", "tip@v1.0.0")) {
            HoldfastCli.Run live = p.command("status");
            assertThat(live.stdout())
                    .as(live.describe())
                    .contains("updates:\n\t" + TestModules.path("up") + " v1.0.0 [v1.2.0]")
                    .contains("retracted: none\n");
            p.relay.stop();
            GoToolchain.Run go = p.go.run(p.project, Map.of("GOPROXY", p.relay.url()), "list", "-m", "-u", "all");
            HoldfastCli.Run down = p.command("status");

            boolean agrees = go.exitCode() != 0
                    && down.exitCode() == 0
                    && down.stdout()
                            .contains("updates (2 only in the version lists the module cache kept):\n\t"
                                    + TestModules.path("up") + " v1.0.0 [v1.2.0]")
                    && down.stdout()
                            .contains("retracted: none found (2 only in the version lists the module cache kept)");
            ConformanceReport.record(
                    "degraded",
                    "holdfast status with the proxy gone vs go list -m -u: cached lists, said so",
                    1,
                    agrees ? 1 : 0);
            assertThat(agrees).as(go.describe() + down.describe()).isTrue();
        }
    }

    private static String fields(JsonNode m) {
        return "version=" + m.path("Version").asText() + " update="
                + m.path("Update").path("Version").asText()
                + " retracted=" + m.path("Retracted") + " deprecated="
                + m.path("Deprecated").asText() + " error="
                + m.path("Error").path("Err").asText();
    }
}
