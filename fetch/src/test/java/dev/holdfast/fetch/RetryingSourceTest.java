package dev.holdfast.fetch;

import static dev.holdfast.fetch.RetryFakes.MV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.holdfast.fetch.RetryFakes.ManualClock;
import dev.holdfast.fetch.RetryFakes.RecordingSleeper;
import dev.holdfast.fetch.RetryFakes.ScriptedSource;
import dev.holdfast.fetch.RetryPolicy.Jitter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RetryingSourceTest {
    private final ManualClock clock = new ManualClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    /**
     * A policy without jitter, so waits are exactly initial * 2^(n-1), capped, and without the at-once
     * first retry of a broken connection.
     */
    private static RetryPolicy.Builder exact(int maxAttempts, long initialMillis, long capMillis) {
        return RetryPolicy.builder()
                .brokenConnectionAtOnce(false)
                .maxAttempts(maxAttempts)
                .initialBackoff(Duration.ofMillis(initialMillis))
                .multiplier(2)
                .maxBackoff(Duration.ofMillis(capMillis))
                .jitter(Jitter.fraction(0))
                .budget(Duration.ofHours(1));
    }

    private RetryingSource retrying(ModuleSource inner, RetryPolicy policy) {
        return new RetryingSource(inner, policy, sleeper, clock);
    }

    @Test
    void mod_transientFailuresThenSuccess_retriesWithGrowingJitteredWaits() throws IOException {
        ScriptedSource inner = ScriptedSource.failing(
                RetryFakes.unavailable(), new ConnectException("refused"), new HttpTimeoutException("timed out"));
        RetryPolicy policy = exact(5, 100, 10_000).jitter(Jitter.fraction(0.5)).build();

        byte[] mod = retrying(inner, policy).mod(MV);

        assertThat(mod).asString().isEqualTo("module example.com/m\n");
        assertThat(inner.calls).hasValue(4);
        // Nominal waits 100, 200, 400 ms, each drawn within ±50 % (Resilience4j rounds down, +1 ms slack).
        List<Long> waits = sleeper.millis();
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(50L, 151L);
        assertThat(waits.get(1)).isBetween(100L, 301L);
        assertThat(waits.get(2)).isBetween(200L, 601L);
        assertThat(waits.get(2)).isGreaterThan(waits.get(0));
    }

    @Test
    void mod_brokenConnection_firstRetryAtOnceThenBackOff() throws IOException {
        ScriptedSource inner = ScriptedSource.failing(RetryFakes.resets(3));

        retrying(inner, exact(5, 100, 10_000).brokenConnectionAtOnce(true).build())
                .mod(MV);

        assertThat(inner.calls).hasValue(4);
        assertThat(sleeper.millis()).containsExactly(200L, 400L); // no wait before the second attempt
    }

    @Test
    void mod_statusAnswer_waitsEvenWhenBrokenConnectionsGoAtOnce() throws IOException {
        ScriptedSource inner = ScriptedSource.failing(RetryFakes.unavailable());

        retrying(inner, exact(5, 100, 10_000).brokenConnectionAtOnce(true).build())
                .mod(MV);

        assertThat(sleeper.millis()).containsExactly(100L);
    }

    @Test
    void info_longFailureRun_waitsAreCappedAtMaxBackoff() throws IOException {
        ScriptedSource inner = ScriptedSource.failing(RetryFakes.resets(5));

        retrying(inner, exact(6, 1000, 3000).build()).info(MV);

        assertThat(sleeper.millis()).containsExactly(1000L, 2000L, 3000L, 3000L, 3000L);
    }

    static Stream<IOException> permanentFailures() {
        return Stream.of(
                new ModuleNotFoundException("example.com/m@v1.0.0: 404 Not Found"),
                new ChecksumMismatchException("verifying example.com/m@v1.0.0: checksum mismatch"),
                new UpstreamException("example.com/m@v1.0.0: 400 Bad Request", 400, false));
    }

    @ParameterizedTest
    @MethodSource("permanentFailures")
    void zip_permanentFailure_triedOnceAndThrownAsIs(IOException permanent, @TempDir Path dir) {
        ScriptedSource inner = ScriptedSource.failing(permanent);

        assertThatThrownBy(() -> retrying(inner, exact(5, 100, 1000).build()).zip(MV, new ZipTarget(dir.resolve("z"))))
                .isSameAs(permanent);
        assertThat(inner.calls).hasValue(1);
        assertThat(sleeper.waits).isEmpty();
        assertThat(permanent.getSuppressed()).isEmpty();
    }

    @Test
    void mod_permanentAfterTransient_throwsThePermanentWithTheEarlierAttached() {
        IOException reset = new IOException("connection reset");
        ModuleNotFoundException notFound = new ModuleNotFoundException("example.com/m@v1.0.0: 410 Gone");
        ScriptedSource inner = ScriptedSource.failing(reset, notFound);

        assertThatThrownBy(() -> retrying(inner, exact(5, 100, 1000).build()).mod(MV))
                .isSameAs(notFound);
        assertThat(notFound.getSuppressed()).containsExactly(reset);
        assertThat(inner.calls).hasValue(2);
    }

    @Test
    void mod_attemptsExhausted_throwsTransientFailureSayingHowManyOverHowLong() {
        IOException[] failures = {
            new ConnectException("refused 1"), new ConnectException("refused 2"), RetryFakes.unavailable()
        };
        ScriptedSource inner = ScriptedSource.failing(failures);

        UpstreamException thrown = catchThrowableOfType(
                UpstreamException.class,
                () -> retrying(inner, exact(3, 100, 1000).build()).mod(MV));

        assertThat(thrown)
                .hasMessage("example.com/m@v1.0.0: 503 Service Unavailable (gave up after 3 attempts in 300ms)")
                .hasCause(failures[2]);
        assertThat(thrown.getCause()).isSameAs(failures[2]);
        assertThat(thrown.getSuppressed()).containsExactly(failures[0], failures[1]);
        assertThat(thrown.status()).isEqualTo(503);
        assertThat(FetchErrors.isTransient(thrown)).isTrue();
        assertThat(inner.calls).hasValue(3);
    }

    @Test
    void list_plainIoFailureExhausted_messageNamesTheModulePath() {
        ScriptedSource inner = ScriptedSource.failing(RetryFakes.resets(2));

        assertThatThrownBy(() -> retrying(inner, exact(2, 100, 1000).build()).list("example.com/m"))
                .isInstanceOf(UpstreamException.class)
                .hasMessage("example.com/m: connection reset (2) (gave up after 2 attempts in 100ms)");
    }

    @Test
    void info_budgetWouldBePassed_stopsBeforeTheWait() {
        // Each attempt takes 500 ms. Attempts end at 0.5, 2.0, 4.5 and 9.0 s; after the fourth the
        // 8 s wait would end at 17 s, past the 10 s budget.
        ScriptedSource inner = ScriptedSource.failing(RetryFakes.resets(20)).costing(clock, Duration.ofMillis(500));
        RetryPolicy policy =
                exact(100, 1000, 60_000).budget(Duration.ofSeconds(10)).build();

        assertThatThrownBy(() -> retrying(inner, policy).info(MV))
                .hasMessageEndingWith("(gave up after 4 attempts in 9.0s)");
        assertThat(sleeper.millis()).containsExactly(1000L, 2000L, 4000L);
        assertThat(inner.calls).hasValue(4);
    }

    @Test
    void mod_retryAfterLongerThanBackoff_waitsForRetryAfter() throws IOException {
        UpstreamException tooMany = new UpstreamException("429 Too Many Requests", 429, true, Duration.ofSeconds(7));
        ScriptedSource inner = ScriptedSource.failing(tooMany);

        retrying(inner, exact(3, 100, 1000).build()).mod(MV);

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void mod_retryAfterShorterThanBackoff_waitsForBackoff() throws IOException {
        UpstreamException busy = new UpstreamException("503 Service Unavailable", 503, true, Duration.ofMillis(10));
        ScriptedSource inner = ScriptedSource.failing(busy);

        retrying(inner, exact(3, 1000, 1000).build()).mod(MV);

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void mod_retryAfterBeyondBudget_givesUpWithoutWaiting() {
        UpstreamException tooMany = new UpstreamException("429 Too Many Requests", 429, true, Duration.ofMinutes(5));
        ScriptedSource inner = ScriptedSource.failing(tooMany);
        RetryPolicy policy = exact(5, 100, 1000).budget(Duration.ofSeconds(60)).build();

        UpstreamException thrown = catchThrowableOfType(
                UpstreamException.class, () -> retrying(inner, policy).mod(MV));

        assertThat(thrown)
                .hasMessage("example.com/m@v1.0.0: 429 Too Many Requests (gave up after 1 attempt in 0ms;"
                        + " the upstream asked to retry after 300.0s, past the deadline)");
        assertThat(thrown.retryAfter()).contains(Duration.ofMinutes(5));
        assertThat(sleeper.waits).isEmpty();
        assertThat(inner.calls).hasValue(1);
    }

    @Test
    void zip_retried_passesTheSameTargetToEveryAttempt(@TempDir Path dir) throws IOException {
        ScriptedSource inner = ScriptedSource.failing(RetryFakes.resets(2));
        ZipTarget target = new ZipTarget(dir.resolve("m.zip"));

        retrying(inner, exact(5, 100, 1000).build()).zip(MV, target);

        assertThat(inner.zipTargets).hasSize(3).allSatisfy(t -> assertThat(t).isSameAs(target));
        assertThat(Files.readString(target.file())).isEqualTo("attempt 1;attempt 2;attempt 3;");
    }

    static Stream<String> operations() {
        return Stream.of("list", "latest", "info", "mod", "zip");
    }

    @ParameterizedTest
    @MethodSource("operations")
    void everyOperation_oneTransientFailure_retriedOnce(String op, @TempDir Path dir) throws IOException {
        ScriptedSource inner = ScriptedSource.failing(new IOException("connection reset"));
        RetryingSource source = retrying(inner, exact(5, 100, 1000).build());

        switch (op) {
            case "list" -> assertThat(source.list("example.com/m")).containsExactly("v1.0.0", "v1.1.0");
            case "latest" ->
                assertThat(source.latest("example.com/m").version()).isEqualTo("v1.1.0");
            case "info" -> assertThat(source.info(MV).version()).isEqualTo("v1.0.0");
            case "mod" -> assertThat(source.mod(MV)).isNotEmpty();
            case "zip" -> source.zip(MV, new ZipTarget(dir.resolve("z")));
            default -> throw new AssertionError(op);
        }
        assertThat(inner.calls).hasValue(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void mod_interruptedWhileWaiting_throwsInterruptedIoWithTheFailures() {
        IOException reset = new IOException("connection reset");
        Sleeper interrupted = d -> {
            throw new InterruptedException();
        };
        RetryingSource source = new RetryingSource(
                ScriptedSource.failing(reset), exact(5, 100, 1000).build(), interrupted, clock);

        try {
            assertThatThrownBy(() -> source.mod(MV))
                    .isInstanceOf(InterruptedIOException.class)
                    .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(reset));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void mod_interruptedDuringAnAttempt_doesNotRetry() {
        ScriptedSource inner =
                ScriptedSource.failing(new InterruptedIOException("cancelled")).interruptingTheCaller();
        try {
            assertThatThrownBy(
                            () -> retrying(inner, exact(5, 100, 1000).build()).mod(MV))
                    .isInstanceOf(InterruptedIOException.class)
                    .hasMessage("cancelled"); // the caller's own interruption, not a failure to retry
            assertThat(inner.calls).hasValue(1);
            assertThat(sleeper.waits).isEmpty();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void list_concurrentCallers_eachRetriesItsOwnFailures() throws Exception {
        ScriptedSource inner = ScriptedSource.failing(RetryFakes.resets(100));
        RetryingSource source = retrying(inner, exact(1000, 1, 1).build());
        List<Future<List<String>>> results = new ArrayList<>();

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                results.add(threads.submit(() -> source.list("example.com/m")));
            }
        }

        for (Future<List<String>> result : results) {
            assertThat(result.get()).containsExactly("v1.0.0", "v1.1.0");
        }
        assertThat(inner.calls).hasValue(150);
        assertThat(sleeper.waits).hasSize(100);
    }

    @Test
    void describe_isTheInnerSources() {
        assertThat(retrying(ScriptedSource.failing(), RetryPolicy.defaults()).describe())
                .isEqualTo("scripted");
    }
}
