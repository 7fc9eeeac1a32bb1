package dev.holdfast.conformance.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * go.mod drift, one kind per project: a requirement below the selected version, wrong {@code //
 * indirect} markings, an import no requirement provides, replacements, and excludes of versions nothing
 * requires; each confirmed with the go command where it has an opinion ({@code go mod tidy -diff},
 * {@code go list -m}, {@code go build}, {@code go mod graph}).
 */
@Timeout(300)
class DriftGoModConformanceTest {
    @TempDir
    Path dir;

    @Test
    void requirementBelowSelected_foundAndTidyRaisesIt() throws IOException {
        for (String go : List.of("1.21", "1.16")) {
            try (DriftWorld w = Fixtures.world(dir.resolve("go" + go))) {
                Fixtures.tidyProject(w);
                w.write("go.mod", w.read("go.mod").replace("go 1.21", "go " + go));
                w.goMod("mod", "tidy").checkSuccess();
                w.write("go.mod", w.read("go.mod").replace("example.com/b v1.1.0", "example.com/b v1.0.0"));
                // go mod download records b v1.0.0's hashes in go.sum, as a go command that read it would have.
                w.goMod("mod", "download", "example.com/b@v1.0.0").checkSuccess();

                DriftWorld.Run hf = w.driftJson();
                TidyDiff tidy = TidyDiff.of(w.go(Map.of(), "mod", "tidy", "-diff"));
                GoToolchain.Run readonly = w.go(Map.of(), "list", "-m", "all");
                String selected = w.goMod("list", "-m", "all")
                        .checkSuccess()
                        .stdout()
                        .lines()
                        .filter(l -> l.startsWith("example.com/b "))
                        .findFirst()
                        .orElse("");
                boolean agrees = hf.messages("require-below-selected")
                                .equals(List.of("go.mod requires example.com/b v1.0.0 but the build selects v1.1.0"))
                        && selected.equals("example.com/b v1.1.0")
                        && tidy.goModRemoved().stream().anyMatch(l -> l.contains("example.com/b v1.0.0"))
                        && tidy.goModAdded().stream().anyMatch(l -> l.contains("example.com/b v1.1.0"));
                ConformanceReport.record(
                        "drift", "require-below-selected vs go list -m all / go mod tidy -diff", 1, agrees ? 1 : 0);

                assertThat(hf.exitCode()).as(hf.describe()).isEqualTo(1);
                assertThat(agrees)
                        .as(hf.describe() + "\n" + tidy + "\n" + selected)
                        .isTrue();
                assertThat(location(hf, "require-below-selected")).startsWith("go.mod:");
                // An error, as the go command with -mod=readonly refuses to go on, pruned graph or not.
                String severity = hf.findings().stream()
                        .filter(f -> f.get("Kind").asText().equals("require-below-selected"))
                        .findFirst()
                        .orElseThrow()
                        .get("Severity")
                        .asText();
                assertThat(severity).isEqualTo("error");
                assertThat(readonly.exitCode()).as(readonly.describe()).isNotZero();
                assertThat(readonly.stderr()).contains("updates to go.mod needed");
                assertGoSumAgreesWithTidy(w, hf, tidy);
            }
        }
    }

    @Test
    void indirectMarkingsWrong_foundAsTidyWouldFixThem() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            w.write(
                    "go.mod",
                    w.read("go.mod")
                            .replace("example.com/a v1.1.0\n", "example.com/a v1.1.0 // indirect\n")
                            .replace("example.com/b v1.1.0 // indirect", "example.com/b v1.1.0"));
            DriftWorld.Run hf = w.driftJson();
            TidyDiff tidy = TidyDiff.of(w.go(Map.of(), "mod", "tidy", "-diff"));
            Set<String> goChanged = paths(tidy.goModRemoved());
            Set<String> holdfast = hf.messages("indirect-wrong").stream()
                    .map(m -> m.substring(0, m.indexOf(' ')))
                    .collect(Collectors.toCollection(TreeSet::new));
            ConformanceReport.record(
                    "drift", "indirect-wrong vs go mod tidy -diff", 2, goChanged.equals(holdfast) ? 2 : 0);

            assertThat(holdfast).as(hf.describe()).containsExactly("example.com/a", "example.com/b");
            assertThat(goChanged).as(tidy.toString()).isEqualTo(holdfast);
            assertThat(hf.messages("indirect-wrong"))
                    .contains("example.com/a is marked // indirect but the main module imports example.com/a");
            assertThat(hf.exitCode()).isEqualTo(1);
            // A warning, not an error: the go command builds with wrong markings (only tidy corrects them).
            assertThat(hf.findings())
                    .allMatch(f -> !f.get("Kind").asText().equals("indirect-wrong")
                            || f.get("Severity").asText().equals("warning"));
            GoToolchain.Run build = w.go(Map.of(), "build", "./...");
            assertThat(build.exitCode()).as(build.describe()).isZero();
        }
    }

    @Test
    void importWithoutRequirement_foundAndGoBuildRefuses() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            w.write(
                    "main.go",
                    DriftWorld.source("main", "example.com/a", "example.com/c", "example.com/e")
                            + "\nfunc main() {}\n");
            DriftWorld.Run hf = w.driftJson();
            GoToolchain.Run build = w.go(Map.of(), "build", "./...");
            TidyDiff tidy = TidyDiff.of(w.go(Map.of(), "mod", "tidy", "-diff"));
            boolean agrees = hf.messages("require-missing").size() == 1
                    && hf.messages("require-missing").getFirst().contains("example.com/e")
                    && build.exitCode() != 0
                    && build.stderr().contains("no required module provides package example.com/e")
                    && tidy.goModAdded().stream().anyMatch(l -> l.startsWith("example.com/e v1.0.0"));
            ConformanceReport.record("drift", "require-missing vs go build / go mod tidy -diff", 1, agrees ? 1 : 0);

            assertThat(hf.kinds()).as(hf.describe()).contains("require-missing");
            assertThat(agrees).as(hf.describe() + build.describe() + tidy).isTrue();
            assertThat(hf.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void replacements_foundAsTheGoCommandApplies() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            // b comes from a directory beside the project (outside its tree: drift); nested is a module in
            // the project's own tree (how monorepos are built: not drift).
            w.write("../localb/go.mod", "module example.com/b\n\ngo 1.21\n")
                    .write("../localb/b.go", DriftWorld.source("b"))
                    .write("nested/go.mod", "module example.com/nested\n\ngo 1.21\n")
                    .write(
                            "go.mod",
                            w.read("go.mod")
                                    + "\nreplace example.com/b => ../localb\n\nreplace example.com/nested => ./nested\n"
                                    + "\nreplace example.com/t v1.0.0 => example.com/bfork v1.0.0\n");
            w.goMod("mod", "tidy").checkSuccess();
            DriftWorld.Run hf = w.driftJson();
            JsonNode b = json(w.go(Map.of(), "list", "-m", "-json", "example.com/b")
                    .checkSuccess()
                    .stdout());
            JsonNode t = json(w.go(Map.of(), "list", "-m", "-json", "example.com/t")
                    .checkSuccess()
                    .stdout());
            boolean agrees = b.path("Replace").path("Path").asText().equals("../localb")
                    && t.path("Replace").path("Path").asText().equals("example.com/bfork")
                    && hf.messages("replace-directory")
                            .equals(List.of(
                                    "example.com/b is replaced by directory ../localb, outside this repository"))
                    && hf.messages("replace-module")
                            .equals(List.of("example.com/t v1.0.0 is replaced by example.com/bfork v1.0.0"));
            ConformanceReport.record(
                    "drift", "replace-directory/replace-module vs go list -m -json", 2, agrees ? 2 : 0);

            assertThat(agrees).as(hf.describe() + b + t).isTrue();
            assertThat(location(hf, "replace-directory")).startsWith("go.mod:");
            assertThat(hf.exitCode()).isEqualTo(1);
            assertGoSumAgreesWithTidy(w, hf, TidyDiff.of(w.go(Map.of(), "mod", "tidy", "-diff")));
        }
    }

    @Test
    void excludesOfVersionsNothingRequires_found() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            w.write("go.mod", w.read("go.mod") + "\nexclude (\n\texample.com/p v1.2.0\n\texample.com/a v1.0.0\n)\n");
            DriftWorld.Run hf = w.driftJson();
            String graph = w.go(Map.of(), "mod", "graph").checkSuccess().stdout();
            boolean absent = !graph.contains("example.com/p@v1.2.0") && !graph.contains("example.com/a@v1.0.0");
            boolean agrees = absent
                    && hf.messages("exclude-unused").size() == 2
                    && hf.messages("exclude-unused").getFirst().startsWith("exclude example.com/p v1.2.0 ");
            ConformanceReport.record("drift", "exclude-unused vs go mod graph", 2, agrees ? 2 : 0);

            assertThat(agrees).as(hf.describe() + graph).isTrue();
            assertThat(hf.kinds()).containsOnly("exclude-unused");
            // Notes only: failing on warnings passes, on notes fails.
            assertThat(w.drift(Map.of(), "--fail-on", "warning").exitCode()).isZero();
            assertThat(w.drift(Map.of(), "--fail-on", "none").exitCode()).isZero();
            assertThat(w.drift(Map.of(), "--fail-on", "note").exitCode()).isEqualTo(1);
        }
    }

    /** holdfast's go.sum findings in {@code hf} are what {@code tidy} says it would change. */
    static void assertGoSumAgreesWithTidy(DriftWorld w, DriftWorld.Run hf, TidyDiff tidy) {
        assertThat(TidyDiff.missing(hf.messages("go-sum-missing")))
                .as(hf.describe())
                .isEqualTo(tidy.goSumAdded());
        assertThat(TidyDiff.extra(hf.messages("go-sum-extra")))
                .as(hf.describe())
                .isEqualTo(tidy.goSumRemoved());
    }

    static String location(DriftWorld.Run hf, String kind) {
        JsonNode f = hf.findings().stream()
                .filter(n -> n.get("Kind").asText().equals(kind))
                .findFirst()
                .orElseThrow();
        return f.get("File").asText() + ":" + f.get("Line").asInt();
    }

    /** Returns the module paths of go.mod lines (require lines in or out of a block). */
    private static Set<String> paths(List<String> lines) {
        Set<String> out = new TreeSet<>();
        for (String l : lines) {
            String s = l.startsWith("require ") ? l.substring(8) : l;
            if (s.startsWith("example.com/")) {
                out.add(s.substring(0, s.indexOf(' ')));
            }
        }
        return out;
    }

    static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }
}
