package dev.holdfast.fetch;

import static dev.holdfast.fetch.TestServer.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time limits that adapt to a link, hedged requests, the overall deadline of an exchange, and
 * Retry-After, each against a real HTTP server on loopback. Bounds on time are loose for a loaded machine:
 * what matters is seconds where the configured limits would take half a minute or forever.
 */
@Timeout(60)
class ProxySourceResilienceTest {
    /** Limits far above what the tests may take: only the adaptive ones can end them in time. */
    private static final ProxySource.Timeouts PATIENT =
            new ProxySource.Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));

    private static final ModuleVersion M = new ModuleVersion("example.com/m", "v1.0.0");
    private static final String MOD = "/example.com/m/@v/v1.0.0.mod";
    private static final String ZIP = "/example.com/m/@v/v1.0.0.zip";

    private final TestServer server = ProxySourceTest.newServer();
    private final ProxySource source = ProxySourceTest.source(server.url("/"), PATIENT);

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        server.close();
    }

    /** Makes ten quick small exchanges, so that the link knows its usual wait. */
    private void trainSmall() throws IOException {
        for (int i = 0; i < 10; i++) {
            ModuleVersion mv = new ModuleVersion("example.com/warm" + i, "v1.0.0");
            server.on("/example.com/warm" + i + "/@v/v1.0.0.mod", answer(200, "text/plain", "module x\n"));
            source.mod(mv);
        }
    }

    @Test
    void mod_lostFirstRequest_hedgeAnswersWithinAFractionOfASecond() throws IOException {
        trainSmall();
        AtomicInteger seen = new AtomicInteger();
        server.on(MOD, exchange -> {
            if (seen.incrementAndGet() == 1) {
                sleepQuietly(Duration.ofSeconds(20)); // the first request is lost in a black hole
            }
            TestServer.send(exchange, 200, "text/plain", "module example.com/m\n".getBytes());
        });
        long start = System.nanoTime();

        byte[] mod = source.mod(M);

        assertThat(new String(mod)).isEqualTo("module example.com/m\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(seen).hasValue(2);
        assertThat(source.link().snapshot().hedges()).isEqualTo(1);
        assertThat(source.link().snapshot().hedgesWon()).isEqualTo(1);
    }

    @Test
    void mod_nobodyAnswers_adaptiveHeaderLimitEndsItInSecondsNotTheConfiguredThirty() throws IOException {
        trainSmall();
        server.on(MOD, exchange -> sleepQuietly(Duration.ofSeconds(40)));
        long start = System.nanoTime();

        IOException failure = catchThrowableOfType(IOException.class, () -> source.mod(M));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(LinkStats.MIN_LIMIT, Duration.ofSeconds(10));
        assertThat(FailureKind.of(failure)).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(failure).hasMessageStartingWith("example.com/m@v1.0.0: Get ");
    }

    @Test
    void zip_bodyFarSlowerThanTheLinkUsuallyIs_abandonedAndKeptForAResume() throws IOException {
        byte[] fast = new byte[64 << 10];
        for (int i = 0; i < 10; i++) {
            String path = "/example.com/fast" + i + "/@v/v1.0.0.zip";
            server.on(path, answer(200, "application/zip", new String(fast)));
            source.zip(new ModuleVersion("example.com/fast" + i, "v1.0.0"), new ZipTarget(tmp.resolve("f" + i)));
        }
        server.on(ZIP, exchange -> {
            exchange.getResponseHeaders().set("ETag", "\"z\"");
            exchange.sendResponseHeaders(200, 100_000);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 60; i++) {
                    out.write(new byte[500]); // 500 bytes a second: a trickle
                    out.flush();
                    sleepQuietly(Duration.ofSeconds(1));
                }
            }
        });
        ZipTarget target = new ZipTarget(tmp.resolve("m.zip"));
        long start = System.nanoTime();

        StalledTransferException slow =
                catchThrowableOfType(StalledTransferException.class, () -> source.zip(M, target));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(slow).hasMessageContaining("body too slow").hasMessageContaining("where this link usually brings");
        assertThat(Files.size(target.file())).isPositive(); // what arrived waits for a resume
        assertThat(target.validator()).isEqualTo("\"z\"");
    }

    @Test
    void mod_trickledOneByteAtATime_endsAtTheOverallDeadline() {
        ProxySource strict = ProxySourceTest.source(server.url("/"), PATIENT.withTotal(Duration.ofSeconds(2)));
        server.on(MOD, exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1000; i++) {
                    out.write('m');
                    out.flush();
                    sleepQuietly(Duration.ofMillis(200));
                }
            }
        });
        long start = System.nanoTime();

        assertThatThrownBy(() -> strict.mod(M))
                .isInstanceOf(StalledTransferException.class)
                .hasMessageContaining("body not complete after");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(8));
    }

    @Test
    void mod_503WithRetryAfter_carriesTheWait() {
        server.on(MOD, exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "7");
            TestServer.send(exchange, 503, "text/plain", "busy\n".getBytes());
        });

        UpstreamException busy = catchThrowableOfType(UpstreamException.class, () -> source.mod(M));

        assertThat(busy.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(FailureKind.of(busy)).isEqualTo(FailureKind.LOSSY);
    }

    @Test
    void mod_nameThatDoesNotResolve_isUnreachableAndSaysSo() {
        ProxySource nowhere = new ProxySource(
                "http://no-such-upstream.invalid/", ProxySource.newClient(PATIENT), PATIENT, Clock.systemUTC());

        IOException failure = catchThrowableOfType(IOException.class, () -> nowhere.mod(M));

        assertThat(FailureKind.of(failure)).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(failure).hasMessageContaining("no-such-upstream.invalid");
    }

    @Test
    void zip_targetThatCannotBeWritten_isALocalFailure() {
        server.on(ZIP, answer(200, "application/zip", "PK"));
        Path notADirectory = tmp.resolve("file");
        ZipTarget target = new ZipTarget(notADirectory.resolve("m.zip"));

        assertThatThrownBy(() -> {
                    Files.writeString(notADirectory, "x");
                    source.zip(M, target);
                })
                .isInstanceOf(LocalFailureException.class)
                .hasMessageContaining("cannot write the download to " + target.file());
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
