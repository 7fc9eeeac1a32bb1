package dev.holdfast.conformance.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.fetch.ChecksumMismatchException;
import dev.holdfast.sumdb.SumdbException;
import dev.holdfast.sumdb.SumdbSecurityException;
import dev.holdfast.sumdb.SumdbVerifier;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.SumdbServer;
import dev.holdfast.testing.SumdbServer.Lie;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The go command takes {@link SumdbServer} as its GOSUMDB (which proves the server's notes, hashes,
 * tiles and signatures), rejects it when it lies, and Holdfast's client agrees in every case; the two
 * read each other's files ({@code pkg/sumdb/<name>/latest} and the tile and lookup cache).
 */
@Timeout(120)
class SumdbGoCommandTest {
    private final GoToolchain go = GoToolchain.get();
    private SumdbWorld world;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        world = new SumdbWorld(4);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private GoToolchain.Sandbox sandbox(String name) {
        return go.sandbox(dir.resolve(name));
    }

    private GoToolchain.Run download(GoToolchain.Sandbox sb, Map<String, String> env, List<SumdbWorld.Module> ms) {
        List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
        ms.forEach(m -> args.add(m.target()));
        return sb.run(dir, env, args.toArray(String[]::new));
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void honest_goAccepts_holdfastAgrees(boolean throughProxy) throws IOException {
        GoToolchain.Sandbox sb = sandbox("go");
        Map<String, String> env = world.goEnv(throughProxy);
        GoToolchain.Run run = download(sb, env, world.modules);
        SumdbVerifier holdfast = world.holdfast(sandbox("hf"), env);
        int agreed = 0;
        for (SumdbWorld.Module m : world.modules) {
            agreed += run.exitCode() == 0 && SumdbWorld.check(holdfast, m) == null ? 1 : 0;
        }
        ConformanceReport.record(
                "sumdb",
                throughProxy ? "honest database through proxy" : "honest database",
                world.modules.size(),
                agreed);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(agreed).isEqualTo(world.modules.size());
        assertThat(sb.gopath().resolve("pkg/sumdb/" + SumdbWorld.NAME + "/latest"))
                .exists();
        if (throughProxy) {
            assertThat(world.db.requests()).contains("/sumdb/" + SumdbWorld.NAME + "/supported");
        }
    }

    @Test
    void honest_goGet_recordsGoSum_holdfastAgrees() throws IOException {
        GoToolchain.Sandbox sb = sandbox("go");
        Path project = dir.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("go.mod"), "module example.com/main\n\ngo 1.21\n");
        SumdbWorld.Module m = world.modules.get(1);
        GoToolchain.Run run = sb.run(project, world.goEnv(false), "get", m.target());
        Exception holdfast = SumdbWorld.check(world.holdfast(sandbox("hf"), world.goEnv(false)), m);
        ConformanceReport.record(
                "sumdb", "go get with the database", 1, run.exitCode() == 0 && holdfast == null ? 1 : 0);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(holdfast).isNull();
        assertThat(Files.readString(project.resolve("go.sum"))).contains(m.zipHash(), m.modHash());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "WRONG_HASH|verifying module: checksum mismatch",
                "TAMPERED_RECORD|cannot authenticate record data in server response",
                "BAD_SIGNATURE|invalid signature for key " + SumdbWorld.NAME + "+",
                "INCONSISTENT_TILES|downloaded inconsistent tile",
            })
    void lie_goRejects_holdfastAgrees(Lie lie, String words) throws IOException {
        world.db.lie(lie);
        SumdbWorld.Module m = world.modules.get(1);
        GoToolchain.Run run = download(sandbox("go"), world.goEnv(false), List.of(m));
        Exception holdfast = SumdbWorld.check(world.holdfast(sandbox("hf"), world.goEnv(false)), m);
        boolean agree =
                run.exitCode() != 0 && holdfast != null && holdfast.getMessage().contains(words);
        ConformanceReport.record("sumdb", "lying database: " + lie, 1, agree ? 1 : 0);

        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.stdout() + run.stderr()).contains(words);
        assertThat(holdfast).isNotNull().hasMessageContaining(words);
        if (lie == Lie.WRONG_HASH) {
            assertThat(run.stdout() + run.stderr()).contains("SECURITY ERROR");
            assertThat(holdfast).isInstanceOf(ChecksumMismatchException.class).hasMessageContaining("SECURITY ERROR");
        } else {
            assertThat(holdfast).isInstanceOf(SumdbException.class);
        }
    }

    @Test
    void forkedTree_afterHonest_goAndHoldfastDetectMisbehavior() throws IOException {
        GoToolchain.Sandbox goBox = sandbox("go");
        GoToolchain.Sandbox hfBox = sandbox("hf");
        Map<String, String> env = world.goEnv(false);
        SumdbWorld.Module first = world.modules.get(0);
        SumdbWorld.Module second = world.modules.get(2);
        GoToolchain.Run honest = download(goBox, env, List.of(first));
        Exception hfHonest = SumdbWorld.check(world.holdfast(hfBox, env), first);

        world.db.lie(Lie.FORKED_TREE);
        GoToolchain.Run forked = download(goBox, env, List.of(second));
        Exception hfForked = SumdbWorld.check(world.holdfast(hfBox, env), second);
        // Holdfast reading the go command's latest tree sees the fork too.
        Exception hfOnGoFiles = SumdbWorld.check(world.holdfast(goBox, env), second);
        String words = "go.sum database server misbehavior detected!";
        int agreed = (honest.exitCode() == 0 && hfHonest == null ? 1 : 0)
                + (forked.exitCode() != 0 && hfForked instanceof SumdbSecurityException ? 1 : 0)
                + (hfOnGoFiles instanceof SumdbSecurityException ? 1 : 0);
        ConformanceReport.record("sumdb", "forked tree after an honest one", 3, agreed);

        assertThat(honest.exitCode()).as(honest.describe()).isZero();
        assertThat(hfHonest).isNull();
        assertThat(forked.exitCode()).as(forked.describe()).isNotZero();
        assertThat(forked.stderr()).contains("SECURITY ERROR", words);
        assertThat(hfForked).isInstanceOf(SumdbSecurityException.class).hasMessageContaining(words);
        assertThat(hfOnGoFiles).isInstanceOf(SumdbSecurityException.class).hasMessageContaining(words);
        // The proof lines go prints after the notes are the ones Holdfast computes.
        String goProof = forked.stderr()
                .substring(forked.stderr().indexOf("proof of misbehavior:"))
                .strip();
        assertThat(hfForked.getMessage()).contains(goProof);
    }

    @Test
    void forkedTree_freshClients_bothAccept() throws IOException {
        world.db.lie(Lie.FORKED_TREE);
        SumdbWorld.Module m = world.modules.get(3);
        GoToolchain.Run run = download(sandbox("go"), world.goEnv(false), List.of(m));
        Exception holdfast = SumdbWorld.check(world.holdfast(sandbox("hf"), world.goEnv(false)), m);
        ConformanceReport.record("sumdb", "forked tree seen first", 1, run.exitCode() == 0 && holdfast == null ? 1 : 0);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(holdfast).isNull();
    }

    @Test
    void goFiles_readByHoldfast_withoutAskingTheServer() throws IOException {
        GoToolchain.Sandbox sb = sandbox("go");
        GoToolchain.Run run = download(sb, world.goEnv(false), world.modules);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        int before = world.db.requests().size();
        world.db.lie(Lie.INCONSISTENT_TILES); // anything fetched now would fail
        SumdbVerifier holdfast = world.holdfast(sb, world.goEnv(false));
        int agreed = 0;
        for (SumdbWorld.Module m : world.modules) {
            agreed += SumdbWorld.check(holdfast, m) == null ? 1 : 0;
        }
        ConformanceReport.record("sumdb", "go command's sumdb cache read by Holdfast", world.modules.size(), agreed);

        assertThat(agreed).isEqualTo(world.modules.size());
        assertThat(world.db.requests()).hasSize(before);
    }

    @Test
    void holdfastFiles_readByGo_withoutAskingTheServer() throws IOException {
        GoToolchain.Sandbox sb = sandbox("go");
        SumdbVerifier holdfast = world.holdfast(sb, world.goEnv(false));
        for (SumdbWorld.Module m : world.modules) {
            assertThat(SumdbWorld.check(holdfast, m)).isNull();
        }
        world.db.lie(Lie.INCONSISTENT_TILES);
        int before = world.db.requests().size();
        GoToolchain.Run run = download(sb, world.goEnv(false), world.modules);
        ConformanceReport.record(
                "sumdb",
                "Holdfast's sumdb cache read by the go command",
                world.modules.size(),
                run.exitCode() == 0 ? world.modules.size() : 0);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(world.db.requests()).hasSize(before);
    }
}
