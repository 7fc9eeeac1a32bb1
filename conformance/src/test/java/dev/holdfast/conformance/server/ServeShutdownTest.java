package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.FaultRelay;
import dev.holdfast.testing.Faults;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIGTERM to a real {@code holdfast serve} process while a client is downloading a 32 MB zip, slowly:
 * new connections are refused at once, the download in flight completes with exactly the origin's
 * bytes, and the process exits 0. Either with the zip already cached (the server is sending it), or
 * while the server is still filling its cache from a slow upstream.
 */
@Timeout(60)
class ServeShutdownTest {
    private static final int ZIP_BYTES = 32 << 20;

    private static BigModules.Module big;
    private static LocalOrigin origin;
    private static int cases;
    private static int completed;

    @TempDir
    Path dir;

    /** What the server is doing when it gets SIGTERM. */
    enum InFlight {
        /** Sending a zip it has cached to a client that reads slowly. */
        SENDING_CACHED,
        /** Downloading the zip from a slow upstream for a waiting client. */
        FILLING_CACHE
    }

    @BeforeAll
    static void origin() throws IOException {
        big = BigModules.create(1, ZIP_BYTES, 32).getFirst();
        origin = BigModules.serve(LocalOrigin.open(), List.of(big));
    }

    @AfterAll
    static void report() {
        origin.close();
        ConformanceReport.record(
                "server",
                "SIGTERM during a 32 MB zip download: download intact, new connections refused, exit 0",
                cases,
                completed);
    }

    @ParameterizedTest
    @EnumSource(InFlight.class)
    void sigterm_finishesTheDownloadRefusesNewConnectionsExitsZero(InFlight inFlight) throws Exception {
        cases++;
        try (FaultRelay relay = FaultRelay.open(origin.address(), 5);
                ServeProcess serve = ServeProcess.start(
                        dir,
                        "--upstream",
                        relay.url(),
                        "--cache",
                        dir.resolve("cache").toString())) {
            try {
                inFlight(serve, relay, inFlight);
            } catch (IOException | RuntimeException | AssertionError e) {
                throw new AssertionError(inFlight + ": " + e + "\n" + serve.describe(), e);
            }
        }
    }

    private void inFlight(ServeProcess serve, FaultRelay relay, InFlight inFlight) throws Exception {
        if (inFlight == InFlight.SENDING_CACHED) {
            assertThat(RawHttp.download(serve.port(), big.zipPath())).isEqualTo(big.zip());
        } else {
            relay.faults(Faults.NONE.withBandwidth(8L << 20)); // 4 s for the zip
        }
        try (Socket client = new Socket("127.0.0.1", serve.port())) {
            client.setSoTimeout(30_000);
            client.setReceiveBufferSize(64 << 10);
            RawHttp.send(client, big.zipPath());
            InputStream body = null;
            byte[] first = new byte[0];
            if (inFlight == InFlight.SENDING_CACHED) {
                body = RawHttp.body(client);
                first = body.readNBytes(1 << 20);
            } else {
                awaitFillStarted();
            }

            serve.terminate();
            assertThat(refusedWithin(serve.port(), Duration.ofSeconds(5)))
                    .as("new connections refused after SIGTERM")
                    .isTrue();
            assertThat(serve.process().isAlive())
                    .as("still running while the download is in flight")
                    .isTrue();
            ServeProcess.sleep(500); // a slow client
            byte[] rest = (body == null ? RawHttp.body(client) : body).readAllBytes();
            byte[] all = new byte[first.length + rest.length];
            System.arraycopy(first, 0, all, 0, first.length);
            System.arraycopy(rest, 0, all, first.length, rest.length);

            int exit = serve.waitFor(Duration.ofSeconds(30));
            boolean intact = Arrays.equals(all, big.zip());
            completed += intact && exit == 0 ? 1 : 0;
            assertThat(all.length).as("bytes received").isEqualTo(big.zip().length);
            assertThat(intact).as("the origin's bytes").isTrue();
            assertThat(BigModules.hashZip(all)).isEqualTo(big.sum());
            assertThat(exit).isZero();
            assertThat(serve.stdout()).contains("holdfast: stopping").endsWith("holdfast: stopped\n");
        }
    }

    /** Waits until the server has started writing the zip's temporary file. */
    private void awaitFillStarted() throws IOException {
        Path tmp = dir.resolve("cache/cache/holdfast-tmp");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            if (Files.isDirectory(tmp)) {
                try (var files = Files.walk(tmp)) {
                    if (files.anyMatch(f -> Files.isRegularFile(f) && f.toFile().length() > 0)) {
                        return;
                    }
                }
            }
            assertThat(System.nanoTime()).as("the fill started").isLessThan(deadline);
            ServeProcess.sleep(10);
        }
    }

    /** Reports whether connecting to {@code port} is refused within {@code timeout}. */
    static boolean refusedWithin(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                ServeProcess.sleep(20);
            } catch (ConnectException e) {
                return true;
            } catch (IOException e) {
                ServeProcess.sleep(20);
            }
        }
        return false;
    }
}
