package dev.holdfast.conformance.modfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.conformance.modfile.GoModCorpus.Input;
import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modfile.GoModSyntaxException;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.XmodOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Formats every go.mod text of the Go distribution with Holdfast and with the go command ({@code go
 * mod edit -fmt}) or x/mod (the oracle), and expects the same bytes, or the same error text.
 */
class GoModFormatConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void format_matchesGoModEditFmt() {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        List<Input> inputs = GoModCorpus.all();
        List<Outcome[]> results = GoModCorpus.parallel(inputs, in -> new Outcome[] {
            Outcome.goModEdit(sandbox, tmp, in.data(), "-fmt"), Outcome.holdfastEdit(in.data(), f -> {})
        });
        List<String> mismatches = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Outcome want = results.get(i)[0];
            Outcome got = results.get(i)[1];
            rejected += want.data() == null ? 1 : 0;
            if (!got.agrees(want)) {
                mismatches.add(Outcome.describe(inputs.get(i).source(), "go mod edit -fmt", want, "holdfast", got));
            }
        }
        ConformanceReport.record(
                "modfile",
                "go mod edit -fmt vs GoModFile, every go.mod text in GOROOT (" + rejected + " rejected by go)",
                inputs.size(),
                inputs.size() - mismatches.size());
        assertThat(rejected)
                .as("the corpus should include files the go command rejects")
                .isPositive();
        assertThat(mismatches).as(summary(mismatches)).isEmpty();
    }

    @Test
    void parseAndFormat_strictAndLax_matchOracle() {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Input in : GoModCorpus.all()) {
            for (boolean strict : new boolean[] {true, false}) {
                compared++;
                Outcome want = Outcome.oracle("modfile.format", in.data(), strict);
                Outcome got = Outcome.holdfastFormat(in.data(), strict);
                if (!got.agrees(want)) {
                    String mode = strict ? "Parse" : "ParseLax";
                    mismatches.add(Outcome.describe(in.source(), "x/mod " + mode, want, "holdfast", got));
                }
            }
        }
        ConformanceReport.record(
                "modfile",
                "x/mod Parse+Format and ParseLax+Format vs GoModFile, GOROOT corpus",
                compared,
                compared - mismatches.size());
        assertThat(mismatches).as(summary(mismatches)).isEmpty();
    }

    @Test
    void directives_strictAndLax_matchOracle() {
        XmodOracle oracle = XmodOracle.get();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Input in : GoModCorpus.all()) {
            for (boolean strict : new boolean[] {true, false}) {
                JsonNode want;
                try {
                    want = oracle.call("modfile.json", in.data(), strict);
                } catch (XmodOracle.OracleError e) {
                    continue; // rejected files are compared by the format tests
                }
                compared++;
                JsonNode got = directives(in.data(), strict);
                if (!want.equals(got)) {
                    mismatches.add(
                            "== " + in.source() + " strict=" + strict + "\nx/mod:    " + want + "\nholdfast: " + got);
                }
            }
        }
        ConformanceReport.record(
                "modfile",
                "x/mod File fields vs GoModFile accessors (module, deprecation, go, requires, retract rationale...)",
                compared,
                compared - mismatches.size());
        assertThat(compared).isGreaterThan(500);
        assertThat(mismatches).as(summary(mismatches)).isEmpty();
    }

    /** Returns the accessors of the parsed file in the oracle's modfile.json shape. */
    static JsonNode directives(byte[] data, boolean strict) {
        GoModFile f;
        try {
            f = strict ? GoModFile.parse("go.mod", data, null) : GoModFile.parseLax("go.mod", data, null);
        } catch (GoModSyntaxException e) {
            return JSON.valueToTree(Map.of("error", e.getMessage()));
        }
        return directives(f);
    }

    static JsonNode directives(GoModFile f) {
        Map<String, Object> out = new LinkedHashMap<>();
        f.module().ifPresent(m -> out.put("module", Map.of("path", m.path(), "deprecated", m.deprecated())));
        f.go().ifPresent(v -> out.put("go", v));
        f.toolchain().ifPresent(v -> out.put("toolchain", v));
        out.put(
                "godebug",
                orNull(f.godebugs().stream()
                        .map(g -> List.of(g.key(), g.value()))
                        .toList()));
        out.put(
                "require",
                orNull(f.requires().stream()
                        .map(r -> List.of(r.path(), r.version(), r.indirect()))
                        .toList()));
        out.put(
                "exclude",
                orNull(f.excludes().stream()
                        .map(x -> List.of(x.path(), x.version()))
                        .toList()));
        out.put(
                "replace",
                orNull(f.replaces().stream()
                        .map(r -> List.of(r.oldPath(), r.oldVersion(), r.newPath(), r.newVersion()))
                        .toList()));
        out.put(
                "retract",
                orNull(f.retracts().stream()
                        .map(r -> List.of(r.low(), r.high(), r.rationale()))
                        .toList()));
        out.put("tool", orNull(f.tools()));
        out.put("ignore", orNull(f.ignores()));
        return JSON.valueToTree(out);
    }

    private static Object orNull(List<?> list) {
        return list.isEmpty() ? null : list;
    }

    static String summary(List<String> mismatches) {
        return mismatches.size() + " mismatches; first ones:\n"
                + String.join("\n", mismatches.subList(0, Math.min(15, mismatches.size())));
    }
}
