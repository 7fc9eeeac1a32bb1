package dev.holdfast.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real go command through the relay: the lab's faults are faults to it too. */
@Timeout(10)
class FaultRelayGoTest {
    private static final String M = "example.com/hello";
    private static final String V = "v1.0.0";

    @TempDir
    Path dir;

    private LocalOrigin origin;
    private FaultRelay relay;
    private GoToolchain.Sandbox go;

    @BeforeEach
    void open() throws IOException {
        origin = LocalOrigin.open()
                .add(M, V, Instant.parse("2024-05-06T07:08:09Z"), TestModules.mod(M), TestModules.zip(M, V));
        relay = FaultRelay.open(origin.address(), 1);
        go = GoToolchain.get().sandbox(dir.resolve("go"));
    }

    @AfterEach
    void close() {
        relay.close();
        origin.close();
    }

    private GoToolchain.Run download() {
        return go.run(dir, Map.of("GOPROXY", relay.url()), "mod", "download", "-json", M + "@" + V);
    }

    @Test
    void goModDownload_noFaults_succeeds() {
        GoToolchain.Run run = download();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("\"Version\": \"" + V + "\"").doesNotContain("\"Error\"");
        assertThat(go.modCache().resolve("example.com/hello@v1.0.0/hello.go")).exists();
        assertThat(origin.requestCount("/example.com/hello/@v/v1.0.0.zip")).isEqualTo(1);
        assertThat(relay.connections()).isEqualTo(origin.requests().size());
    }

    @Test
    void goModDownload_everyConnectionReset_fails() throws IOException {
        relay.faults(Faults.NONE.withResets(1.0));

        GoToolchain.Run run = download();

        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.stdout() + run.stderr()).contains("connection reset by peer");
        assertThat(relay.faultCount(FaultKind.RESET)).isPositive();
        assertThat(origin.requests()).isEmpty();
        assertThat(go.modCache().resolve("example.com/hello@v1.0.0")).doesNotExist();
    }
}
