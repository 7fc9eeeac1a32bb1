package dev.holdfast.conformance.down;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast down} as a command on a small fixed project ({@link SmallProject}): the plan it prints,
 * {@code --dry-run}, {@code --json}, {@code --check} restoring both files byte for byte, and bad input
 * leaving both files untouched with exit code 2. Where the go command can do the same, its files are the
 * reference.
 */
@Timeout(120)
class DownCommandTest {

    /**
     * An untidy go.sum (unsorted, a duplicate, a blank line) that only a byte-exact restore keeps; its
     * modules are not in the project, so no download is checked against it.
     */
    private static final String UNTIDY_GO_SUM = "example.com/zz v1.4.0/go.mod h1:bogus-but-kept=\n"
            + "\n"
            + "example.com/yy v1.2.0/go.mod h1:also-kept=\n"
            + "example.com/yy v1.2.0/go.mod h1:also-kept=\n";

    @TempDir
    Path tmp;

    @Test
    void down_printsPlanAndLeavesGoGetsFiles() throws IOException {
        DownWorld world = DownWorld.write(SmallProject.universe(false), tmp);
        Path goDir = world.copy("go", null);
        Path hfDir = world.copy("hf", null);
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));

        world.go(sandbox, goDir, "gocache", "get", SmallProject.B + "@v1.0.0").checkSuccess();
        DownWorld.Outcome hf = world.holdfast("hfcache", "down", SmallProject.B + "@v1.0.0", "-C", hfDir.toString());

        assertThat(hf.exitCode()).as(hf.stderr()).isZero();
        assertThat(hf.stdout())
                .contains("example.com/b v1.4.0 => v1.0.0")
                .containsPattern("lowered +example.com/a +v1.2.0 => v1.0.0 +\\(example.com/a@v1.1.0 requires"
                        + " example.com/b@v1.1.0, but v1.0.0 is requested\\)")
                .containsPattern("removed +example.com/c +v1.0.0 +\\(example.com/c@v1.0.0 requires"
                        + " example.com/b@v1.3.0, but v1.0.0 is requested\\)")
                .containsPattern("lowered +example.com/b +v1.4.0 => v1.0.0 +\\(requested\\)");
        boolean same = Files.readString(goDir.resolve("go.mod")).equals(Files.readString(hfDir.resolve("go.mod")))
                && Files.readString(goDir.resolve("go.sum")).equals(Files.readString(hfDir.resolve("go.sum")));
        ConformanceReport.record(
                "down", "holdfast down vs go get on a fixed project (go.mod, go.sum)", 1, same ? 1 : 0);
        assertThat(hfDir.resolve("go.mod")).hasSameTextualContentAs(goDir.resolve("go.mod"));
        assertThat(hfDir.resolve("go.sum")).hasSameTextualContentAs(goDir.resolve("go.sum"));
    }

    @Test
    void down_noVersion_skipsRetractedRelease() throws IOException {
        DownWorld world = DownWorld.write(SmallProject.universe(false), tmp);
        Path dir = world.copy("hf", null);

        DownWorld.Outcome first = world.holdfast("hfcache", "down", SmallProject.B, "-q", "-C", dir.toString());
        DownWorld.Outcome second = world.holdfast("hfcache", "down", SmallProject.B, "-q", "-C", dir.toString());
        DownWorld.Outcome third = world.holdfast("hfcache", "down", SmallProject.B, "-q", "-C", dir.toString());

        assertThat(first.stdout()).startsWith("example.com/b v1.4.0 => v1.3.0");
        assertThat(second.stdout()).startsWith("example.com/b v1.3.0 => v1.2.0");
        // v1.1.0 is retracted by v1.4.0's go.mod: the next step skips it.
        assertThat(third.stdout()).startsWith("example.com/b v1.2.0 => v1.0.0");
        DownWorld.Outcome none = world.holdfast("hfcache", "down", SmallProject.B, "-q", "-C", dir.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.stderr())
                .contains("no release of example.com/b below v1.0.0 in major version v1 is neither retracted nor"
                        + " excluded");
    }

    @Test
    void down_dryRun_writesNothingAndJsonListsChanges() throws IOException {
        DownWorld world = DownWorld.write(SmallProject.universe(false), tmp);
        Path dir = world.copy("hf", UNTIDY_GO_SUM);
        byte[] goMod = Files.readAllBytes(dir.resolve("go.mod"));

        DownWorld.Outcome out = world.holdfast(
                "hfcache", "down", SmallProject.B + "@v1.0.0", "--dry-run", "--json", "-C", dir.toString());

        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("go.mod"))).isEqualTo(goMod);
        assertThat(Files.readString(dir.resolve("go.sum"))).isEqualTo(UNTIDY_GO_SUM);
        JsonNode json = new ObjectMapper().readTree(out.stdout());
        assertThat(json.get("Written").asBoolean()).isFalse();
        assertThat(json.get("GoModChanged").asBoolean()).isTrue();
        List<String> changes = new ArrayList<>();
        json.get("Changes")
                .forEach(c -> changes.add(
                        c.get("Path").asText() + " " + c.get("Change").asText() + " "
                                + c.get("From").asText() + " " + c.get("To").asText()));
        assertThat(changes)
                .containsExactly(
                        "example.com/a lowered v1.2.0 v1.0.0",
                        "example.com/b lowered v1.4.0 v1.0.0",
                        "example.com/c removed v1.0.0 none");
        assertThat(json.get("Changes").get(2).get("Chain").toString())
                .isEqualTo("[\"example.com/c@v1.0.0\",\"example.com/b@v1.3.0\"]");
    }

    @Test
    void down_checkFails_restoresBothFilesByteForByte() throws IOException {
        DownWorld world = DownWorld.write(SmallProject.universe(false), tmp);
        Path dir = world.copy("hf", UNTIDY_GO_SUM);
        byte[] goMod = Files.readAllBytes(dir.resolve("go.mod"));

        DownWorld.Outcome out = world.holdfast(
                "hfcache",
                "down",
                SmallProject.B + "@v1.0.0",
                "--check",
                "grep -q 'example.com/b v1.0.0' go.mod && echo checked-new-go.mod && false",
                "-C",
                dir.toString());

        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.stdout()).contains("checked-new-go.mod"); // the command saw the new files
        assertThat(out.stderr()).contains("restored go.mod and go.sum");
        assertThat(Files.readAllBytes(dir.resolve("go.mod"))).isEqualTo(goMod);
        assertThat(Files.readAllBytes(dir.resolve("go.sum"))).isEqualTo(UNTIDY_GO_SUM.getBytes(StandardCharsets.UTF_8));
        assertThat(leftovers(dir)).isEmpty();
    }

    @Test
    void down_checkFails_withoutGoSum_removesTheCreatedOne() throws IOException {
        DownWorld world = DownWorld.write(SmallProject.universe(false), tmp);
        Path dir = world.copy("hf", null);
        byte[] goMod = Files.readAllBytes(dir.resolve("go.mod"));

        DownWorld.Outcome out = world.holdfast(
                "hfcache",
                "down",
                SmallProject.B + "@v1.0.0",
                "--check",
                "test -f go.sum && exit 3",
                "-C",
                dir.toString());

        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.stderr()).contains("exit status 3");
        assertThat(Files.readAllBytes(dir.resolve("go.mod"))).isEqualTo(goMod);
        assertThat(dir.resolve("go.sum")).doesNotExist();
    }

    @Test
    void down_checkPasses_keepsNewFiles() throws IOException {
        DownWorld world = DownWorld.write(SmallProject.universe(false), tmp);
        Path dir = world.copy("hf", null);

        DownWorld.Outcome out =
                world.holdfast("hfcache", "down", SmallProject.B + "@v1.2.0", "--check", "true", "-C", dir.toString());

        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(Files.readString(dir.resolve("go.mod"))).contains("example.com/b v1.2.0");
    }

    @Test
    void down_badInput_exit2AndFilesUntouched() throws IOException {
        DownWorld world = DownWorld.write(SmallProject.universe(false), tmp);
        List<String[]> cases = List.of(
                new String[] {SmallProject.B + "@v1.0.9", "example.com/b@v1.0.9"}, // no such version
                new String[] {"example.com/zzz@v1.0.0", "module example.com/zzz is not in the build list"},
                new String[] {SmallProject.B + "@v1.4.0", "example.com/b is already at v1.4.0"},
                new String[] {SmallProject.A + "@v1.3.0", "example.com/a@v1.3.0"}, // above: does not exist either
                new String[] {"not a path@v1.0.0", "malformed module path"},
                new String[] {SmallProject.B + "@", "malformed module query"});
        for (String[] c : cases) {
            Path dir = world.copy("hf-" + Math.abs(c[0].hashCode()), UNTIDY_GO_SUM);
            byte[] goMod = Files.readAllBytes(dir.resolve("go.mod"));
            DownWorld.Outcome out = world.holdfast("hfcache", "down", c[0], "-C", dir.toString());
            assertThat(out.exitCode()).as(c[0] + ": " + out.stderr()).isEqualTo(2);
            assertThat(out.stderr()).as(c[0]).contains(c[1]);
            assertThat(Files.readAllBytes(dir.resolve("go.mod"))).as(c[0]).isEqualTo(goMod);
            assertThat(Files.readString(dir.resolve("go.sum"))).as(c[0]).isEqualTo(UNTIDY_GO_SUM);
        }
    }

    @Test
    void down_versionAboveSelected_refusedAsUpgrade() throws IOException {
        DownWorld world = DownWorld.write(SmallProject.universe(false), tmp);
        Path dir = world.copy("hf", null);
        world.holdfast("hfcache", "down", SmallProject.B + "@v1.2.0", "-q", "-C", dir.toString());
        byte[] goMod = Files.readAllBytes(dir.resolve("go.mod"));
        byte[] goSum = Files.readAllBytes(dir.resolve("go.sum"));

        DownWorld.Outcome out = world.holdfast("hfcache", "down", SmallProject.B + "@v1.3.0", "-C", dir.toString());

        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.stderr())
                .contains("example.com/b@v1.3.0 is above the selected version v1.2.0: down only lowers a module");
        assertThat(Files.readAllBytes(dir.resolve("go.mod"))).isEqualTo(goMod);
        assertThat(Files.readAllBytes(dir.resolve("go.sum"))).isEqualTo(goSum);
    }

    @Test
    void down_unparsableGoModOrMissingReplacement_exit2AndUntouched() throws IOException {
        DownWorld broken = DownWorld.write(SmallProject.universe(false), tmp.resolve("broken"));
        Path dir = broken.copy("hf", UNTIDY_GO_SUM);
        String bad = Files.readString(dir.resolve("go.mod")) + "\nrequire example.com/x\n";
        Files.writeString(dir.resolve("go.mod"), bad);
        DownWorld.Outcome out = broken.holdfast("hfcache", "down", SmallProject.B + "@v1.0.0", "-C", dir.toString());
        assertThat(out.exitCode()).as(out.stderr()).isEqualTo(2);
        assertThat(out.stderr()).contains("go.mod:").contains("usage: require module/path v1.2.3");
        assertThat(Files.readString(dir.resolve("go.mod"))).isEqualTo(bad);
        assertThat(Files.readString(dir.resolve("go.sum"))).isEqualTo(UNTIDY_GO_SUM);

        DownWorld missing = DownWorld.write(SmallProject.universe(true), tmp.resolve("missing"));
        Path dir2 = missing.copy("hf", UNTIDY_GO_SUM);
        byte[] goMod = Files.readAllBytes(dir2.resolve("go.mod"));
        DownWorld.Outcome out2 = missing.holdfast("hfcache", "down", SmallProject.B + "@v1.0.0", "-C", dir2.toString());
        assertThat(out2.exitCode()).as(out2.stderr()).isEqualTo(2);
        assertThat(out2.stderr()).contains("missing/c");
        assertThat(Files.readAllBytes(dir2.resolve("go.mod"))).isEqualTo(goMod);
        assertThat(Files.readString(dir2.resolve("go.sum"))).isEqualTo(UNTIDY_GO_SUM);
    }

    private static List<Path> leftovers(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp"))
                    .toList();
        }
    }
}
