package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.FaultRelay;
import dev.holdfast.testing.Faults;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LiveFiles;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code kill -9} of a real {@code holdfast serve} process while it fills its cache with three 20 MB
 * zips for three clients, from an upstream slowed to 24 MB/s: a quarter into the downloads, and once
 * the first zip is stored while the others are still coming. After a restart on the same cache
 * directory nothing corrupt is served: with the upstream down, every zip answered is the origin's
 * (its {@code h1:} hash is the origin's), the rest are errors; with the upstream back, every zip is
 * served whole, and the go command's {@code go mod download} and {@code go mod verify} through the
 * restarted server accept them against the origin's go.sum.
 */
@Timeout(90)
class ServeKillTest {
    private static final int ZIP_BYTES = 20 << 20;

    private static List<BigModules.Module> modules;
    private static LocalOrigin origin;
    private static int cases;
    private static int clean;

    @TempDir
    Path dir;

    /** Where the server is killed. */
    enum KillPoint {
        /** A quarter of all the zips' bytes downloaded into temporary files. */
        QUARTER_DOWNLOADED,
        /** The first zip stored in the cache, the others still downloading. */
        FIRST_STORED
    }

    @BeforeAll
    static void origin() throws IOException {
        modules = BigModules.create(3, ZIP_BYTES, 9);
        origin = BigModules.serve(LocalOrigin.open(), modules);
    }

    @AfterAll
    static void report() {
        origin.close();
        ConformanceReport.record(
                "server",
                "kill -9 of holdfast serve filling three 20 MB zips: restarted server serves only the origin's"
                        + " bytes; go mod download + verify accept",
                cases,
                clean);
    }

    @ParameterizedTest
    @EnumSource(KillPoint.class)
    void killedDuringFills_restartedServerServesNothingCorrupt(KillPoint point) throws Exception {
        cases++;
        Path cache = dir.resolve("cache");
        try (FaultRelay relay = FaultRelay.open(origin.address(), 11)) {
            relay.faults(Faults.NONE.withBandwidth(24L << 20));
            try (ServeProcess serve = ServeProcess.start(
                    dir.resolve("first"), "--upstream", relay.url(), "--cache", cache.toString(), "--quiet")) {
                // The other clients start once half the first zip has arrived: the relay shares its bandwidth
                // among the connections, so fills started together end together, and their verifications
                // then run side by side and store all three within milliseconds: too short a moment to
                // catch one zip stored and the others not.
                Thread.ofVirtual()
                        .start(() -> drain(serve.port(), modules.getFirst().zipPath()));
                awaitOrFail(() -> downloaded(cache) >= ZIP_BYTES / 2, serve, point, cache);
                for (BigModules.Module m : modules.subList(1, modules.size())) {
                    Thread.ofVirtual().start(() -> drain(serve.port(), m.zipPath()));
                }
                awaitOrFail(reached(point, cache), serve, point, cache);
                assertThat(serve.kill()).as("killed by SIGKILL").isEqualTo(128 + 9);
            }
            long storedAtKill = stored(cache);
            assertThat(downloaded(cache)).as("partial downloads left behind").isPositive();
            if (point == KillPoint.FIRST_STORED) {
                assertThat(storedAtKill).as("zips stored when killed").isBetween(1L, modules.size() - 1L);
            } else {
                assertThat(storedAtKill).as("zips stored when killed").isZero();
            }

            relay.stop();
            List<String> problems = new ArrayList<>();
            try (ServeProcess serve = ServeProcess.start(
                    dir.resolve("second"), "--upstream", relay.url(), "--cache", cache.toString(), "--quiet")) {
                int served = 0;
                for (BigModules.Module m : modules) {
                    Answer a = get(serve.port(), m.zipPath());
                    served += a.status() == 200 ? 1 : 0;
                    if (a.status() == 200 && !BigModules.hashZip(a.body()).equals(m.sum())) {
                        problems.add("upstream down: " + m.target() + " served corrupt");
                    }
                    if (a.status() != 200 && a.status() < 500) {
                        problems.add("upstream down: " + m.target() + " answered " + a.status());
                    }
                }
                if (served != storedAtKill) {
                    problems.add("upstream down: served " + served + " zips, but " + storedAtKill + " were stored");
                }
                relay.start();
                for (BigModules.Module m : modules) {
                    Answer a = getOnceUpstreamNoticed(serve.port(), m.zipPath());
                    if (a.status() != 200 || !BigModules.hashZip(a.body()).equals(m.sum())) {
                        problems.add("upstream back: " + m.target() + " answered " + a.status() + " "
                                + BigModules.hashZip(a.body()));
                    }
                }
                problems.addAll(goCommandAccepts(serve.url()));
                long tempDirs;
                try (Stream<Path> dirs = Files.list(cache.resolve("cache/holdfast-tmp"))) {
                    tempDirs = dirs.filter(Files::isDirectory).count();
                }
                if (tempDirs != 1) {
                    problems.add("the killed server's temporary files were not removed: " + tempDirs
                            + " temporary directories, the restarted server's own the only one expected");
                }
            }
            clean += problems.isEmpty() ? 1 : 0;
            assertThat(problems).as("killed at %s", point).isEmpty();
        }
    }

    /** Runs go mod download and go mod verify through {@code url}; returns what went wrong. */
    private List<String> goCommandAccepts(String url) throws IOException {
        Path work = BigModules.writeWorkModule(dir.resolve("work"), modules);
        GoToolchain.Sandbox go = GoToolchain.get().sandbox(dir.resolve("go"));
        Map<String, String> env = Map.of("GOPROXY", url, "GOFLAGS", "-mod=mod");
        List<String> problems = new ArrayList<>();
        GoToolchain.Run download = go.run(work, env, "mod", "download");
        GoToolchain.Run verify = go.run(work, env, "mod", "verify");
        if (download.exitCode() != 0) {
            problems.add(download.describe());
        }
        if (!verify.stdout().equals("all modules verified\n")) {
            problems.add(verify.describe());
        }
        return problems;
    }

    private static BooleanSupplier reached(KillPoint point, Path cache) {
        return switch (point) {
            case QUARTER_DOWNLOADED -> () -> downloaded(cache) >= (long) ZIP_BYTES * modules.size() / 4;
            case FIRST_STORED -> () -> stored(cache) >= 1 && downloaded(cache) > 0;
        };
    }

    private static void awaitOrFail(BooleanSupplier reached, ServeProcess serve, KillPoint point, Path cache) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!reached.getAsBoolean()) {
            assertThat(serve.process().isAlive())
                    .as("server ended before %s: %s", point, serve.describe())
                    .isTrue();
            assertThat(System.nanoTime())
                    .as(
                            "reaching %s (%d zips stored, %d bytes in temporary files): %s",
                            point, stored(cache), downloaded(cache), serve.describe())
                    .isLessThan(deadline);
            ServeProcess.sleep(2);
        }
    }

    /** Returns how many bytes the store's temporary files hold. */
    private static long downloaded(Path cache) {
        return LiveFiles.sizes(cache.resolve("cache/holdfast-tmp"), name -> true).stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** Returns how many zips the store holds under their final names. */
    private static long stored(Path cache) {
        return modules.stream()
                .filter(m -> Files.exists(cache.resolve("cache/download/" + m.mv().path() + "/@v/v1.0.0.zip")))
                .count();
    }

    /** Reads a zip through the server to the end, or until the server dies. */
    static void drain(int port, String path) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            RawHttp.send(s, path);
            s.getInputStream().transferTo(OutputStreamSink.INSTANCE);
        } catch (IOException e) {
            // the server was killed
        }
    }

    /**
     * Gets {@code path} once the server has noticed that its upstream is back: its circuit breaker lets a
     * probe through at most {@code maxOpenWait} (10 s) after the last one, and until then, past the first
     * seconds of an outage, a miss fails at once with "circuit breaker open" (docs/resilience.md).
     */
    private static Answer getOnceUpstreamNoticed(int port, String path) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Answer a = get(port, path);
            boolean breakerOpen = a.status() == 502
                    && new String(a.body(), java.nio.charset.StandardCharsets.UTF_8).contains("circuit breaker open");
            if (!breakerOpen || System.nanoTime() > deadline) {
                return a;
            }
            ServeProcess.sleep(200);
        }
    }

    /** A status and body. */
    private record Answer(int status, byte[] body) {}

    private static Answer get(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            RawHttp.send(s, path);
            InputStream in = s.getInputStream();
            String head = RawHttp.head(in);
            int status = Integer.parseInt(head.split(" ")[1]);
            return new Answer(status, RawHttp.bounded(in, head).readAllBytes());
        }
    }

    /** Discards what is written. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
