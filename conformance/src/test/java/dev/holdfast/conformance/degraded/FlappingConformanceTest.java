package dev.holdfast.conformance.degraded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.conformance.download.HoldfastCli;
import dev.holdfast.conformance.download.TestModules;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.Faults;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flapping upstream during {@code download --allow-degraded} and {@code recover}: whatever each run
 * met, its outcome is consistent. A run that succeeds leaves either no overlay and a project the go
 * command builds offline with its own go.mod, or an overlay whose record is exactly what the go command
 * uses (the overlay's replace directives as {@code go mod edit -json} reads them are the record, {@code
 * go mod graph} loads offline, the program prints the versions of the substitutes it compiled) and that
 * builds offline; a run that fails leaves the project's files as they were. Once the
 * upstream stays up, {@code recover} ends with the exact versions. Once with the upstream going down in
 * the middle of a download (after a set number of connections, then up again for recover), once with
 * the relay flapping on a timer.
 */
@Timeout(300)
class FlappingConformanceTest {
    /** Give up on an upstream quickly, so that a down phase shows as failures rather than waits. */
    private static final String[] SHORT = {"--retry-budget", "150ms", "--attempt-timeout", "400ms"};

    @TempDir
    Path dir;

    static TestModules universe() {
        return new TestModules()
                .add("r", "v1.0.0", "")
                .add("p", "v1.0.0", "")
                .add("p", "v1.1.0", "")
                .add("p", "v1.2.0", "")
                .add("q", "v1.0.0", "", "r@v1.0.0")
                .add("q", "v1.1.0", "", "r@v1.0.0")
                .add("q", "v1.2.0", "", "r@v1.0.0")
                .add("s", "v1.0.0", "")
                .add("s", "v1.1.0", "");
    }

    private DegradedProject project(Path where) throws IOException {
        return new DegradedProject(
                where,
                universe(),
                List.of("p@v1.0.0", "p@v1.2.0", "q@v1.2.0", "r@v1.0.0", "s@v1.0.0"),
                "p@v1.1.0",
                "q@v1.1.0",
                "s@v1.1.0");
    }

    @Test
    void downloadThenRecover_upstreamGoesDownMidwayThenUp_consistent() throws Exception {
        try (DegradedProject p = project(dir.resolve("scripted"))) {
            List<String> outcomes = new ArrayList<>();
            long start = p.relay.connections();
            Thread watcher = Thread.ofVirtual().start(() -> {
                // Up for the three go.mod files and one zip, then down.
                while (p.relay.connections() < start + 4
                        && !Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                p.relay.stop();
            });
            Map<String, String> before = p.projectFiles();
            HoldfastCli.Run download = run(p, "download", "--allow-degraded");
            watcher.interrupt();
            watcher.join();
            outcomes.add(check(p, download, before));
            assertThat(p.overlay())
                    .as("the upstream went down before every zip was had")
                    .exists();

            p.relay.start();
            before = p.projectFiles();
            HoldfastCli.Run recover = run(p, "recover");
            outcomes.add(check(p, recover, before));

            record("upstream up, down mid-download, up for recover", outcomes);
            assertThat(outcomes).doesNotContain("inconsistent");
            assertThat(recover.exitCode()).as(recover.describe()).isZero();
            assertExact(p);
        }
    }

    @Test
    void downloadAndRecover_flappingUpstream_consistent() throws Exception {
        try (DegradedProject p = project(dir.resolve("flapping"))) {
            p.relay.faults(Faults.NONE.withFlapping(Duration.ofMillis(100), Duration.ofMillis(400)));
            List<String> outcomes = new ArrayList<>();
            List<String> commands = List.of("download", "recover", "download", "recover", "recover", "recover");
            for (int i = 0; i < commands.size(); i++) {
                String command = commands.get(i);
                Thread.sleep(130L * i); // start each run at another phase of the 500 ms cycle
                Map<String, String> before = p.projectFiles();
                HoldfastCli.Run run =
                        command.equals("download") ? run(p, "download", "--allow-degraded") : run(p, "recover");
                outcomes.add(check(p, run, before));
            }
            p.relay.faults(Faults.NONE);
            Map<String, String> before = p.projectFiles();
            HoldfastCli.Run last = run(p, "recover");
            outcomes.add(check(p, last, before));

            record("flapping upstream (100 ms up, 400 ms down), download and recover, then up", outcomes);
            assertThat(outcomes).doesNotContain("inconsistent");
            assertThat(last.exitCode()).as(last.describe()).isZero();
            assertExact(p);
        }
    }

    private static HoldfastCli.Run run(DegradedProject p, String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "-C", p.project.toString()));
        all.addAll(List.of(SHORT));
        all.addAll(List.of(args));
        return p.holdfast(all.toArray(String[]::new));
    }

    /**
     * Checks one run's outcome and returns {@code exact}, {@code degraded}, {@code failed} or {@code
     * inconsistent}.
     */
    private static String check(DegradedProject p, HoldfastCli.Run run, Map<String, String> before) throws IOException {
        p.assertOwnFilesUnchanged();
        if (run.exitCode() == 3) {
            assertThat(p.projectFiles()).as(run.describe()).isEqualTo(before);
            return "failed";
        }
        assertThat(run.exitCode()).as(run.describe()).isIn(0, 1);
        if (!Files.exists(p.overlay())) {
            GoToolchain.Run build = p.goOffline("build", "./...");
            return build.exitCode() == 0 && run.exitCode() == 0 ? "exact" : "inconsistent";
        }
        Map<String, String> recorded = new TreeMap<>();
        Map<String, String> compiled = new TreeMap<>();
        JsonNode record = HoldfastCli.objects(Files.readString(p.overlay().resolveSibling("substitutions.json")))
                .getFirst();
        for (JsonNode s : record.get("Substitutions")) {
            String wanted = s.get("Path").asText() + " " + s.get("Wanted").asText();
            recorded.put(wanted, s.get("Path").asText() + " " + s.get("Used").asText());
            if (s.get("Need").asText().equals("zip")) {
                compiled.put(s.get("Path").asText(), s.get("Used").asText());
            }
        }
        // What the go command reads from the overlay: its replace directives (go mod edit -json), the
        // graph it loads offline (go mod graph), and the versions the program was compiled from.
        Map<String, String> replaced = new TreeMap<>();
        GoToolchain.Run edit = p.goOffline("mod", "edit", "-json", p.overlay().toString());
        for (JsonNode r : HoldfastCli.objects(edit.stdout()).getFirst().path("Replace")) {
            replaced.put(
                    r.path("Old").path("Path").asText() + " "
                            + r.path("Old").path("Version").asText(),
                    r.path("New").path("Path").asText() + " "
                            + r.path("New").path("Version").asText());
        }
        GoToolchain.Run graph = p.goOffline("mod", "graph", "-modfile=" + p.overlay());
        GoToolchain.Run program = p.goOffline("run", "-modfile=" + p.overlay(), ".");
        boolean consistent =
                graph.exitCode() == 0 && program.exitCode() == 0 && !recorded.isEmpty() && replaced.equals(recorded);
        for (Map.Entry<String, String> e : compiled.entrySet()) {
            consistent &= program.stdout().contains(e.getKey() + " " + e.getValue());
        }
        assertThat(consistent)
                .as(run.describe() + "\nrecord " + recorded + "\nreplaced " + replaced + "\n" + graph.describe() + "\n"
                        + program.describe())
                .isTrue();
        return "degraded";
    }

    private static void record(String scenario, List<String> outcomes) {
        System.out.println(scenario + ": " + String.join(", ", outcomes));
        ConformanceReport.record(
                "degraded",
                scenario + ": each outcome consistent with what the go command builds",
                outcomes.size(),
                outcomes.stream().filter(o -> !o.equals("inconsistent")).count());
    }

    private static void assertExact(DegradedProject p) throws IOException {
        assertThat(p.project.resolve(".holdfast")).doesNotExist();
        p.assertOwnFilesUnchanged();
        GoToolchain.Run own = p.goOffline("run", ".");
        assertThat(own.exitCode()).as(own.describe()).isZero();
        assertThat(own.stdout())
                .contains(TestModules.path("p") + " v1.1.0")
                .contains(TestModules.path("q") + " v1.1.0")
                .contains(TestModules.path("s") + " v1.1.0");
    }
}
