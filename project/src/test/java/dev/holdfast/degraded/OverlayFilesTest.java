package dev.holdfast.degraded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.modload.MainModule;
import dev.holdfast.sum.GoSum;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayFilesTest {
    @TempDir
    Path dir;

    private static Substitution sub(String path, String wanted, String used) {
        return new Substitution(path, wanted, used, Need.ZIP, "down", Instant.EPOCH);
    }

    @Test
    void goMod_addsReplaceAndRetargetsTheProjectsOwnReplacement() {
        MainModule project = World.project(dir, """
                module example.com/app

                go 1.21

                require (
                	example.com/a v1.2.0
                	example.com/old v1.0.0
                )

                replace example.com/old => example.com/b v1.1.0
                """);
        String overlay = new String(
                OverlayFiles.goMod(
                        project,
                        List.of(sub("example.com/a", "v1.2.0", "v1.3.0"), sub("example.com/b", "v1.1.0", "v1.0.0")),
                        null,
                        null),
                StandardCharsets.UTF_8);

        assertThat(overlay)
                .contains("replace example.com/old => example.com/b v1.0.0")
                .contains("example.com/a v1.2.0 => example.com/a v1.3.0")
                .contains("example.com/b v1.1.0 => example.com/b v1.0.0")
                .contains("require (\n\texample.com/a v1.2.0\n\texample.com/old v1.0.0\n)")
                .endsWith(OverlayFiles.MARKER + "\n");
        MainModule reparsed = World.project(dir, overlay);
        assertThat(reparsed.replacement(World.mv("example.com/a", "v1.2.0")))
                .contains(World.mv("example.com/a", "v1.3.0"));
        assertThat(reparsed.replacement(World.mv("example.com/old", "v1.0.0")))
                .contains(World.mv("example.com/b", "v1.0.0"));
    }

    @Test
    void goMod_noSubstitutions_isTheProjectsFile() {
        String text = "module example.com/app\n\ngo 1.21\n\nrequire example.com/a v1.2.0\n";
        assertThat(new String(
                        OverlayFiles.goMod(World.project(dir, text), List.of(), null, null), StandardCharsets.UTF_8))
                .isEqualTo(text);
    }

    @Test
    void goSum_addsWhatTheBuildChecksFromTheCache_keepsTheProjectsLines() throws Exception {
        World w = new World(dir)
                .serve("example.com/a", "v1.2.0")
                .serve("example.com/a", "v1.3.0")
                .outage("example.com/a", "v1.2.0")
                .cache("example.com/a", "v1.3.0", true);
        MainModule project = World.project(dir.resolve("app"), World.goMod("example.com/app", "example.com/a@v1.2.0"));
        Resolution r = new SubstitutingResolver(new RememberingRepo(w), w.cached(), true, java.time.Clock.systemUTC())
                .resolve(project, w.zips(new java.util.ArrayList<>()));
        GoSum own = GoSum.parse("go.sum", "example.com/a v1.2.0/go.mod h1:own=\n".getBytes(StandardCharsets.UTF_8));

        String sum = new String(OverlayFiles.goSum(own, r, w.cached()), StandardCharsets.UTF_8);

        assertThat(sum)
                .contains("example.com/a v1.2.0/go.mod h1:own=\n")
                .contains("example.com/a v1.3.0 "
                        + w.cached()
                                .zipHash(World.mv("example.com/a", "v1.3.0"))
                                .orElseThrow())
                .contains("example.com/a v1.3.0/go.mod "
                        + w.cached()
                                .goModHash(World.mv("example.com/a", "v1.3.0"))
                                .orElseThrow());
    }
}
