package dev.holdfast.modload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main module's go.mod: roots, replacements, exclusions and the errors the go command gives. */
class MainModuleTest {

    @TempDir
    Path tmp;

    private MainModule parse(String goMod) {
        return MainModule.parse(tmp, tmp, goMod.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void requirementsFromGoMod_sortedWithGoAndToolchainExcludedDropped() {
        MainModule main = parse("module example.com/main\n\ngo 1.22\n\ntoolchain go1.22.3\n\n"
                + "require (\n\texample.com/z v1.0.0\n\texample.com/b v1.1.0 // indirect\n\texample.com/a v1.0.0\n)\n\n"
                + "exclude example.com/a v1.0.0\n");

        Requirements rs = main.requirementsFromGoMod();

        assertThat(rs.roots())
                .containsExactly(
                        new ModuleVersion("example.com/b", "v1.1.0"),
                        new ModuleVersion("example.com/z", "v1.0.0"),
                        new ModuleVersion("go", "1.22"),
                        new ModuleVersion("toolchain", "go1.22.3"));
        assertThat(rs.direct()).containsExactlyInAnyOrder("example.com/z", "go");
        assertThat(rs.pruning()).isEqualTo(Pruning.PRUNED);
        assertThat(main.excludedRequirements()).containsExactly(new ModuleVersion("example.com/a", "v1.0.0"));
    }

    @Test
    void goVersion_noGoLine_unpruned116() {
        MainModule main = parse("module example.com/main\n");

        assertThat(main.goVersion()).isEqualTo("1.16");
        assertThat(main.pruning()).isEqualTo(Pruning.UNPRUNED);
        assertThat(main.requirementsFromGoMod().roots()).containsExactly(new ModuleVersion("go", "1.16"));
    }

    @Test
    void replacement_versionSpecificBeforeWildcard() {
        MainModule main = parse("module example.com/main\n\ngo 1.21\n\n"
                + "replace example.com/a => ./local/a\n\nreplace example.com/a v1.1.0 => example.com/b v1.0.0\n");

        assertThat(main.replacement(new ModuleVersion("example.com/a", "v1.1.0")))
                .contains(new ModuleVersion("example.com/b", "v1.0.0"));
        assertThat(main.replacement(new ModuleVersion("example.com/a", "v1.0.0")))
                .contains(new ModuleVersion("./local/a", ""));
        assertThat(main.replacement(new ModuleVersion("example.com/c", "v1.0.0")))
                .isEmpty();
        assertThat(main.replacementDir(new ModuleVersion("./local/a", ""))).isEqualTo(tmp.resolve("local/a"));
    }

    @Test
    void parse_conflictingReplacements_goMessage() {
        // Worded as go1.26 reports it, in both shapes.
        assertThatThrownBy(() -> parse("module example.com/main\nreplace example.com/c => ../nodir\n"
                        + "replace example.com/c => ../other\n"))
                .isInstanceOf(GoModException.class)
                .hasMessage("conflicting replacements for example.com/c:\n\t../nodir\n\t../other");
        assertThatThrownBy(
                        () -> parse(
                                "module example.com/main\n"
                                        + "replace example.com/c v1.0.0 => example.com/c v1.1.0\nreplace example.com/c v1.0.0 => ../other\n"))
                .hasMessage("conflicting replacements for example.com/c@v1.0.0:\n\texample.com/c@v1.1.0\n\t../other");
    }

    @Test
    void parse_sameReplacementTwice_accepted() {
        MainModule main =
                parse("module example.com/main\nreplace example.com/c => ../x\nreplace example.com/c => ../x\n");

        assertThat(main.replacements()).hasSize(1);
    }

    @Test
    void parse_unknownDirective_errorsParsing() {
        assertThatThrownBy(() -> parse("module example.com/main\n\ngo 1.16\n\nrequire example.com/c v1.0.0\nfoo bar\n"))
                .isInstanceOf(GoModException.class)
                .hasMessage("errors parsing go.mod:\ngo.mod:6: unknown directive: foo");
    }

    @Test
    void parse_noModuleLine_missingModuleDeclaration() {
        assertThatThrownBy(() -> parse("go 1.21\n"))
                .isInstanceOf(GoModException.class)
                .hasMessage("error reading go.mod: missing module declaration. To specify the module path:\n"
                        + "\tgo mod edit -module=example.com/mod");
    }

    @Test
    void load_fromSubdirectory_findsParentAndNamesFilesRelative() throws IOException {
        Files.writeString(tmp.resolve("go.mod"), "module example.com/main\nfoo\n");
        Path sub = Files.createDirectories(tmp.resolve("a/b"));

        assertThat(MainModule.findRoot(sub)).contains(tmp.toAbsolutePath().normalize());
        assertThatThrownBy(() -> MainModule.load(sub, null)).hasMessageStartingWith("errors parsing ../../go.mod:\n");
    }

    @Test
    void fixer_nonCanonicalVersion_resolvedByQuery() {
        // go1.26 rewrote "require example.com/c v1.0" to v1.0.0 with v1.0.0 and v1.1.0 in the proxy.
        MemoryRepo repo =
                new MemoryRepo().module("example.com/c", "v1.0.0", null).module("example.com/c", "v1.1.0", null);

        MainModule main = MainModule.parse(
                tmp,
                tmp,
                "module example.com/main\nrequire example.com/c v1.0\n".getBytes(StandardCharsets.UTF_8),
                MainModule.fixer(repo));

        assertThat(main.requirements()).containsExactly(new ModuleVersion("example.com/c", "v1.0.0"));
    }

    @Test
    void fixer_wrongMajor_errorsParsing() {
        assertThatThrownBy(() -> MainModule.parse(
                        tmp,
                        tmp,
                        "module example.com/main\nrequire example.com/c/v2 v1.0.0\n".getBytes(StandardCharsets.UTF_8),
                        MainModule.fixer(new MemoryRepo())))
                .isInstanceOf(GoModException.class)
                .hasMessageStartingWith(
                        "errors parsing go.mod:\ngo.mod:2: require example.com/c/v2: version \"v1.0.0\" invalid: should be v2, not v1");
    }

    @Test
    void load_noGoMod_notFound() {
        Path empty = tmp.resolve("empty");

        assertThatThrownBy(() -> MainModule.load(empty, null))
                .isInstanceOf(GoModException.class)
                .hasMessage(
                        "go.mod file not found in current directory or any parent directory; see 'go help modules'");
    }
}
