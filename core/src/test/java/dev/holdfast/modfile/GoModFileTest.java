package dev.holdfast.modfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.modfile.GoModFile.Godebug;
import dev.holdfast.modfile.GoModFile.Replace;
import dev.holdfast.modfile.GoModFile.Require;
import dev.holdfast.modfile.GoModFile.Retract;
import dev.holdfast.module.InvalidVersionException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parsing, accessors, errors and edits of {@link GoModFile}. Expected values are what {@code go
 * mod edit -json}, {@code go mod edit -fmt} (errors) or x/mod's ParseLax printed for the same input.
 */
class GoModFileTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static GoModFile parse(String s) {
        return GoModFile.parse("go.mod", bytes(s), null);
    }

    private static GoModFile parseLax(String s) {
        return GoModFile.parseLax("go.mod", bytes(s), null);
    }

    private static String format(GoModFile f) {
        return new String(f.format(), StandardCharsets.UTF_8);
    }

    static final String ALL = """
            // Deprecated: use example.com/new.
            module "example.com/all" // the module

            go 1.22.1

            toolchain go1.22.3

            godebug (
            	panicnil=1
            	http2client=0
            )

            require (
            	example.com/a v1.0.0
            	example.com/b v1.2.0 // indirect
            	example.com/c v0.1.0 // indirect; needed by tests
            	example.com/d v0.2.0 //indirect
            	example.com/e v0.3.0 // indirect ; no
            )

            exclude example.com/x v1.0.0

            replace (
            	example.com/a v1.0.0 => example.com/fork v1.0.1
            	example.com/b => ../b
            )

            // Rationale for the block.
            retract (
            	v1.0.0 // Published by mistake.
            	[v1.1.0, v1.2.0]
            )

            tool example.com/tools/cmd/gen

            ignore ./third_party
            """;

    @Test
    void parse_everyDirective_readsWhatGoModEditJsonShows() {
        GoModFile f = parse(ALL);
        assertThat(f.module()).contains(new GoModFile.Module("example.com/all", "use example.com/new.\nthe module"));
        assertThat(f.go()).contains("1.22.1");
        assertThat(f.toolchain()).contains("go1.22.3");
        assertThat(f.godebugs()).containsExactly(new Godebug("panicnil", "1"), new Godebug("http2client", "0"));
        assertThat(f.requires())
                .containsExactly(
                        new Require("example.com/a", "v1.0.0", false),
                        new Require("example.com/b", "v1.2.0", true),
                        new Require("example.com/c", "v0.1.0", true),
                        new Require("example.com/d", "v0.2.0", true),
                        new Require("example.com/e", "v0.3.0", false));
        assertThat(f.excludes()).containsExactly(new GoModFile.Exclude("example.com/x", "v1.0.0"));
        assertThat(f.replaces())
                .containsExactly(
                        new Replace("example.com/a", "v1.0.0", "example.com/fork", "v1.0.1"),
                        new Replace("example.com/b", "", "../b", ""));
        assertThat(f.retracts())
                .containsExactly(
                        new Retract("v1.0.0", "v1.0.0", "Published by mistake."),
                        new Retract("v1.1.0", "v1.2.0", "Rationale for the block."));
        assertThat(f.tools()).containsExactly("example.com/tools/cmd/gen");
        assertThat(f.ignores()).containsExactly("./third_party");
    }

    @Test
    void parse_quotedModulePath_isRewrittenUnquoted() {
        assertThat(format(parse("module \"example.com/q\"\n"))).isEqualTo("module example.com/q\n");
    }

    @Test
    void parse_shortVersion_isCanonicalized() {
        GoModFile f = parse("module m\nrequire x v1.0\n");
        assertThat(f.requires()).containsExactly(new Require("x", "v1.0.0", false));
        assertThat(format(f)).isEqualTo("module m\n\nrequire x v1.0.0\n");
    }

    @Test
    void parseLax_skipsUnknownAndMainModuleDirectives() {
        GoModFile f = parseLax(
                "module m\ngo 1.21.x\nfuture thing\ntoolchain bad\nreplace x => y\nrequire x v1.0\nretract (v1)\ngodebug x\n");
        assertThat(f.go()).contains("1.21");
        assertThat(f.toolchain()).isEmpty();
        assertThat(f.replaces()).isEmpty();
        assertThat(f.retracts()).isEmpty();
        assertThat(f.requires()).containsExactly(new Require("x", "v1.0.0", false));
        assertThat(format(f))
                .isEqualTo("module m\n\ngo 1.21\n\nfuture thing\n\ntoolchain bad\n\nreplace x => y\n\n"
                        + "require x v1.0.0\n\nretract (v1)\n\ngodebug x\n");
    }

    @ParameterizedTest
    @CsvSource({"go v1.21rc1, 1.21", "go 1.21rc1, 1.21rc1", "go 1.22.x, 1.22"})
    void parseLax_goVersion_isCutToMajorMinor(String line, String want) {
        assertThat(parseLax("module m\n" + line + "\n").go()).contains(want);
    }

    @Test
    void parseLax_badGoVersion_isStillAnError() {
        assertThatThrownBy(() -> parseLax("module m\ngo v1.21\n"))
                .isInstanceOf(GoModSyntaxException.class)
                .hasMessage("go.mod:2: invalid go version 'v1.21': must match format 1.23.0");
    }

    @Test
    void parseLax_retractWithExtraTokens_isKept() {
        GoModFile f =
                parseLax("module m\ngo 1.21\nretract [v1.0.0, v1.1.0] extra\nunknown (\n\tx\n)\nrequire a b (\n)\n");
        assertThat(f.retracts()).containsExactly(new Retract("v1.0.0", "v1.1.0", ""));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("module m\nfoo bar\n", "go.mod:2: unknown directive: foo"),
                Arguments.of(
                        "module m\nrequire (\n\tx v1.0\n\ty\n)\n", "go.mod:4:2: usage: require module/path v1.2.3"),
                Arguments.of(
                        "module m\ngo 1.2.3.4\ngo 1.21\n",
                        "go.mod:2: invalid go version '1.2.3.4': must match format 1.23.0"),
                Arguments.of("module m\ngo 1.21\ngo 1.22\n", "go.mod:3: repeated go statement"),
                Arguments.of(
                        "module m\ntoolchain 1.21\n",
                        "go.mod:2: invalid toolchain version '1.21': must match format go1.23.0 or default"),
                Arguments.of(
                        "module m\ntoolchain go1.21\ntoolchain go1.22\n", "go.mod:3: repeated toolchain statement"),
                Arguments.of("module a b\n", "go.mod:1: usage: module module/path"),
                Arguments.of("module m\nmodule n\n", "go.mod:2: repeated module statement"),
                Arguments.of(
                        "module m\ngodebug x\ngodebug a=b c=d\ngodebug \"a=b\"\n",
                        "go.mod:2: usage: godebug key=value\ngo.mod:3: usage: godebug key=value\n"
                                + "go.mod:4: usage: godebug key=value"),
                Arguments.of(
                        "module m\nrequire x v2.0.0\n",
                        "go.mod:2: require x: version \"v2.0.0\" invalid: should be v0 or v1, not v2"),
                Arguments.of(
                        "module m\nrequire x/v2 v1.0.0\n",
                        "go.mod:2: require x/v2: version \"v1.0.0\" invalid: should be v2, not v1"),
                Arguments.of("module m\nrequire x/v1 v1.0.0\n", "go.mod:2: invalid module path"),
                Arguments.of("module m\nrequire \"x v1.0.0\n", "go.mod:2:18: unexpected newline in string"),
                Arguments.of(
                        "module m\nrequire 'x' v1.0.0\n",
                        "go.mod:2: invalid quoted string: unquoted string cannot contain quote"),
                Arguments.of(
                        "module m\nrequire x \"v1.0.0\\q\"\n",
                        "go.mod:2: require x: version \"\\\"v1.0.0\\\\q\\\"\" invalid: invalid syntax"),
                Arguments.of(
                        "module m\nreplace x => y\n",
                        "go.mod:2: replacement module without version must be directory path (rooted or starting with . or ..)"),
                Arguments.of(
                        "module m\nreplace x => y@v1\n",
                        "go.mod:2: replacement module must match format 'path version', not 'path@version'"),
                Arguments.of(
                        "module m\nreplace x => ./y v1.0.0\n",
                        "go.mod:2: replacement module directory path \"./y\" cannot have version"),
                Arguments.of(
                        "module m\nreplace x => .\\y\n",
                        "go.mod:2: replacement directory appears to be Windows path (on a non-windows system)"),
                Arguments.of(
                        "module m\nreplace x v1 y\n",
                        "go.mod:2: usage: replace module/path [v1.2.3] => other/module v1.4\n"
                                + "\t or replace module/path [v1.2.3] => ../local/directory"),
                Arguments.of("module m\nreplace x/v1 => ./y\n", "go.mod:2: replace x/v1: invalid module path"),
                Arguments.of("module m\nretract v1.0.0 extra\n", "go.mod:2: unexpected token after version: \"extra\""),
                Arguments.of("module m\nretract [v1.0.0\n", "go.mod:2: expected ',' after version"),
                Arguments.of("module m\nretract [v1.0.0,\n", "go.mod:2: expected version after ','"),
                Arguments.of("module m\nretract (v1.0.0)\n", "go.mod:2: expected '[' or version"),
                Arguments.of("module m\nretract\n", "go.mod:2: expected '[' or version"),
                Arguments.of(
                        "module m\ntool\nignore a b\n",
                        "go.mod:2: tool directive expects exactly one argument\n"
                                + "go.mod:3: ignore directive expects exactly one argument"),
                Arguments.of("module m\nrequire foo (\n)\n", "go.mod:2: unknown block type: require foo"),
                Arguments.of("module m\ngo (\n\t1.21\n)\n", "go.mod:2: unknown block type: go"),
                Arguments.of(
                        "module m\nrequire (\n\tx v1.0.0\n",
                        "go.mod:4: syntax error (unterminated block started at go.mod:2:1)"),
                Arguments.of(
                        "module m\nrequire (\n\tx v1.0.0\n) x\n",
                        "go.mod:4:4: syntax error (expected newline after closing paren)"),
                Arguments.of("module m /* c */\n", "go.mod:1:10: mod files must use // comments (not /* */ comments)"),
                Arguments.of(
                        "module m\nrequire x v1.0.0 /* c\n",
                        "go.mod:2:18: mod files must use // comments (not /* */ comments)"),
                Arguments.of("module \"m\n", "go.mod:1:10: unexpected newline in string"),
                Arguments.of("module \"m", "go.mod:1:8: unexpected EOF in string"),
                Arguments.of("module `m\n", "go.mod:1:10: unexpected newline in string"),
                Arguments.of("\ufeffmodule m\n", "go.mod:1: unexpected input character '\\ufeff'"),
                Arguments.of("module m\n\u000bx\n", "go.mod:2: unexpected input character '\\v'"),
                Arguments.of("module m\n\t\tfoo\u00a0bar\n", "go.mod:2:6: unexpected input character '\\u00a0'"),
                Arguments.of("module m\nexclude x v1.0.0 extra\n", "go.mod:2: usage: exclude module/path v1.2.3"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void parse_badInput_failsWithGoWording(String input, String want) {
        assertThatThrownBy(() -> parse(input))
                .isInstanceOf(GoModSyntaxException.class)
                .hasMessage(want);
    }

    @Test
    void parse_problems_carryPositionAndDirective() {
        GoModSyntaxException e = (GoModSyntaxException)
                org.assertj.core.api.Assertions.catchThrowable(() -> parse("module m\nrequire (\n\tx/v2 v1.0.0\n)\n"));
        assertThat(e.problems())
                .containsExactly(new GoModSyntaxException.Problem(
                        "go.mod", 3, 2, "require", "x/v2", "version \"v1.0.0\" invalid: should be v2, not v1"));
    }

    @Test
    void parse_fixer_rewritesVersionsAndReportsItsErrors() {
        GoModFile.VersionFixer fix = (path, v) -> {
            if (v.equals("bad")) {
                throw new InvalidVersionException("", v, false, "unknown revision bad");
            }
            return v.equals("master") ? "v1.5.0" : v;
        };
        GoModFile f = GoModFile.parse("go.mod", bytes("module m\nrequire x master\nretract master\n"), fix);
        assertThat(f.requires()).containsExactly(new Require("x", "v1.5.0", false));
        assertThat(f.retracts()).containsExactly(new Retract("v1.5.0", "v1.5.0", ""));
        assertThatThrownBy(() -> GoModFile.parse("go.mod", bytes("module m\nrequire x bad\n"), fix))
                .hasMessage("go.mod:2: require x: version \"bad\" invalid: unknown revision bad");
        assertThatThrownBy(() -> GoModFile.parse("go.mod", bytes("retract v1.0.0\n"), fix))
                .hasMessage("go.mod:1: no module directive found, so retract cannot be used");
    }

    @Test
    void modulePath_toleratesOtherProblems() {
        assertThat(GoModFile.modulePath(bytes("// c\nfoo (\nmodule \"example.com/q\" // c\n")))
                .isEqualTo("example.com/q");
        assertThat(GoModFile.modulePath(bytes("modulex y\nmodule\tz\n"))).isEqualTo("z");
        assertThat(GoModFile.modulePath(bytes("module \"bad\n"))).isEmpty();
        assertThat(GoModFile.modulePath(bytes("go 1.21\n"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        ".,true",
        "..,true",
        "./a,true",
        ".\\a,true",
        "../a,true",
        "..\\a,true",
        "/a,true",
        "\\a,true",
        "c:x,true",
        "Z:\\x,true",
        "a,false",
        ".a,false",
        "example.com/x,false",
        "1:x,false"
    })
    void isDirectoryPath_matchesGoDoc(String path, boolean want) {
        assertThat(GoModFile.isDirectoryPath(path)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "example.com/a|false|example.com/a",
                "a b|true|\"a b\"",
                "(|false|(",
                "(x|true|\"(x\"",
                "a//b|true|\"a//b\"",
                "a/*b|true|\"a/*b\"",
                "it's|true|\"it's\"",
                "é|false|é"
            })
    void mustQuoteAndAutoQuote(String s, boolean must, String auto) {
        assertThat(GoModFile.mustQuote(s)).isEqualTo(must);
        assertThat(GoModFile.autoQuote(s)).isEqualTo(auto);
    }

    @Test
    void mustQuote_emptyAndControl() {
        assertThat(GoModFile.mustQuote("")).isTrue();
        assertThat(GoModFile.autoQuote("a\tb\u00a0")).isEqualTo("\"a\\tb\\u00a0\"");
    }

    @Test
    void format_likeGo_isNotAlwaysIdempotent() {
        // A blank line carried to the top of a block by sorting survives one go mod edit -fmt, not two.
        GoModFile once = parse("module m\n\nrequire (\n\tb v1.0.0\n\n\ta v1.0.0\n)\n");
        once.sortBlocks();
        once.cleanup();
        assertThat(format(once)).isEqualTo("module m\n\nrequire (\n\n\ta v1.0.0\n\tb v1.0.0\n)\n");
        GoModFile twice = GoModFile.parse("go.mod", once.format(), null);
        assertThat(format(twice)).isEqualTo("module m\n\nrequire (\n\ta v1.0.0\n\tb v1.0.0\n)\n");
    }

    @Test
    void addRequire_secondRequirementMakesBlock() {
        GoModFile f = parse("module m\n\ngo 1.20\n\nrequire example.com/a v1.0.0 // keep me\n");
        f.addRequire("example.com/b", "v0.1.0");
        assertThat(format(f))
                .isEqualTo("module m\n\ngo 1.20\n\nrequire (\n\texample.com/a v1.0.0 // keep me\n"
                        + "\texample.com/b v0.1.0\n)\n");
    }

    @Test
    void dropRequire_thenCleanup_collapsesBlock() {
        GoModFile f = parse("module m\n\nrequire (\n\t// c\n\ta v1.0.0 // x\n\tb v1.0.0\n)\n");
        f.dropRequire("b");
        assertThat(f.requires()).containsExactly(new Require("a", "v1.0.0", false));
        f.cleanup();
        assertThat(format(f)).isEqualTo("module m\n\n// c\nrequire a v1.0.0 // x\n");
    }

    @Test
    void addGoStmt_invalid_isRejected() {
        assertThatThrownBy(() -> parse("module m\n").addGoStmt("1.2.3.4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid language version \"1.2.3.4\"");
        assertThatThrownBy(() -> parse("module m\n").addToolchainStmt("gccgo"))
                .hasMessage("invalid toolchain name \"gccgo\"");
    }

    @Test
    void addExclude_wrongMajor_suggestsIncompatible() {
        assertThatThrownBy(() -> parse("module m\n").addExclude("example.com/x", "v2.0.0"))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessage("version \"v2.0.0\" invalid: should be v2.0.0+incompatible (or module example.com/x/v2)");
        assertThatThrownBy(() -> parse("module m\n").addExclude("example.com/x/v2", "v2.0"))
                .hasMessage("version \"v2.0\" invalid: must be of the form v2.2.3");
    }

    @Test
    void addRetract_rationale_becomesComments() {
        GoModFile f = parse("module example.com/m\n");
        f.addRetract("v1.0.0", "v1.1.0", "Broken.\nDo not use.");
        assertThat(format(f))
                .isEqualTo("module example.com/m\n\n// Broken.\n// Do not use.\nretract [v1.0.0, v1.1.0]\n");
        assertThat(f.retracts()).isEmpty(); // as in x/mod, only the syntax has it until reparsed
    }

    @Test
    void setRequire_conflictingVersions_isRejected() {
        GoModFile f = parse("module m\n");
        assertThatThrownBy(() ->
                        f.setRequire(List.of(new Require("a", "v1.0.0", false), new Require("a", "v1.1.0", true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SetRequire called with conflicting versions for path a (v1.0.0 and v1.1.0)");
    }

    @Test
    void setIndirect_keepsOtherCommentText() {
        GoModFile f = parse("module m\nrequire (\n\ta v1.0.0 // see issue\n\tb v1.0.0 // indirect; via c\n)\n");
        f.setIndirect("a", true);
        f.setIndirect("b", false);
        assertThat(format(f))
                .isEqualTo("module m\n\nrequire (\n\ta v1.0.0 // indirect; see issue\n\tb v1.0.0 // via c\n)\n");
        assertThat(f.requires()).containsExactly(new Require("a", "v1.0.0", true), new Require("b", "v1.0.0", false));
    }
}
