package dev.holdfast.conformance.modfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applies a table of edits with Holdfast's editing API and with {@code go mod edit} flags to the
 * same go.mod files, and expects byte-identical results (or the same error).
 */
class GoModEditConformanceTest {
    @TempDir
    Path tmp;

    /** An edit scenario: a go.mod text and the {@code go mod edit} flags to apply. */
    record Scenario(String name, String input, List<String> flags) {}

    static final String SINGLE = """
            module example.com/m

            go 1.20

            require example.com/a v1.0.0 // keep me
            """;

    static final String FULL = """
            // Header comment.
            module example.com/m

            go 1.21.0

            toolchain go1.22.1

            godebug panicnil=1

            require (
            	example.com/a v1.0.0
            	// about b
            	example.com/b v1.2.0 // indirect

            	example.com/c v0.3.0 // indirect; used by tests
            )

            require example.com/single v1.1.0

            exclude (
            	example.com/x v1.10.0
            	example.com/x v1.9.0
            )

            replace example.com/r v1.0.0 => example.com/r2 v1.0.1

            replace example.com/dir => ./local

            retract (
            	// Broken build.
            	v1.0.1
            	[v1.1.0, v1.1.5] // bad range
            )

            tool example.com/tools/cmd/gen

            ignore ./testdata
            """;

    static final String BARE = """
            module example.com/bare
            """;

    static final String PAIR = """
            module example.com/m

            go 1.16

            require (
            	example.com/a v1.0.0 // first
            	example.com/b v1.0.0
            )

            require example.com/a v1.0.1 // duplicate
            """;

    static final String V2 = """
            module example.com/m/v2

            go 1.22

            godebug (
            	default=go1.21
            	panicnil=1
            )

            retract v2.0.0
            """;

    static final String CRLF =
            "module example.com/crlf\r\n\r\ngo 1.19\r\n\r\nrequire (\r\n\texample.com/a v1.0.0 // c\r\n)\r\n";

    static final String MESSY = """
            module    "example.com/messy"   // name
              go 1.13
            require  example.com/z v0.1.0
            require (

            	example.com/y v0.2.0

            	// end
            )
            exclude example.com/q v1.0.0
            """;

    static List<Scenario> scenarios() {
        List<Scenario> s = new ArrayList<>();
        // require
        s.add(new Scenario("require new into last block", FULL, List.of("-require=example.com/new@v1.0.0")));
        s.add(new Scenario("require upgrade in block", FULL, List.of("-require=example.com/a@v1.1.0")));
        s.add(new Scenario("require downgrade keeps indirect", FULL, List.of("-require=example.com/b@v1.0.0")));
        s.add(new Scenario("require update single line", SINGLE, List.of("-require=example.com/a@v1.2.0")));
        s.add(new Scenario("require second makes block", SINGLE, List.of("-require=example.com/b@v0.1.0")));
        s.add(new Scenario("require into bare file", BARE, List.of("-require=example.com/a@v1.0.0")));
        s.add(new Scenario(
                "require two into bare file",
                BARE,
                List.of("-require=example.com/b@v1.0.0", "-require=example.com/a@v1.0.0")));
        s.add(new Scenario("require incompatible", FULL, List.of("-require=example.com/inc@v2.0.0+incompatible")));
        s.add(new Scenario(
                "require pseudo-version", FULL, List.of("-require=example.com/p@v0.0.0-20230101120000-0123456789ab")));
        s.add(new Scenario("require major path", FULL, List.of("-require=example.com/a/v3@v3.0.0")));
        s.add(new Scenario("require non-canonical query", FULL, List.of("-require=example.com/a@master")));
        s.add(new Scenario("require removes duplicates", PAIR, List.of("-require=example.com/a@v1.2.0")));
        s.add(new Scenario("require upper-case path", SINGLE, List.of("-require=example.com/Upper@v1.0.0")));
        s.add(new Scenario("droprequire commented block line", FULL, List.of("-droprequire=example.com/b")));
        s.add(new Scenario("droprequire single line", FULL, List.of("-droprequire=example.com/single")));
        s.add(new Scenario("droprequire collapses block", PAIR, List.of("-droprequire=example.com/b")));
        s.add(new Scenario(
                "droprequire empties block",
                PAIR,
                List.of("-droprequire=example.com/a", "-droprequire=example.com/b")));
        s.add(new Scenario("droprequire missing", SINGLE, List.of("-droprequire=example.com/none")));
        s.add(new Scenario("require on crlf file", CRLF, List.of("-require=example.com/a@v1.0.1")));
        s.add(new Scenario("require on messy file", MESSY, List.of("-require=example.com/y@v0.3.0")));
        // replace
        s.add(new Scenario(
                "replace versioned", FULL, List.of("-replace=example.com/a@v1.0.0=example.com/fork@v1.0.1")));
        s.add(new Scenario("replace to directory", FULL, List.of("-replace=example.com/a=../a")));
        s.add(new Scenario("replace to absolute directory", SINGLE, List.of("-replace=example.com/a=/src/a")));
        s.add(new Scenario(
                "replace update existing", FULL, List.of("-replace=example.com/r@v1.0.0=example.com/r3@v1.2.0")));
        s.add(new Scenario(
                "replace all versions of existing", FULL, List.of("-replace=example.com/r=example.com/r4@v1.0.0")));
        s.add(new Scenario(
                "replace next to same path", FULL, List.of("-replace=example.com/r@v1.1.0=example.com/r2@v1.1.1")));
        s.add(new Scenario("replace directory target update", FULL, List.of("-replace=example.com/dir=../elsewhere")));
        s.add(new Scenario("dropreplace versioned", FULL, List.of("-dropreplace=example.com/r@v1.0.0")));
        s.add(new Scenario("dropreplace unversioned", FULL, List.of("-dropreplace=example.com/dir")));
        s.add(new Scenario("dropreplace wrong version", FULL, List.of("-dropreplace=example.com/r@v9.0.0")));
        // exclude
        s.add(new Scenario("exclude new path", FULL, List.of("-exclude=example.com/y@v1.0.0")));
        s.add(new Scenario("exclude joins block, semver sort", FULL, List.of("-exclude=example.com/x@v1.11.0")));
        s.add(new Scenario("exclude existing is no-op", FULL, List.of("-exclude=example.com/x@v1.9.0")));
        s.add(new Scenario("exclude lexical sort before go 1.21", MESSY, List.of("-exclude=example.com/q@v1.10.0")));
        s.add(new Scenario("dropexclude collapses block", FULL, List.of("-dropexclude=example.com/x@v1.9.0")));
        s.add(new Scenario("exclude major mismatch", FULL, List.of("-exclude=example.com/x@v2.0.0")));
        s.add(new Scenario("exclude non-canonical", FULL, List.of("-exclude=example.com/x@v1.0")));
        s.add(new Scenario("exclude major path mismatch", FULL, List.of("-exclude=example.com/x/v2@v1.0.0")));
        // retract
        s.add(new Scenario("retract single", FULL, List.of("-retract=v1.2.0")));
        s.add(new Scenario("retract interval", FULL, List.of("-retract=[v1.3.0,v1.4.0]")));
        s.add(new Scenario("retract into bare file", BARE, List.of("-retract=v0.1.0")));
        s.add(new Scenario("retract then drop is not seen", BARE, List.of("-retract=v0.1.0", "-dropretract=v0.1.0")));
        s.add(new Scenario("dropretract single", FULL, List.of("-dropretract=v1.0.1")));
        s.add(new Scenario("dropretract interval", FULL, List.of("-dropretract=[v1.1.0,v1.1.5]")));
        s.add(new Scenario("retract v2 module", V2, List.of("-retract=v2.1.0")));
        s.add(new Scenario("retract wrong major", V2, List.of("-retract=v1.1.0")));
        s.add(new Scenario("retract non-canonical", FULL, List.of("-retract=v1.2")));
        // go, toolchain
        s.add(new Scenario("go change", FULL, List.of("-go=1.22.0")));
        s.add(new Scenario("go add after module", BARE, List.of("-go=1.23")));
        s.add(new Scenario("go drop", FULL, List.of("-go=none")));
        s.add(new Scenario("toolchain change", FULL, List.of("-toolchain=go1.23.0")));
        s.add(new Scenario("toolchain add after go", SINGLE, List.of("-toolchain=go1.21.5")));
        s.add(new Scenario("toolchain add without go", BARE, List.of("-toolchain=default")));
        s.add(new Scenario("toolchain drop", FULL, List.of("-toolchain=none")));
        s.add(new Scenario("go and toolchain together", BARE, List.of("-toolchain=go1.24.0", "-go=1.24.0")));
        // godebug
        s.add(new Scenario("godebug add", FULL, List.of("-godebug=asynctimerchan=1")));
        s.add(new Scenario("godebug update", FULL, List.of("-godebug=panicnil=0")));
        s.add(new Scenario("dropgodebug", FULL, List.of("-dropgodebug=panicnil")));
        s.add(new Scenario("godebug into block", V2, List.of("-godebug=zipinsecurepath=0")));
        s.add(new Scenario("godebug into bare file", BARE, List.of("-godebug=x509sha1=1")));
        // tool, ignore, module
        s.add(new Scenario("tool add makes sorted block", FULL, List.of("-tool=example.com/tools/cmd/abc")));
        s.add(new Scenario("tool existing is no-op", FULL, List.of("-tool=example.com/tools/cmd/gen")));
        s.add(new Scenario("droptool", FULL, List.of("-droptool=example.com/tools/cmd/gen")));
        s.add(new Scenario("ignore add", FULL, List.of("-ignore=./vendor-old")));
        s.add(new Scenario("dropignore", FULL, List.of("-dropignore=./testdata")));
        s.add(new Scenario("module rename", FULL, List.of("-module=example.com/renamed")));
        s.add(new Scenario("module add", "go 1.21\n", List.of("-module=example.com/new")));
        // combinations
        s.add(new Scenario(
                "many edits",
                FULL,
                List.of(
                        "-require=example.com/a@v1.3.0",
                        "-droprequire=example.com/c",
                        "-exclude=example.com/x@v1.0.0",
                        "-dropreplace=example.com/dir",
                        "-replace=example.com/b=example.com/b2@v0.0.1",
                        "-retract=[v1.5.0,v1.6.0]",
                        "-go=1.22.1",
                        "-godebug=http2client=0",
                        "-tool=example.com/tools/cmd/aaa")));
        s.add(new Scenario(
                "fmt plus edits on messy file", MESSY, List.of("-fmt", "-droprequire=example.com/z", "-go=1.21")));
        return s;
    }

    @Test
    void edits_matchGoModEdit() {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        List<Scenario> scenarios = scenarios();
        List<String> mismatches = new ArrayList<>();
        int failing = 0;
        for (Scenario sc : scenarios) {
            byte[] input = sc.input().getBytes(StandardCharsets.UTF_8);
            Outcome want = Outcome.goModEdit(sandbox, tmp, input, sc.flags().toArray(String[]::new));
            Outcome got = holdfast(input, sc.flags());
            failing += want.data() == null ? 1 : 0;
            if (!got.agrees(want)) {
                mismatches.add(Outcome.describe(sc.name() + " " + sc.flags(), "go mod edit", want, "holdfast", got));
            }
        }
        ConformanceReport.record(
                "modfile",
                "go mod edit -require/-droprequire/-replace/-exclude/-retract/-go/-toolchain/-godebug/-tool...  vs"
                        + " GoModFile edits (" + failing + " expected errors)",
                scenarios.size(),
                scenarios.size() - mismatches.size());
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(40);
        assertThat(failing).as("some scenarios exercise errors").isPositive();
        assertThat(mismatches)
                .as(GoModFormatConformanceTest.summary(mismatches))
                .isEmpty();
    }

    /**
     * Applies {@code go mod edit} flags with Holdfast's API the way the go command does: -module,
     * -go and -toolchain first, then the other edits in flag order, then SortBlocks and Cleanup.
     */
    static Outcome holdfast(byte[] input, List<String> flags) {
        List<String> first = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String flag : flags) {
            String name = flag.substring(1, flag.contains("=") ? flag.indexOf('=') : flag.length());
            (List.of("module", "go", "toolchain").contains(name) ? first : rest).add(flag);
        }
        first.sort((a, b) -> Integer.compare(order(a), order(b)));
        List<String> all = new ArrayList<>(first);
        all.addAll(rest);
        return Outcome.holdfastEdit(input, f -> all.forEach(flag -> applyFlag(f, flag)));
    }

    private static int order(String flag) {
        return flag.startsWith("-module") ? 0 : flag.startsWith("-go") ? 1 : 2;
    }

    private static void applyFlag(GoModFile f, String flag) {
        if (flag.equals("-fmt")) {
            return;
        }
        int eq = flag.indexOf('=');
        String name = flag.substring(1, eq);
        String arg = flag.substring(eq + 1);
        try {
            applyFlag(f, name, arg);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }

    private static void applyFlag(GoModFile f, String name, String arg) {
        String[] pv = arg.split("@", 2);
        switch (name) {
            case "module" -> f.addModuleStmt(arg);
            case "go" -> {
                if (arg.equals("none")) {
                    f.dropGoStmt();
                } else {
                    f.addGoStmt(arg);
                }
            }
            case "toolchain" -> {
                if (arg.equals("none")) {
                    f.dropToolchainStmt();
                } else {
                    f.addToolchainStmt(arg);
                }
            }
            case "require" -> f.addRequire(pv[0], pv[1]);
            case "droprequire" -> f.dropRequire(arg);
            case "exclude" -> f.addExclude(pv[0], pv[1]);
            case "dropexclude" -> f.dropExclude(pv[0], pv[1]);
            case "replace" -> {
                String[] sides = arg.split("=", 2);
                String[] old = sides[0].split("@", 2);
                String[] repl = GoModFile.isDirectoryPath(sides[1]) ? new String[] {sides[1]} : sides[1].split("@", 2);
                f.addReplace(old[0], old.length > 1 ? old[1] : "", repl[0], repl.length > 1 ? repl[1] : "");
            }
            case "dropreplace" -> f.dropReplace(pv[0], pv.length > 1 ? pv[1] : "");
            case "retract", "dropretract" -> {
                String low = arg;
                String high = arg;
                if (arg.startsWith("[")) {
                    String[] bounds = arg.substring(1, arg.length() - 1).split(",", 2);
                    low = bounds[0].strip();
                    high = bounds[1].strip();
                }
                if (name.equals("retract")) {
                    f.addRetract(low, high, "");
                } else {
                    f.dropRetract(low, high);
                }
            }
            case "godebug" -> f.addGodebug(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            case "dropgodebug" -> f.dropGodebug(arg);
            case "tool" -> f.addTool(arg);
            case "droptool" -> f.dropTool(arg);
            case "ignore" -> f.addIgnore(arg);
            case "dropignore" -> f.dropIgnore(arg);
            default -> throw new AssertionError("unknown flag " + name);
        }
    }
}
