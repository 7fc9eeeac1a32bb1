package dev.holdfast.conformance.direct;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.holdfast.direct.DirectSource;
import dev.holdfast.dirhash.DirHash;
import dev.holdfast.fetch.ZipTarget;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.GitOrigin;
import dev.holdfast.testing.GoToolchain;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modules reached over SSH, the way the go command reaches a {@code .git} path when HTTPS fails and a
 * path whose {@code go-import} meta tag names an {@code ssh://} repository: through {@code
 * GIT_SSH_COMMAND}, here a script that stands in for ssh and runs the remote git command against a bare
 * repository on this machine (no network, no keys: what it shows is that the server's SSH set-up reaches
 * the go command Holdfast runs, and that the answer is the go command's). The meta tag is served by a
 * local HTTP server that the go command reaches as its HTTP proxy for the made-up host, with {@code
 * GOINSECURE} letting it fall back from HTTPS to HTTP as it does for such hosts.
 */
class DirectSshTest {
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
        String path = "ssh.holdfast.test/team/tool.git";
        Map<String, String> env = sshWorld(path);
        env.put("HTTPS_PROXY", "http://127.0.0.1:9"); // HTTPS fails at once, so the go command tries SSH
        env.put("HTTP_PROXY", "http://127.0.0.1:9");
        JsonNode want = goDownload(env, path);
        assertThat(want.path("Origin").path("URL").asText())
                .as("the go command went over SSH")
                .startsWith("git+ssh://");
        assertSameAsGo(env, path, want);
    }

    @Test
    void aGoImportMetaTag_namingAnSshRepository_sameVersionGoModAndZipAsTheGoCommand() throws Exception {
        String path = "meta.holdfast.test/tool";
        Map<String, String> env = sshWorld(path);
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer meta = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        meta.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI().toString());
            byte[] page = ("<html><head><meta name=\"go-import\" content=\"" + path
                            + " git ssh://git@repos.holdfast.test/team/tool.git\"></head></html>\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        meta.start();
        try {
            // The made-up host is reached through the proxy: HTTPS fails at once, GOINSECURE allows HTTP.
            env.put("HTTPS_PROXY", "http://127.0.0.1:9");
            env.put("HTTP_PROXY", "http://127.0.0.1:" + meta.getAddress().getPort());
            env.put("GOINSECURE", "meta.holdfast.test");
            JsonNode want = goDownload(env, path);
            assertThat(asked).as("the go command asked for the meta tag").anyMatch(u -> u.contains("go-get=1"));
            assertThat(want.path("Origin").path("URL").asText()).startsWith("ssh://");
            int askedByGo = asked.size();
            assertSameAsGo(env, path, want);
            assertThat(asked)
                    .as("holdfast's go command asked for the meta tag too")
                    .hasSizeGreaterThan(askedByGo);
        } finally {
            meta.stop(0);
        }
    }

    /**
     * Makes a bare repository {@code repos/team/tool.git} holding module {@code path} at v1.0.0 and the
     * fake ssh; returns the go command's environment for it ({@code GOPROXY=direct}).
     */
    private Map<String, String> sshWorld(String path) throws Exception {
        Path repos = Files.createDirectories(dir.resolve("repos/team"));
        GitOrigin.Git.run(repos, "init", "--quiet", "--bare", "tool.git");
        Path work = Files.createDirectories(dir.resolve("work"));
        GitOrigin.Git.run(work, "init", "--quiet");
        Files.writeString(work.resolve("go.mod"), "module " + path + "\n\ngo 1.21\n");
        Files.writeString(work.resolve("tool.go"), "package tool\n\n// Over says how it came.\nconst Over = \"ssh\"\n");
        GitOrigin.Git.runAt(work, "2024-08-09T10:11:12Z", "add", "-A");
        GitOrigin.Git.runAt(work, "2024-08-09T10:11:12Z", "commit", "--quiet", "-m", "tool");
        GitOrigin.Git.run(work, "tag", "v1.0.0");
        GitOrigin.Git.run(
                work, "push", "--quiet", repos.resolve("tool.git").toString(), "HEAD:refs/heads/main", "v1.0.0");
        Path ssh = dir.resolve("fake-ssh");
        Files.writeString(ssh, FAKE_SSH);
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = new HashMap<>(go().env());
        env.put("GOPROXY", "direct");
        env.put("GOSUMDB", "off");
        env.put("GOFLAGS", "-modcacherw");
        env.put("GIT_SSH_COMMAND", ssh.toString());
        env.put("HOLDFAST_SSH_ROOT", dir.resolve("repos").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        return env;
    }

    private GoToolchain.Sandbox go() {
        return GoToolchain.get().sandbox(dir.resolve("go"));
    }

    /** Returns {@code go mod download -json path@v1.0.0} in {@code env}. */
    private JsonNode goDownload(Map<String, String> env, String path) throws Exception {
        GoToolchain.Sandbox go = go();
        GoToolchain.Run run = go.run(go.gopath(), env, "mod", "download", "-json", path + "@v1.0.0");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return new ObjectMapper().readTree(run.stdout());
    }

    /** Checks that Holdfast's direct source gives the version, go.mod and zip hash the go command gave. */
    private void assertSameAsGo(Map<String, String> env, String path, JsonNode want) throws Exception {
        DirectSource holdfast = DirectSource.create(env, dir.resolve("direct"), DirectSource.Settings.DEFAULT);
        ModuleVersion mv = new ModuleVersion(path, "v1.0.0");
        assertThat(holdfast.info(mv).version()).isEqualTo(want.path("Version").asText());
        assertThat(holdfast.mod(mv))
                .isEqualTo(Files.readAllBytes(Path.of(want.path("GoMod").asText())));
        ZipTarget zip = new ZipTarget(dir.resolve("tool.zip"));
        holdfast.zip(mv, zip);
        assertThat(DirHash.hashZip(zip.file())).isEqualTo(want.path("Sum").asText());
    }
}
