package dev.holdfast.conformance.modfile;

import static dev.holdfast.conformance.modfile.EditScript.edit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modfile.GoModSyntaxException;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.XmodOracle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Edits that {@code go mod edit} cannot express (SetRequire, SetRequireSeparateIndirect,
 * AddNewRequire, setIndirect, AddComment, rationale on AddRetract, edits without Cleanup, edits of
 * lax-parsed files), applied by Holdfast and by x/mod through the oracle: the formatted files and
 * the directives must be identical.
 */
class GoModApiConformanceTest {
    /**
     * A scenario: input, whether to parse strictly, the edits for x/mod and those for Holdfast
     * (the same unless an x/mod function is reached another way).
     */
    record Scenario(String name, String input, boolean strict, List<List<String>> oracle, List<List<String>> holdfast) {
        Scenario(String name, String input, List<List<String>> edits) {
            this(name, input, true, edits, edits);
        }
    }

    static final String FLAT = """
            module example.com/m

            go 1.17

            require (
            	example.com/a v1.0.0
            	example.com/b v1.0.0 // indirect
            	example.com/c v1.0.0
            )
            """;

    static final String SPLIT = """
            module example.com/m

            go 1.21

            require (
            	example.com/a v1.0.0
            	example.com/d v1.0.0
            )

            require (
            	example.com/b v1.0.0 // indirect
            	example.com/c v1.0.0 // indirect
            )
            """;

    static final String COMMENTED = """
            module example.com/m

            go 1.21

            // Pinned for a reason.
            require (
            	example.com/pinned v1.0.0
            	example.com/z v1.0.0 // indirect
            )

            require (
            	example.com/a v1.0.0 // keep: api
            	example.com/b v1.0.0 // indirect; from b
            )

            require example.com/single v0.1.0 // indirect
            """;

    static final String LINES = """
            module example.com/m

            go 1.20

            require example.com/a v1.0.0

            require example.com/b v1.0.0 // indirect

            require example.com/a v1.0.0 // duplicate
            """;

    static final String BARE = """
            module example.com/m

            go 1.22
            """;

    static final String ONLY_INDIRECT = """
            module example.com/m

            go 1.21

            require (
            	example.com/b v1.0.0 // indirect
            	example.com/c v1.0.0 // indirect
            )

            exclude example.com/x v1.0.0
            """;

    static final String MARKS = """
            module example.com/m

            go 1.21

            require (
            	example.com/a v1.0.0
            	example.com/b v1.0.0 //
            	example.com/c v1.0.0 // see issue 1
            	example.com/d v1.0.0 // indirect
            	example.com/e v1.0.0 // indirect; via e
            	example.com/f v1.0.0 //indirect
            )
            """;

    static List<Scenario> scenarios() {
        List<Scenario> s = new ArrayList<>();
        // SetRequireSeparateIndirect, as go get and go mod tidy use it.
        s.add(separate("flat block is split", FLAT, "a v1.0.0 false", "b v1.0.0 true", "c v1.1.0 false"));
        s.add(separate("flat block all indirect", FLAT, "a v1.0.0 true", "b v1.0.0 true", "c v1.0.0 true"));
        s.add(separate(
                "split blocks swap and add",
                SPLIT,
                "a v1.0.0 true",
                "b v1.2.0 false",
                "c v1.0.0 true",
                "d v1.0.0 false",
                "e v0.1.0 false",
                "f v0.2.0 true"));
        s.add(separate("split blocks remove", SPLIT, "a v1.0.0 false", "c v1.0.0 true"));
        s.add(separate("split blocks remove all", SPLIT));
        s.add(separate(
                "commented blocks stay",
                COMMENTED,
                "pinned v1.1.0 true",
                "z v1.0.0 false",
                "a v1.0.0 true",
                "b v1.0.0 false",
                "single v0.1.0 false",
                "new v1.0.0 true",
                "new2 v1.0.0 false"));
        s.add(separate("single lines and duplicates", LINES, "a v1.1.0 true", "b v1.0.0 false", "n v1.0.0 false"));
        s.add(separate("no requires yet", BARE, "a v1.0.0 false", "b v1.0.0 true"));
        s.add(separate("only an indirect block", ONLY_INDIRECT, "b v1.0.0 true", "c v1.0.0 false", "a v1.0.0 false"));
        s.add(separate(
                "markings change",
                MARKS,
                "a v1.0.0 true",
                "b v1.0.0 true",
                "c v1.0.0 true",
                "d v1.0.0 false",
                "e v1.0.0 false",
                "f v1.0.0 false"));
        // SetRequire.
        s.add(set("set updates, adds, removes", SPLIT, "a v1.1.0 true", "b v1.0.0 false", "x v0.0.1 false"));
        s.add(set("set on single lines", LINES, "a v1.0.1 false", "b v1.0.0 false", "c v1.0.0 true"));
        s.add(set("set on bare file", BARE, "c v1.0.0 false", "a v1.0.0 true", "b v1.0.0 false"));
        s.add(set(
                "set markings",
                MARKS,
                "a v1.0.0 true",
                "b v1.0.0 true",
                "c v1.0.0 true",
                "d v1.0.0 false",
                "e v1.0.0 false",
                "f v1.0.0 false"));
        // setIndirect: x/mod reaches it through SetRequire with unchanged versions (sorted files, no
        // blank lines, so SetRequire's other effects are no-ops).
        s.add(indirect("mark plain line", MARKS, "example.com/a", true));
        s.add(indirect("mark empty comment", MARKS, "example.com/b", true));
        s.add(indirect("mark commented line", MARKS, "example.com/c", true));
        s.add(indirect("unmark indirect", MARKS, "example.com/d", false));
        s.add(indirect("unmark indirect with text", MARKS, "example.com/e", false));
        s.add(indirect("unmark indirect without space", MARKS, "example.com/f", false));
        s.add(indirect("mark already marked", MARKS, "example.com/d", true));
        s.add(indirect(
                "mark single line",
                LINES.replace("\n\nrequire example.com/a v1.0.0 // duplicate", ""),
                "example.com/a",
                true));
        // AddNewRequire.
        s.add(new Scenario(
                "new indirect into block", SPLIT, List.of(edit("addNewRequire", "example.com/n", "v1.0.0", "true"))));
        s.add(new Scenario(
                "new direct into bare", BARE, List.of(edit("addNewRequire", "example.com/n", "v1.0.0", "false"))));
        s.add(new Scenario(
                "new duplicate path",
                LINES,
                List.of(edit("addNewRequire", "example.com/a", "v2.0.0+incompatible", "false"))));
        // Retract rationale, comments, quoting, godebug duplicates, module, no cleanup.
        s.add(new Scenario(
                "retract with rationale",
                BARE,
                List.of(
                        edit("addRetract", "v1.0.0", "v1.0.5", "Broken.\nDo not use."),
                        edit("addRetract", "v1.1.0", "v1.1.0", ""))));
        s.add(new Scenario("add comment", BARE, List.of(edit("addComment", "// trailing note"))));
        s.add(new Scenario(
                "quoted paths",
                BARE,
                List.of(
                        edit("addRequire", "example.com/with space", "v1.0.0"),
                        edit("addReplace", "example.com/with space", "", "./dir with space", ""),
                        edit("addTool", "example.com/tool with space"),
                        edit("addExclude", "example.com/(paren)", "v1.0.0"))));
        s.add(new Scenario(
                "godebug duplicates",
                "module m\ngodebug (\n\tx=1\n\ty=2\n\tx=3\n)\n",
                List.of(edit("addGodebug", "x", "4"), edit("dropGodebug", "y"), edit("cleanup"))));
        s.add(new Scenario("module added", "go 1.21\n", List.of(edit("addModuleStmt", "example.com/added"))));
        s.add(new Scenario(
                "drops without cleanup",
                SPLIT,
                List.of(
                        edit("dropRequire", "example.com/a"),
                        edit("dropRequire", "example.com/b"),
                        edit("dropGoStmt"))));
        s.add(new Scenario(
                "drops with cleanup",
                SPLIT,
                List.of(edit("dropRequire", "example.com/a"), edit("dropRequire", "example.com/b"), edit("cleanup"))));
        s.add(new Scenario(
                "replace duplicates",
                "module m\nreplace (\n\ta => ./a1\n\ta v1.0.0 => ./a2\n\ta => ./a3\n)\n",
                List.of(edit("sortBlocks"), edit("cleanup"))));
        s.add(new Scenario(
                "lax file edits",
                "module m\ngo 1.21.x\nfuture directive\nrequire a v1.0.0\n",
                false,
                List.of(
                        edit("addRequire", "b", "v1.0.0"),
                        edit("addToolchainStmt", "go1.21.0"),
                        edit("sortBlocks"),
                        edit("cleanup")),
                List.of(
                        edit("addRequire", "b", "v1.0.0"),
                        edit("addToolchainStmt", "go1.21.0"),
                        edit("sortBlocks"),
                        edit("cleanup"))));
        return s;
    }

    private static Scenario separate(String name, String input, String... reqs) {
        return new Scenario(name, input, List.of(requireEdit("setRequireSeparateIndirect", reqs), edit("cleanup")));
    }

    private static Scenario set(String name, String input, String... reqs) {
        return new Scenario(name, input, List.of(requireEdit("setRequire", reqs), edit("cleanup")));
    }

    /** Builds {@code [op, example.com/p, v, indirect, ...]} from "p v indirect" strings. */
    private static List<String> requireEdit(String op, String... reqs) {
        List<String> e = new ArrayList<>(List.of(op));
        for (String r : reqs) {
            String[] f = r.split(" ");
            e.addAll(List.of("example.com/" + f[0], f[1], f[2]));
        }
        return e;
    }

    /** x/mod: SetRequire with path's marking changed; Holdfast: setIndirect then sortBlocks. */
    private static Scenario indirect(String name, String input, String path, boolean indirect) {
        GoModFile f = GoModFile.parse("go.mod", input.getBytes(StandardCharsets.UTF_8), null);
        List<String> set = new ArrayList<>(List.of("setRequire"));
        for (GoModFile.Require r : f.requires()) {
            set.addAll(List.of(r.path(), r.version(), String.valueOf(r.path().equals(path) ? indirect : r.indirect())));
        }
        return new Scenario(
                name,
                input,
                true,
                List.of(set),
                List.of(edit("setIndirect", path, String.valueOf(indirect)), edit("sortBlocks")));
    }

    @Test
    void apiEdits_matchOracle() {
        XmodOracle oracle = XmodOracle.get();
        List<Scenario> scenarios = scenarios();
        List<String> mismatches = new ArrayList<>();
        for (Scenario sc : scenarios) {
            byte[] input = sc.input().getBytes(StandardCharsets.UTF_8);
            JsonNode want = oracle.call("modfile.edit", input, sc.strict(), sc.oracle());
            byte[] wantBytes = Base64.getDecoder().decode(want.get("format").asText());
            GoModFile f =
                    sc.strict() ? GoModFile.parse("go.mod", input, null) : GoModFile.parseLax("go.mod", input, null);
            for (List<String> e : sc.holdfast()) {
                if (e.getFirst().equals("setIndirect")) {
                    f.setIndirect(e.get(1), e.get(2).equals("true"));
                } else {
                    EditScript.apply(f, e);
                }
            }
            Outcome got = Outcome.ok(f.format());
            if (!got.agrees(Outcome.ok(wantBytes))) {
                mismatches.add(Outcome.describe(sc.name(), "x/mod", Outcome.ok(wantBytes), "holdfast", got));
            } else if (!comparable(want.get("json"), sc)
                    .equals(comparable(GoModFormatConformanceTest.directives(f), sc))) {
                mismatches.add("== " + sc.name() + " directives\nx/mod:    " + want.get("json") + "\nholdfast: "
                        + GoModFormatConformanceTest.directives(f));
            }
        }
        ConformanceReport.record(
                "modfile",
                "x/mod SetRequire/SetRequireSeparateIndirect/AddNewRequire/setIndirect/AddRetract... vs GoModFile",
                scenarios.size(),
                scenarios.size() - mismatches.size());
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(30);
        assertThat(mismatches)
                .as(GoModFormatConformanceTest.summary(mismatches))
                .isEmpty();
    }

    /**
     * Returns directives ready to compare: x/mod's zeroed entries dropped and, after SetRequire*,
     * requirements sorted, since x/mod appends new ones in Go's random map order.
     */
    private static JsonNode comparable(JsonNode json, Scenario sc) {
        boolean setRequire = sc.oracle().stream().anyMatch(e -> e.getFirst().startsWith("setRequire"));
        return RandomEdits.normalize(json, setRequire);
    }

    @Test
    void parseErrors_manyProblems_matchOracle() {
        // Several problems in one file, including positions inside blocks.
        String input = "module m\nrequire (\n\tx v1.0.0.0\n\ty v1\n\tz\n)\ngo 1.2.3.4\nretract [v1.0.0\nfoo\n";
        String want = XmodOracle.get().callError("modfile.format", input.getBytes(StandardCharsets.UTF_8), true);
        String got = null;
        try {
            GoModFile.parse("go.mod", input.getBytes(StandardCharsets.UTF_8), null);
        } catch (GoModSyntaxException e) {
            got = e.getMessage();
        }
        assertThat(got).isNotNull().isEqualTo(want);
    }
}
