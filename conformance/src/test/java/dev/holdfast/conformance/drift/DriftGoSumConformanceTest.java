package dev.holdfast.conformance.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.ConformanceReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * go.sum lines missing for the build and extra lines, as {@code holdfast drift} finds them, against what
 * {@code go mod tidy -diff} would add and drop: for every line of a tidy go.sum taken out in turn, for
 * lines of modules the build does not need put in, and for main modules at go 1.16 (unpruned graph),
 * go 1.17 (tidy keeps what go 1.16 needs too) and go 1.21.
 */
@Timeout(600)
class DriftGoSumConformanceTest {
    @TempDir
    Path dir;

    @Test
    void eachLineRemoved_missingAsTidyAddsIt() throws IOException {
        for (String go : List.of("1.21", "1.17", "1.16")) {
            try (DriftWorld w = Fixtures.world(dir.resolve("go" + go))) {
                Fixtures.tidyProject(w);
                w.write("go.mod", w.read("go.mod").replace("go 1.21", "go " + go));
                w.goMod("mod", "tidy").checkSuccess();
                String tidy = w.read("go.sum");
                List<String> lines = tidy.lines().toList();
                int agreed = 0;
                List<String> disagreements = new ArrayList<>();
                for (int i = 0; i < lines.size(); i++) {
                    List<String> kept = new ArrayList<>(lines);
                    kept.remove(i);
                    w.write("go.sum", String.join("\n", kept) + "\n");
                    agreed += compare(w, "go " + go + " without " + lines.get(i), disagreements);
                }
                ConformanceReport.record(
                        "drift", "go.sum missing lines vs go mod tidy -diff (go " + go + ")", lines.size(), agreed);
                assertThat(disagreements).isEmpty();
                assertThat(agreed).isEqualTo(lines.size());
            }
        }
    }

    @Test
    void unneededLinesAdded_extraAsTidyDropsThem() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            String tidy = w.read("go.sum");
            // Hashes of module versions the build does not use: p (nowhere in the graph), b v1.0.0 (below
            // the selected version) and a go.mod-only line of e.
            w.goMod("mod", "download", "example.com/p@v1.2.0", "example.com/b@v1.0.0", "example.com/e@v1.0.0")
                    .checkSuccess();
            List<String> extra = List.of(
                    "example.com/p v1.2.0 " + ziphash(w, "example.com/p", "v1.2.0"),
                    "example.com/b v1.0.0/go.mod " + modhash(w, "example.com/b", "v1.0.0"),
                    "example.com/e v1.0.0/go.mod " + modhash(w, "example.com/e", "v1.0.0"));
            int agreed = 0;
            List<String> disagreements = new ArrayList<>();
            for (int n = 1; n <= extra.size(); n++) {
                List<String> all = new ArrayList<>(tidy.lines().toList());
                all.addAll(extra.subList(0, n));
                all.sort(null);
                w.write("go.sum", String.join("\n", all) + "\n");
                agreed += compare(w, n + " extra lines", disagreements);
            }
            ConformanceReport.record("drift", "go.sum extra lines vs go mod tidy -diff", extra.size(), agreed);
            assertThat(disagreements).isEmpty();
        }
    }

    /** Compares holdfast's go.sum findings with go mod tidy -diff; returns 1 when they agree. */
    static int compare(DriftWorld w, String what, List<String> disagreements) {
        TidyDiff go = TidyDiff.of(w.go(Map.of(), "mod", "tidy", "-diff"));
        DriftWorld.Run hf = w.driftJson("--offline");
        var missing = TidyDiff.missing(hf.messages("go-sum-missing"));
        var extra = TidyDiff.extra(hf.messages("go-sum-extra"));
        if (missing.equals(go.goSumAdded()) && extra.equals(go.goSumRemoved())) {
            return 1;
        }
        disagreements.add(what + ": go adds " + go.goSumAdded() + " drops " + go.goSumRemoved() + "; holdfast missing "
                + missing + " extra " + extra + "\n" + hf.describe());
        return 0;
    }

    static String ziphash(DriftWorld w, String path, String version) throws IOException {
        return java.nio.file.Files.readString(
                        w.sb.modCache().resolve("cache/download/" + path + "/@v/" + version + ".ziphash"))
                .strip();
    }

    static String modhash(DriftWorld w, String path, String version) throws IOException {
        return dev.holdfast.dirhash.DirHash.hashGoMod(java.nio.file.Files.readAllBytes(
                w.sb.modCache().resolve("cache/download/" + path + "/@v/" + version + ".mod")));
    }
}
