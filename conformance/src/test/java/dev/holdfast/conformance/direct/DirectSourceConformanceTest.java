package dev.holdfast.conformance.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.direct.DirectSource;
import dev.holdfast.dirhash.DirHash;
import dev.holdfast.fetch.FetchErrors;
import dev.holdfast.fetch.LocalFailureException;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.RevInfo;
import dev.holdfast.fetch.UpstreamException;
import dev.holdfast.fetch.ZipTarget;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DirectSource} against {@code GOPROXY=direct go mod download -json} on the same git repositories
 * ({@link DirectWorld}): for every query the same version, time, go.mod bytes and zip hash; the same
 * version lists as {@code go list -m -versions}; and for bad input (no repository, a tag that is no
 * version, a private repository without credentials, a server that hangs) the go command's message or
 * a clear one. The repositories are served over git's smart HTTP on loopback, reached through an HTTP
 * proxy setting for a host name that does not resolve (see {@link dev.holdfast.testing.GitOrigin}).
 */
class DirectSourceConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static DirectWorld world;
    private static GoToolchain.Sandbox go;
    private static DirectSource holdfast;

    @BeforeAll
    static void setUp() throws IOException {
        world = DirectWorld.create(dir.resolve("world"));
        go = GoToolchain.get().sandbox(dir.resolve("go"));
        holdfast = DirectSource.create(env(go, true), dir.resolve("direct"), DirectSource.Settings.DEFAULT);
    }

    @AfterAll
    static void tearDown() {
        world.close();
    }

    /** The sandbox's environment with the world's, as the direct fetch of either side runs. */
    private static Map<String, String> env(GoToolchain.Sandbox sandbox, boolean withLogin) throws IOException {
        Map<String, String> env = new HashMap<>(sandbox.env());
        env.putAll(world.env(Path.of(sandbox.env().get("HOME")), withLogin));
        env.put("GOPROXY", "direct");
        env.put("GOSUMDB", "off");
        env.put("GOFLAGS", "-modcacherw");
        return env;
    }

    static List<String> queries() {
        return DirectWorld.queries();
    }

    static List<String> paths() {
        return DirectWorld.paths();
    }

    @ParameterizedTest
    @MethodSource("queries")
    void download_sameVersionTimeGoModAndZipHash(String query) throws Exception {
        GoToolchain.Run run = go.run(go.gopath(), env(go, true), "mod", "download", "-json", query);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode want = JSON.readTree(run.stdout());
        String path = query.substring(0, query.indexOf('@'));

        RevInfo info = holdfast.info(new ModuleVersion(path, query.substring(query.indexOf('@') + 1)));
        assertThat(info.version()).isEqualTo(want.path("Version").asText());
        RevInfo wantInfo =
                RevInfo.parse(Files.readAllBytes(Path.of(want.path("Info").asText())));
        assertThat(info.time()).isEqualTo(wantInfo.time());

        ModuleVersion mv = new ModuleVersion(path, info.version());
        assertThat(holdfast.mod(mv))
                .isEqualTo(Files.readAllBytes(Path.of(want.path("GoMod").asText())));
        ZipTarget target = new ZipTarget(dir.resolve("zips").resolve(mv.path().replace('/', '_') + "@" + mv.version()));
        Files.createDirectories(target.file().getParent());
        holdfast.zip(mv, target);
        assertThat(DirHash.hashZip(target.file())).isEqualTo(want.path("Sum").asText());
        assertThat(Files.readAllBytes(target.file()))
                .isEqualTo(Files.readAllBytes(Path.of(want.path("Zip").asText())));
    }

    @ParameterizedTest
    @MethodSource("paths")
    void list_sameVersionsAsGoListVersions(String path) throws Exception {
        GoToolchain.Run run = go.run(go.gopath(), env(go, true), "list", "-m", "-json", "-versions", path + "@latest");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<String> want = new ArrayList<>();
        JSON.readTree(run.stdout()).path("Versions").forEach(v -> want.add(v.asText()));
        assertThat(holdfast.list(path)).containsExactlyInAnyOrderElementsOf(want);
        assertThat(holdfast.latest(path).version())
                .isEqualTo(JSON.readTree(run.stdout()).path("Version").asText());
    }

    @Test
    void list_skipsTagsThatAreNoVersions_andKeepsIncompatible() throws Exception {
        assertThat(holdfast.list(DirectWorld.HOST + "/team/lib")).containsExactlyInAnyOrder("v1.0.0", "v1.1.0");
        assertThat(holdfast.list(DirectWorld.HOST + "/team/old"))
                .containsExactlyInAnyOrder("v1.0.0", "v2.0.0+incompatible");
    }

    @ParameterizedTest
    @MethodSource("badQueries")
    void badQuery_notFoundWithTheGoCommandsMessage(String query) throws Exception {
        GoToolchain.Run run = go.run(go.gopath(), env(go, true), "mod", "download", "-json", query);
        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        String goError = JSON.readTree(run.stdout()).path("Error").asText();
        String path = query.substring(0, query.indexOf('@'));
        String version = query.substring(query.indexOf('@') + 1);
        assertThatThrownBy(() -> holdfast.info(new ModuleVersion(path, version)))
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessage(goError);
    }

    static List<String> badQueries() {
        return List.of(
                DirectWorld.HOST + "/team/nope@v1.0.0",
                DirectWorld.HOST + "/team/lib@v1.2",
                DirectWorld.HOST + "/team/lib@v1.9.0",
                DirectWorld.HOST + "/team/lib/v3@v3.0.0");
    }

    @Test
    void aModuleOverTheZipLimit_failsWithTheGoCommandsMessage_andLeavesNoZip() throws Exception {
        world.publishHuge("team/huge", (500L << 20) + 1); // one byte over the go command's modzip.MaxZipFile
        String query = DirectWorld.HOST + "/team/huge@v1.0.0";
        GoToolchain.Run run = go.run(go.gopath(), env(go, true), "mod", "download", "-json", query);
        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        String goError = JSON.readTree(run.stdout()).path("Error").asText();
        assertThat(goError).contains("too large");

        ZipTarget target = new ZipTarget(dir.resolve("zips").resolve("huge"));
        Files.createDirectories(target.file().getParent());
        assertThatThrownBy(() -> holdfast.zip(new ModuleVersion(DirectWorld.HOST + "/team/huge", "v1.0.0"), target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(goError);
        assertThat(target.file()).doesNotExist();
    }

    @Test
    void privateRepository_throughAGitCredentialHelper_sameAnswerAsTheGoCommand() throws Exception {
        GoToolchain.Sandbox helped = GoToolchain.get().sandbox(dir.resolve("helper"));
        Map<String, String> env = env(helped, false); // no .netrc: only git's credential helper knows the password
        env.put("GIT_CONFIG_COUNT", "1");
        env.put("GIT_CONFIG_KEY_0", "credential.helper");
        env.put("GIT_CONFIG_VALUE_0", "!f() { echo username=ci; echo password=" + DirectWorld.PASSWORD + "; }; f");
        String query = DirectWorld.HOST + "/team/secret@v0.3.0";
        GoToolchain.Run run = helped.run(helped.gopath(), env, "mod", "download", "-json", query);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode want = JSON.readTree(run.stdout());

        DirectSource withHelper = DirectSource.create(env, dir.resolve("direct-helper"), DirectSource.Settings.DEFAULT);
        ModuleVersion mv = new ModuleVersion(DirectWorld.HOST + "/team/secret", "v0.3.0");
        assertThat(withHelper.info(mv).version()).isEqualTo(want.path("Version").asText());
        assertThat(withHelper.mod(mv))
                .isEqualTo(Files.readAllBytes(Path.of(want.path("GoMod").asText())));
    }

    @Test
    void govcs_thatRefusesGit_isAPermanentFailureWithTheGoCommandsMessage() throws Exception {
        GoToolchain.Sandbox refused = GoToolchain.get().sandbox(dir.resolve("govcs"));
        Map<String, String> env = env(refused, true);
        env.put("GOVCS", DirectWorld.HOST + ":off");
        String query = DirectWorld.HOST + "/team/lib@v1.0.0";
        GoToolchain.Run run = refused.run(refused.gopath(), env, "mod", "download", "-json", query);
        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        String goError = JSON.readTree(run.stdout()).path("Error").asText();
        assertThat(goError).contains("GOVCS disallows using git");

        DirectSource governed = DirectSource.create(env, dir.resolve("direct-govcs"), DirectSource.Settings.DEFAULT);
        assertThatThrownBy(() -> governed.info(new ModuleVersion(DirectWorld.HOST + "/team/lib", "v1.0.0")))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e).isNotInstanceOf(LocalFailureException.class))
                .satisfies(e -> assertThat(FetchErrors.isTransient((IOException) e))
                        .as("transient")
                        .isFalse())
                .hasMessageContaining(goError);
    }

    @Test
    void privateRepository_withoutCredentials_saysWhatWasTriedButNeverASecret() throws Exception {
        GoToolchain.Sandbox bare = GoToolchain.get().sandbox(dir.resolve("no-login"));
        DirectSource anonymous =
                DirectSource.create(env(bare, false), dir.resolve("direct-no-login"), DirectSource.Settings.DEFAULT);
        assertThatThrownBy(() -> anonymous.info(new ModuleVersion(DirectWorld.HOST + "/team/secret", "v0.3.0")))
                .isInstanceOf(UpstreamException.class)
                .satisfies(
                        e -> assertThat(((UpstreamException) e).isTransient()).isFalse())
                .hasMessageContaining(DirectWorld.HOST + "/team/secret@v0.3.0")
                .hasMessageContaining("credentials tried: .netrc " + bare.env().get("HOME") + "/.netrc (absent)")
                .hasMessageContaining("git credential helper (none configured)")
                .hasMessageNotContaining(DirectWorld.PASSWORD);
    }

    @Test
    void clones_overTheirBound_areRemovedAfterAZip() throws Exception {
        Path state = dir.resolve("direct-small");
        DirectSource small =
                DirectSource.create(env(go, true), state, new DirectSource.Settings(Duration.ofMinutes(1), 2, 0));
        ModuleVersion mv = new ModuleVersion(DirectWorld.HOST + "/team/lib", "v1.0.0");
        small.info(mv);
        assertThat(state.resolve("modcache/cache/vcs")).isNotEmptyDirectory();
        small.zip(mv, new ZipTarget(dir.resolve("small.zip")));
        assertThat(state.resolve("modcache/cache/vcs")).doesNotExist();
        assertThat(state.resolve("modcache/" + mv.path() + "@" + mv.version())).doesNotExist();
        assertThat(DirHash.hashZip(dir.resolve("small.zip"))).startsWith("h1:");
        assertThat(small.mod(mv)).isNotEmpty(); // the small files stay
    }

    @Test
    void hangingServer_endsAtTheDeadline_withEveryProcessKilled() throws Exception {
        world.origin().hang("team/hung");
        world.publishSimple("team/hung");
        DirectSource impatient = DirectSource.create(
                env(go, true),
                dir.resolve("direct-hung"),
                new DirectSource.Settings(Duration.ofSeconds(3), 1, 1L << 30));
        Instant start = Instant.now();
        assertThatThrownBy(() -> impatient.list(DirectWorld.HOST + "/team/hung"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not finish in 3.0s");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
        Thread.sleep(500);
        assertThat(ProcessHandle.allProcesses()
                        .map(p -> p.info().commandLine().orElse(""))
                        .filter(c -> c.contains("team/hung"))
                        .toList())
                .isEmpty();
    }
}
