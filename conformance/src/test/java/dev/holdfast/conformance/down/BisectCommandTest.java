package dev.holdfast.conformance.down;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast bisect} on {@link SmallProject}, with a command that fails whenever go.mod selects
 * example.com/b v1.3.0 or later: the search must find v1.2.0 (v1.1.0 is retracted, so never tried), leave
 * the project unchanged, and with {@code --apply} leave what {@code go get example.com/b@v1.2.0} leaves.
 */
@Timeout(120)
class BisectCommandTest {

    private static final String FAILS_ABOVE_V1_2 = "! grep -Eq 'example.com/b v1\\.[34]\\.' go.mod";

    @TempDir
    Path tmp;

    @Test
    void bisect_findsHighestPassingVersion_projectUnchanged() throws IOException {
        DownWorld world = DownWorld.write(SmallProject.universe(false), tmp);
        Path dir = world.copy("hf", null);
        byte[] goMod = Files.readAllBytes(dir.resolve("go.mod"));

        DownWorld.Outcome out = world.holdfast(
                "hfcache", "bisect", SmallProject.B, "--run", FAILS_ABOVE_V1_2, "--json", "-C", dir.toString());

        assertThat(out.exitCode()).as(out.stderr()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.stdout());
        assertThat(json.get("Found").asText()).isEqualTo("v1.2.0");
        assertThat(json.get("FirstBad").asText()).isEqualTo("v1.3.0");
        List<String> steps = new ArrayList<>();
        json.get("Steps")
                .forEach(s -> steps.add(
                        s.get("Version").asText() + " " + s.get("Result").asText()));
        assertThat(steps).containsExactly("v1.4.0 fail", "v1.2.0 pass", "v1.3.0 fail");
        json.get("Steps").forEach(s -> assertThat(s.get("Seconds").asDouble()).isNotNegative());
        assertThat(json.get("Applied").asBoolean()).isFalse();
        assertThat(Files.readAllBytes(dir.resolve("go.mod"))).isEqualTo(goMod);
        assertThat(dir.resolve("go.sum")).doesNotExist();
        try (var siblings = Files.list(dir.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".bisect-"));
        }
    }

    @Test
    void bisect_apply_leavesWhatGoGetLeaves() throws IOException {
        DownWorld world = DownWorld.write(SmallProject.universe(false), tmp);
        Path dir = world.copy("hf", null);
        Path goDir = world.copy("go", null);
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        world.go(sandbox, goDir, "gocache", "get", SmallProject.B + "@v1.2.0").checkSuccess();

        DownWorld.Outcome out = world.holdfast(
                "hfcache", "bisect", SmallProject.B, "--run", FAILS_ABOVE_V1_2, "--apply", "-C", dir.toString());

        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(out.stdout()).contains("highest passing version: example.com/b@v1.2.0 (lowest failing: v1.3.0)");
        boolean same = Files.readString(dir.resolve("go.mod")).equals(Files.readString(goDir.resolve("go.mod")))
                && Files.readString(dir.resolve("go.sum")).equals(Files.readString(goDir.resolve("go.sum")));
        ConformanceReport.record("down", "holdfast bisect --apply vs go get M@found (go.mod, go.sum)", 1, same ? 1 : 0);
        assertThat(dir.resolve("go.mod")).hasSameTextualContentAs(goDir.resolve("go.mod"));
        assertThat(dir.resolve("go.sum")).hasSameTextualContentAs(goDir.resolve("go.sum"));
    }

    @Test
    void bisect_commandAlwaysFails_trustsGoodElseExit1() throws IOException {
        DownWorld world = DownWorld.write(SmallProject.universe(false), tmp);
        Path dir = world.copy("hf", null);

        DownWorld.Outcome out = world.holdfast(
                "hfcache", "bisect", SmallProject.B, "--run", "false", "--good", "v1.2.0", "-C", dir.toString());

        assertThat(out.exitCode()).isEqualTo(0); // --good is trusted, as git bisect trusts it
        assertThat(out.stdout()).contains("highest passing version: example.com/b@v1.2.0");
        DownWorld.Outcome none =
                world.holdfast("hfcache", "bisect", SmallProject.B, "--run", "false", "-C", dir.toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.stdout()).contains("no version passes");
    }

    /**
     * A --run the shell cannot find or execute (status 127 or 126) is bad input, said at the first step,
     * not a failure at every version (before 2026-12-07: "no version passes", exit 1).
     */
    @Test
    void bisect_commandThatCannotRun_isBadInput() throws IOException {
        DownWorld world = DownWorld.write(SmallProject.universe(false), tmp);
        Path dir = world.copy("hf", null);
        byte[] goMod = Files.readAllBytes(dir.resolve("go.mod"));
        Path notExecutable = Files.writeString(tmp.resolve("not-executable"), "true\n");
        for (String command : new String[] {tmp.resolve("no-such-tool").toString(), notExecutable.toString()}) {
            DownWorld.Outcome out =
                    world.holdfast("hfcache", "bisect", SmallProject.B, "--run", command, "-C", dir.toString());

            assertThat(out.exitCode()).as(out.stderr()).isEqualTo(2);
            assertThat(out.stderr()).contains("--run " + command + ": the command could not be run (exit status 12");
            assertThat(out.stdout()).doesNotContain("no version passes");
        }
        assertThat(Files.readAllBytes(dir.resolve("go.mod"))).isEqualTo(goMod);
    }
}
