package dev.holdfast.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.FaultRelay;
import dev.holdfast.testing.Faults;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LiveFiles;
import dev.holdfast.testing.LocalOrigin;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code holdfast fetch} of a 60 MB module, as its own process, killed with SIGKILL part way: a quarter
 * into the download, three quarters in, and while the zip is being extracted. Whatever it left, {@code go
 * mod verify} accepts the module cache, and {@code holdfast fetch} run again completes it with the right
 * hashes, which the go command then confirms.
 */
@Timeout(30)
class FetchKillConformanceTest {
    private static final ModuleVersion BIG = new ModuleVersion("example.com/Big", "v1.0.0");
    private static final int ZIP_BYTES = 60 << 20;
    /** Slow enough for the download to take seconds, so that the kill lands where it should. */
    private static final long BYTES_PER_SECOND = 25L << 20;

    private static GeneratedModules.Module big;
    private static LocalOrigin origin;
    private static int cases;
    private static int accepted;

    @TempDir
    Path dir;

    /** Where the child is killed. */
    enum KillPoint {
        QUARTER_DOWNLOADED,
        THREE_QUARTERS_DOWNLOADED,
        EXTRACTING
    }

    @BeforeAll
    static void bigModule() throws IOException {
        big = GeneratedModules.create(BIG, Instant.parse("2024-03-04T05:06:07Z"), ZIP_BYTES, 240, new Random(60));
        origin = GeneratedModules.serve(LocalOrigin.open(), List.of(big));
    }

    @AfterAll
    static void report() {
        origin.close();
        ConformanceReport.record(
                "cli",
                "kill -9 during holdfast fetch of a 60 MB module: go mod verify and re-fetch accept",
                cases,
                accepted);
    }

    @ParameterizedTest
    @EnumSource(KillPoint.class)
    void killedFetch_leavesACacheGoAndHoldfastAccept(KillPoint point) throws Exception {
        cases++;
        Path cache = dir.resolve("cache");
        Path work = workModule();
        try (FaultRelay relay = FaultRelay.open(origin.address(), 7)) {
            relay.faults(Faults.NONE.withBandwidth(BYTES_PER_SECOND));
            killChild(Holdfast.env(cache, relay.url()), reached(point, cache), point);
            Path zip = cache.resolve("cache/download/example.com/!big/@v/v1.0.0.zip");
            assertThat(Files.exists(zip))
                    .as("zip in place when killed at %s", point)
                    .isEqualTo(point == KillPoint.EXTRACTING);

            GoToolchain.Sandbox go = GoToolchain.get().sandbox(dir.resolve("go"));
            Map<String, String> offline =
                    Map.of("GOMODCACHE", cache.toString(), "GOPROXY", "off", "GOFLAGS", "-mod=mod -modcacherw");
            GoToolchain.Run verify = go.run(work, offline, "mod", "verify");
            assertThat(verify.exitCode())
                    .as("after a kill at %s: %s", point, verify.describe())
                    .isZero();
            assertThat(verify.stdout()).isEqualTo("all modules verified\n");

            relay.faults(Faults.NONE);
            Holdfast.Run again = Holdfast.fetchJson(Holdfast.env(cache, relay.url()), List.of(big.target()));
            assertThat(again.exitCode()).as(again.describe()).isZero();
            assertThat(again.json().getFirst().get("Sum").asText()).isEqualTo(big.sum());
            assertThat(again.json().getFirst().get("GoModSum").asText()).isEqualTo(big.goModSum());

            GoToolchain.Run download = go.run(work, offline, "mod", "download", "-json", big.target());
            assertThat(download.exitCode()).as(download.describe()).isZero();
            assertThat(Holdfast.objects(download.stdout()).getFirst().get("Sum").asText())
                    .isEqualTo(big.sum());
            assertThat(go.run(work, offline, "mod", "verify").stdout()).isEqualTo("all modules verified\n");
            accepted++;
        }
    }

    private Path workModule() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(
                work.resolve("go.mod"),
                "module example.com/work\n\ngo 1.21\n\nrequire " + BIG.path() + " " + BIG.version() + "\n");
        Files.writeString(work.resolve("go.sum"), big.goSumLines());
        return work;
    }

    /** Returns the test of whether the child has got as far as {@code point}. */
    private static Predicate<Path> reached(KillPoint point, Path cache) {
        Path partial = cache.resolve("cache/download/example.com/!big/@v/v1.0.0.partial");
        return switch (point) {
            case QUARTER_DOWNLOADED -> c -> downloaded(cache) >= ZIP_BYTES / 4;
            case THREE_QUARTERS_DOWNLOADED -> c -> downloaded(cache) >= ZIP_BYTES / 4 * 3;
            case EXTRACTING -> c -> Files.exists(partial);
        };
    }

    /** Returns how many bytes the temporary files of the store hold. */
    private static long downloaded(Path cache) {
        return LiveFiles.sizes(cache.resolve("cache/holdfast-tmp"), name -> true).stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** Starts {@code holdfast fetch} as a process, waits for {@code reached}, and kills it with SIGKILL. */
    private void killChild(Map<String, String> env, Predicate<Path> reached, KillPoint point) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.holdfast.cli.Main",
                "fetch",
                big.target()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        File log = dir.resolve("child.log").toFile();
        builder.redirectErrorStream(true).redirectOutput(log);
        Process child = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try {
            while (!reached.test(null)) {
                assertThat(child.isAlive())
                        .as("holdfast fetch ended before %s: %s", point, Files.readString(log.toPath()))
                        .isTrue();
                assertThat(System.nanoTime()).as("reaching %s", point).isLessThan(deadline);
                Thread.sleep(2);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL on Unix
            child.waitFor();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }
}
