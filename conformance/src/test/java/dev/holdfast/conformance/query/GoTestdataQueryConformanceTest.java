package dev.holdfast.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every module of the go command's own test proxy ({@code $GOROOT/src/cmd/go/testdata/mod}), served as
 * a {@code file://} GOPROXY to a main module excluding some of their versions: Holdfast's version
 * queries, version lists, retractions, deprecations and updates must equal {@code go list -m}'s, answer
 * for answer, errors included. The archives hold the go command's own retraction and deprecation test
 * cases (rationale shortening, self-retraction, +incompatible, renamed modules, missing go.mod).
 */
class GoTestdataQueryConformanceTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void goTestdata_listsAsGoListM() throws IOException {
        GoTestdataModules testdata = GoTestdataModules.load(new Random(20_260_101));
        // Not silently: these names are skipped by the go command's test proxy too.
        System.out.println("query: skipped " + testdata.skipped().size() + " of " + testdata.archives()
                + " GOROOT testdata archives whose names are not path_version: " + testdata.skipped());
        Map<GoListChecks, Tally> tallies =
                Tally.goList(testdata.scenario(), GoToolchain.get().sandbox(tmp.resolve("sandbox")), tmp);
        ConformanceReport.record(
                "query",
                "GOROOT testdata archives served (rest skipped: name is not path_version)",
                testdata.archives(),
                testdata.archives() - testdata.skipped().size());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<GoListChecks, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            if (t.compared == 0) {
                continue; // the main module requires nothing here
            }
            ConformanceReport.record("query", e.getKey().description + ", GOROOT testdata", t.compared, t.agreed);
            problems.addAll(t.problems);
        }
        assertThat(problems).isEmpty();
        assertThat(testdata.skipped().size()).isLessThan(testdata.archives() / 20);
        assertThat(tallies.get(GoListChecks.QUERY).compared).isGreaterThan(3000);
    }
}
