package dev.holdfast.conformance.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.semver.Semver;
import dev.holdfast.testing.ConformanceReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast drift --against} on a second project directory and on a git revision: the build lists
 * side by side, as {@code go list -m all} lists them in each place; and the SARIF output of a run
 * pointing at lines relative to the repository root.
 */
@Timeout(300)
class DriftAgainstConformanceTest {
    @TempDir
    Path dir;

    @Test
    void againstDirectory_differencesAsGoListShowsThem() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            Map<String, String> before = goList(w);
            // The other environment: same module, older a (so older b), no c, and p.
            Path other = w.dir("other");
            Files.writeString(other.resolve("go.mod"), Fixtures.MAIN_GO_MOD);
            Files.writeString(
                    other.resolve("main.go"),
                    DriftWorld.source("main", "example.com/a", "example.com/p") + "\nfunc main() {}\n");
            w.sb.run(other, withModMod(w), "get", "example.com/a@v1.0.0", "example.com/p@v1.3.0")
                    .checkSuccess();
            w.sb.run(other, withModMod(w), "mod", "tidy").checkSuccess();
            Map<String, String> otherList = parse(
                    w.sb.run(other, w.env(), "list", "-m", "all").checkSuccess().stdout());

            DriftWorld.Run hf = w.driftJson("--against", other.toString());
            Set<String> expected = expected(before, otherList, other.toString());
            Set<String> got = againstFindings(hf);
            ConformanceReport.record(
                    "drift", "--against DIR vs go list -m all in both", expected.size(), agreed(expected, got));

            assertThat(got).as(hf.describe()).isEqualTo(expected);
            assertThat(got)
                    .contains(
                            "build-list-raised example.com/a",
                            "build-list-added example.com/c",
                            "build-list-removed example.com/p");
            assertThat(hf.exitCode())
                    .as("only notes, below the default --fail-on warning")
                    .isZero();
        }
    }

    @Test
    void againstGitRevision_differencesAsGoListShowsThem() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            git(w, "init", "-q");
            git(w, "add", "-A");
            git(w, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "tidy");
            Map<String, String> committed = goList(w);
            w.write(
                    "main.go",
                    DriftWorld.source("main", "example.com/a", "example.com/c", "example.com/p")
                            + "\nfunc main() {}\n");
            w.goMod("get", "example.com/a@v1.0.0", "example.com/p@v1.2.3", "example.com/b@v1.1.0")
                    .checkSuccess();
            w.goMod("mod", "tidy").checkSuccess();
            Map<String, String> now = goList(w);

            DriftWorld.Run hf = w.driftJson("--against", "HEAD");
            Set<String> expected = expected(now, committed, "HEAD");
            Set<String> got = againstFindings(hf);
            ConformanceReport.record(
                    "drift", "--against GIT-REF vs go list -m all at both", expected.size(), agreed(expected, got));

            assertThat(got).as(hf.describe()).isEqualTo(expected);
            assertThat(got).contains("build-list-lowered example.com/a", "build-list-added example.com/p");

            // SARIF: every finding a result with its rule, level and a go.mod or go.sum line under the repo root.
            DriftWorld.Run sarif = w.drift(Map.of(), "--format", "sarif", "--against", "HEAD");
            JsonNode log = new ObjectMapper().readTree(sarif.stdout());
            assertThat(log.get("version").asText()).isEqualTo("2.1.0");
            JsonNode run = log.get("runs").get(0);
            Set<String> rules = new TreeSet<>();
            run.get("tool")
                    .get("driver")
                    .get("rules")
                    .forEach(r -> rules.add(r.get("id").asText()));
            assertThat(run.get("results")).hasSize(hf.findings().size());
            for (JsonNode r : run.get("results")) {
                assertThat(rules).contains(r.get("ruleId").asText());
                assertThat(r.get("level").asText()).isIn("error", "warning", "note");
                JsonNode loc = r.get("locations").get(0).get("physicalLocation");
                assertThat(loc.get("artifactLocation").get("uri").asText()).isIn("go.mod", "go.sum");
                assertThat(loc.get("artifactLocation").get("uriBaseId").asText())
                        .isEqualTo("%SRCROOT%");
                assertThat(loc.get("region").get("startLine").asInt()).isPositive();
            }
            assertThat(sarif.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void badAgainst_isBadInput() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            git(w, "init", "-q");
            DriftWorld.Run hf = w.drift(Map.of(), "--against", "no-such-revision");
            assertThat(hf.exitCode()).as(hf.describe()).isEqualTo(2);
            assertThat(hf.stderr()).contains("holdfast drift: git show no-such-revision:./go.mod");
            assertThat(w.drift(Map.of(), "--format", "xml").exitCode()).isEqualTo(2);
            assertThat(w.drift(Map.of(), "--fail-on", "fatal").exitCode()).isEqualTo(2);
        }
    }

    private static Map<String, String> withModMod(DriftWorld w) {
        Map<String, String> env = new java.util.HashMap<>(w.env());
        env.put("GOFLAGS", "-mod=mod");
        return env;
    }

    private static void git(DriftWorld w, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .directory(w.project.toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isZero();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> goList(DriftWorld w) {
        return parse(w.go(Map.of(), "list", "-m", "all").checkSuccess().stdout());
    }

    /** Returns path to version of the non-main modules of go list -m all output. */
    private static Map<String, String> parse(String listing) {
        Map<String, String> out = new TreeMap<>();
        for (String line : listing.lines().toList()) {
            String[] f = line.split(" ");
            if (f.length >= 2) {
                out.put(f[0], f[1]);
            }
        }
        return out;
    }

    /** The findings --against should give for build list {@code now} against {@code then}, as {@code kind path}. */
    private static Set<String> expected(Map<String, String> now, Map<String, String> then, String name) {
        Set<String> out = new TreeSet<>();
        Set<String> paths = new TreeSet<>(now.keySet());
        paths.addAll(then.keySet());
        for (String p : paths) {
            String v = now.get(p);
            String w = then.get(p);
            if (w == null) {
                out.add("build-list-added " + p);
            } else if (v == null) {
                out.add("build-list-removed " + p);
            } else if (Semver.compare(v, w) != 0) {
                out.add((Semver.compare(v, w) > 0 ? "build-list-raised " : "build-list-lowered ") + p);
            }
        }
        return out;
    }

    private static Set<String> againstFindings(DriftWorld.Run hf) {
        Set<String> out = new TreeSet<>();
        for (JsonNode f : hf.findings()) {
            String kind = f.get("Kind").asText();
            if (kind.startsWith("build-list-")) {
                String m = f.get("Message").asText();
                out.add(kind + " " + m.substring(0, m.indexOf(' ')));
            }
        }
        return out;
    }

    private static int agreed(Set<String> expected, Set<String> got) {
        long extra = got.stream().filter(g -> !expected.contains(g)).count();
        return (int) Math.max(0, expected.stream().filter(got::contains).count() - extra);
    }
}
