package dev.holdfast.conformance.direct;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.direct.DirectSource;
import dev.holdfast.dirhash.DirHash;
import dev.holdfast.fetch.ZipTarget;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.GitOrigin;
import dev.holdfast.testing.GoToolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module reached over SSH, the way the go command reaches a {@code .git} path when HTTPS fails: through
 * {@code GIT_SSH_COMMAND}, here a script that stands in for ssh and runs the remote git command against a
 * bare repository on this machine (no network, no keys: what it shows is that the server's SSH set-up
 * reaches the go command Holdfast runs, and that the answer is the go command's).
 */
class DirectSshTest {
    private static final String PATH = "ssh.holdfast.test/team/tool.git";
    private static final String FAKE_SSH = """
            #!/bin/sh
            # Stands in for ssh: the last argument is the remote command, like git-upload-pack '/team/tool.git'.
            for last; do :; done
            exec sh -c "$(printf '%s' "$last" | sed "s|'/|'$HOLDFAST_SSH_ROOT/|")"
            """;

    @TempDir
    Path dir;

    @Test
    void aDotGitPathOverSsh_sameVersionGoModAndZipAsTheGoCommand() throws Exception {
        Path repos = Files.createDirectories(dir.resolve("repos/team"));
        GitOrigin.Git.run(repos, "init", "--quiet", "--bare", "tool.git");
        Path work = Files.createDirectories(dir.resolve("work"));
        GitOrigin.Git.run(work, "init", "--quiet");
        Files.writeString(work.resolve("go.mod"), "module " + PATH + "\n\ngo 1.21\n");
        Files.writeString(work.resolve("tool.go"), "package tool\n\n// Over says how it came.\nconst Over = \"ssh\"\n");
        GitOrigin.Git.runAt(work, "2024-08-09T10:11:12Z", "add", "-A");
        GitOrigin.Git.runAt(work, "2024-08-09T10:11:12Z", "commit", "--quiet", "-m", "tool");
        GitOrigin.Git.run(work, "tag", "v1.0.0");
        GitOrigin.Git.run(
                work, "push", "--quiet", repos.resolve("tool.git").toString(), "HEAD:refs/heads/main", "v1.0.0");
        Path ssh = dir.resolve("fake-ssh");
        Files.writeString(ssh, FAKE_SSH);
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwxr-xr-x"));

        GoToolchain.Sandbox go = GoToolchain.get().sandbox(dir.resolve("go"));
        Map<String, String> env = new HashMap<>(go.env());
        env.put("GOPROXY", "direct");
        env.put("GOSUMDB", "off");
        env.put("GOFLAGS", "-modcacherw");
        env.put("HTTPS_PROXY", "http://127.0.0.1:9"); // HTTPS fails at once, so the go command tries SSH
        env.put("HTTP_PROXY", "http://127.0.0.1:9");
        env.put("GIT_SSH_COMMAND", ssh.toString());
        env.put("HOLDFAST_SSH_ROOT", dir.resolve("repos").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        GoToolchain.Run run = go.run(go.gopath(), env, "mod", "download", "-json", PATH + "@v1.0.0");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode want = new ObjectMapper().readTree(run.stdout());
        assertThat(want.path("Origin").path("URL").asText())
                .as("the go command went over SSH")
                .startsWith("git+ssh://");

        DirectSource holdfast = DirectSource.create(env, dir.resolve("direct"), DirectSource.Settings.DEFAULT);
        ModuleVersion mv = new ModuleVersion(PATH, "v1.0.0");
        assertThat(holdfast.info(mv).version()).isEqualTo(want.path("Version").asText());
        assertThat(holdfast.mod(mv))
                .isEqualTo(Files.readAllBytes(Path.of(want.path("GoMod").asText())));
        ZipTarget zip = new ZipTarget(dir.resolve("tool.zip"));
        holdfast.zip(mv, zip);
        assertThat(DirHash.hashZip(zip.file())).isEqualTo(want.path("Sum").asText());
    }
}
