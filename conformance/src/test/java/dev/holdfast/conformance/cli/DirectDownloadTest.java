package dev.holdfast.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.direct.DirectWorld;
import dev.holdfast.module.ModulePath;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast download} and {@code holdfast list} of a project whose modules live in git repositories
 * ({@link DirectWorld}), with {@code GOPROXY=direct} and with a GOPRIVATE pattern before an unreachable
 * proxy, against {@code go mod download} and {@code go list -m all} on the same project: the same build
 * list, and the same go.mod, zip and version time in the module cache.
 */
class DirectDownloadTest {
    private static final List<String> MODULES = List.of(
            DirectWorld.HOST + "/team/lib@v1.1.0",
            DirectWorld.HOST + "/team/lib/v2@v2.0.0",
            DirectWorld.HOST + "/team/old@v2.0.0+incompatible",
            DirectWorld.HOST + "/team/secret@v0.3.0");

    @TempDir
    Path dir;

    @Test
    void direct_sameCacheAndBuildListAsTheGoCommand() throws Exception {
        check("direct");
    }

    @Test
    void privatePattern_goesDirect_andNeverToTheProxy() throws Exception {
        // A proxy nobody listens on: a private module asked of it would fail the download.
        check("http://127.0.0.1:9");
    }

    private void check(String goproxy) throws Exception {
        try (DirectWorld world = DirectWorld.create(dir.resolve("world"))) {
            Path project = writeProject(dir.resolve("project"));
            GoToolchain.Sandbox go = GoToolchain.get().sandbox(dir.resolve("go"));
            Map<String, String> goEnv = new HashMap<>(world.env(Path.of(go.env().get("HOME")), true));
            goEnv.put("GOPROXY", goproxy);
            goEnv.put("GOPRIVATE", DirectWorld.HOST);
            GoToolchain.Run download = go.run(project, goEnv, "mod", "download");
            assertThat(download.exitCode()).as(download.describe()).isZero();
            GoToolchain.Run list = go.run(project, goEnv, "list", "-m", "all");
            assertThat(list.exitCode()).as(list.describe()).isZero();

            GoToolchain.Sandbox home = GoToolchain.get().sandbox(dir.resolve("holdfast"));
            Path cache = dir.resolve("holdfast-cache");
            Map<String, String> env = Holdfast.env(cache, goproxy);
            env.putAll(world.env(Path.of(home.env().get("HOME")), true));
            env.put("GOPRIVATE", DirectWorld.HOST);
            env.put("GOFLAGS", "-mod=mod");
            Holdfast.Run ours = Holdfast.run(env, "download", "-C", project.toString());
            assertThat(ours.exitCode()).as(ours.describe()).isZero();
            Holdfast.Run ourList = Holdfast.run(env, "list", "-C", project.toString());
            assertThat(ourList.stdout()).isEqualTo(list.stdout());

            for (String module : MODULES) {
                String path = module.substring(0, module.indexOf('@'));
                String version = module.substring(module.indexOf('@') + 1);
                Path want = go.modCache()
                        .resolve("cache/download")
                        .resolve(ModulePath.escape(path))
                        .resolve("@v");
                Path got = cache.resolve("cache/download")
                        .resolve(ModulePath.escape(path))
                        .resolve("@v");
                for (String ext : List.of(".mod", ".zip", ".ziphash")) {
                    assertThat(got.resolve(version + ext))
                            .as(module + ext)
                            .hasSameBinaryContentAs(want.resolve(version + ext));
                }
            }
        }
    }

    private static Path writeProject(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), """
                module example.com/app

                go 1.21

                require (
                	%1$s/team/lib v1.1.0
                	%1$s/team/lib/v2 v2.0.0
                	%1$s/team/old v2.0.0+incompatible
                	%1$s/team/secret v0.3.0
                )
                """.formatted(DirectWorld.HOST));
        return dir;
    }
}
