package dev.holdfast.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoToolchainTest {
    @Test
    void get_findsGoWithItsSources() {
        GoToolchain go = GoToolchain.get();

        assertThat(go.version()).startsWith("go1.");
        assertThat(go.goroot().resolve("src/cmd/go")).isDirectory();
    }

    @Test
    void sandbox_isolatesModuleCacheAndSettings(@TempDir Path dir) {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(dir);

        GoToolchain.Run run = sandbox.run(dir, Map.of(), "env", "GOMODCACHE", "GOPROXY", "GOFLAGS", "GOTOOLCHAIN")
                .checkSuccess();

        assertThat(run.stdout().lines()).containsExactly(sandbox.modCache().toString(), "off", "-mod=mod", "local");
    }

    @Test
    void run_reportsFailure(@TempDir Path dir) {
        GoToolchain.Run run = GoToolchain.get().run(dir, Map.of(), "mod", "edit", "-fmt");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("go.mod");
        assertThat(Files.exists(dir.resolve("go.mod"))).isFalse();
    }
}
