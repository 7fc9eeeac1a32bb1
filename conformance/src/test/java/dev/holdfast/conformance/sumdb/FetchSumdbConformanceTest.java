package dev.holdfast.conformance.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.cli.Main;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.SumdbServer.Lie;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code holdfast fetch} checks downloads against GOSUMDB as {@code go mod download} does, and skips GONOSUMDB modules. */
@Timeout(60)
class FetchSumdbConformanceTest {
    private final GoToolchain go = GoToolchain.get();
    private SumdbWorld world;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        world = new SumdbWorld(2);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "NONE|''|0|",
                "WRONG_HASH|''|1|verifying module: checksum mismatch",
                "FORKED_TREE|''|0|",
                "BAD_SIGNATURE|''|1|invalid signature for key",
                "WRONG_HASH|example.com|0|",
            })
    void fetch_agreesWithGoModDownload(Lie lie, String gonosumdb, int exit, String words) {
        world.db.lie(lie);
        SumdbWorld.Module m = world.modules.get(1);
        Map<String, String> env = new HashMap<>(world.goEnv(false));
        env.put("GONOSUMDB", gonosumdb);
        GoToolchain.Run goRun = go.sandbox(dir.resolve("go")).run(dir, env, "mod", "download", m.target());

        GoToolchain.Sandbox hf = go.sandbox(dir.resolve("hf"));
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        env.put("HOME", hf.env().get("HOME"));
        env.put("GOENV", "off");
        env.put("GOPATH", hf.gopath().toString());
        env.put("GOMODCACHE", hf.modCache().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.execute(new String[] {"fetch", "-C", dir.toString(), m.target()}, env, o, e);
        }
        String stderr = err.toString(StandardCharsets.UTF_8);
        boolean agree = (code == 0) == (goRun.exitCode() == 0)
                && (words == null || stderr.contains(words) && goRun.stderr().contains(words));
        ConformanceReport.record("sumdb", "holdfast fetch with GOSUMDB vs go mod download", 1, agree ? 1 : 0);

        assertThat(goRun.exitCode() == 0 ? 0 : 1).as(goRun.describe()).isEqualTo(exit);
        assertThat(code).as(stderr).isEqualTo(exit);
        if (words != null) {
            assertThat(goRun.stderr()).contains(words);
            assertThat(stderr).contains(words);
        }
    }
}
