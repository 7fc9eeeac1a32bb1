package dev.holdfast.conformance.modfile;

import static dev.holdfast.conformance.modfile.EditScript.edit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.conformance.modfile.GoModCorpus.Input;
import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modfile.GoModSyntaxException;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.XmodOracle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated inputs: the GOROOT corpus after random text mutations ({@link GoModMutations}), and
 * random sequences of editing calls on corpus files; Holdfast and x/mod (the oracle) must produce
 * the same bytes, directives and errors. Seeded, so a failure reproduces.
 */
class GoModMutationConformanceTest {
    private static final long SEED = 20260521L;
    private static final int MUTATED_FILES = 3000;
    private static final int EDIT_SCRIPTS = 1000;

    @Test
    void mutatedFiles_matchOracle() {
        XmodOracle oracle = XmodOracle.get();
        List<Input> corpus = GoModCorpus.all();
        Random random = new Random(SEED);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        int rejected = 0;
        for (int i = 0; i < MUTATED_FILES; i++) {
            Input base = corpus.get(random.nextInt(corpus.size()));
            byte[] data = GoModMutations.mutate(base.data(), random);
            String name = base.source() + " mutation #" + i;
            for (boolean strict : new boolean[] {true, false}) {
                compared++;
                Outcome want = Outcome.oracle("modfile.format", data, strict);
                Outcome got = Outcome.holdfastFormat(data, strict);
                rejected += want.data() == null ? 1 : 0;
                if (!got.agrees(want)) {
                    mismatches.add(
                            Outcome.describe(name + (strict ? " Parse" : " ParseLax"), "x/mod", want, "holdfast", got)
                                    + "-- input --\n" + new String(data, StandardCharsets.UTF_8));
                    continue;
                }
                if (want.data() != null) {
                    compared++;
                    JsonNode wantJson = oracle.call("modfile.json", data, strict);
                    JsonNode gotJson = GoModFormatConformanceTest.directives(data, strict);
                    if (!wantJson.equals(gotJson)) {
                        mismatches.add("== " + name + " directives\nx/mod:    " + wantJson + "\nholdfast: " + gotJson);
                    }
                }
            }
            compared++;
            Outcome want = Outcome.oracle("modfile.edit", data, true, List.of(edit("sortBlocks"), edit("cleanup")));
            Outcome got = Outcome.holdfastEdit(data, f -> {});
            if (!got.agrees(want)) {
                mismatches.add(Outcome.describe(name + " fmt", "x/mod", want, "holdfast", got));
            }
        }
        ConformanceReport.record(
                "modfile",
                "x/mod vs GoModFile on " + MUTATED_FILES + " mutated corpus files (Parse, ParseLax, -fmt, directives; "
                        + rejected + " rejected)",
                compared,
                compared - mismatches.size());
        assertThat(rejected).as("mutations should produce invalid files too").isGreaterThan(100);
        assertThat(mismatches)
                .as(GoModFormatConformanceTest.summary(mismatches))
                .isEmpty();
    }

    @Test
    void randomEdits_matchOracle() {
        XmodOracle oracle = XmodOracle.get();
        List<Input> parsable = GoModCorpus.all().stream()
                .filter(in -> Outcome.holdfastFormat(in.data(), true).data() != null)
                .toList();
        Random random = new Random(SEED + 1);
        List<String> mismatches = new ArrayList<>();
        int errors = 0;
        for (int i = 0; i < EDIT_SCRIPTS; i++) {
            Input base = parsable.get(random.nextInt(parsable.size()));
            GoModFile f = GoModFile.parse("go.mod", base.data(), null);
            List<List<String>> script = RandomEdits.script(f, random);
            Outcome want;
            JsonNode wantJson = null;
            try {
                JsonNode r = oracle.call("modfile.edit", base.data(), true, script);
                want = Outcome.ok(Base64.getDecoder().decode(r.get("format").asText()));
                wantJson = r.get("json");
            } catch (XmodOracle.OracleError e) {
                want = Outcome.failed(e.getMessage());
                errors++;
            }
            Outcome got;
            try {
                EditScript.applyAll(f, script);
                got = Outcome.ok(f.format());
            } catch (GoModSyntaxException | IllegalArgumentException e) {
                got = Outcome.failed(e.getMessage());
            }
            String name = base.source() + " script #" + i + " " + script;
            if (!got.agrees(want)) {
                mismatches.add(Outcome.describe(name, "x/mod", want, "holdfast", got));
            } else if (wantJson != null && script.getLast().equals(edit("cleanup"))) {
                JsonNode gotJson = GoModFormatConformanceTest.directives(f);
                if (!RandomEdits.normalize(wantJson, true).equals(RandomEdits.normalize(gotJson, true))) {
                    mismatches.add("== " + name + " directives\nx/mod:    " + wantJson + "\nholdfast: " + gotJson);
                }
            }
        }
        ConformanceReport.record(
                "modfile",
                "x/mod vs GoModFile on " + EDIT_SCRIPTS + " random edit scripts over corpus files (" + errors
                        + " ending in an error)",
                EDIT_SCRIPTS,
                EDIT_SCRIPTS - mismatches.size());
        assertThat(errors).as("some scripts should hit edit errors").isPositive();
        assertThat(mismatches)
                .as(GoModFormatConformanceTest.summary(mismatches))
                .isEmpty();
    }
}
