package dev.holdfast.fetch;

import static dev.holdfast.fetch.RetryFakes.MV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.holdfast.fetch.BreakerPolicy.Window;
import dev.holdfast.fetch.RetryFakes.ManualClock;
import dev.holdfast.fetch.RetryFakes.RecordingSleeper;
import dev.holdfast.fetch.RetryFakes.ScriptedSource;
import dev.holdfast.fetch.RetryPolicy.Jitter;
import dev.holdfast.module.ModuleVersion;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UpstreamBreakersTest {
    /** Opens when 2 of the last 4 calls (once there were 4) failed transiently; 2 probes after 10 s. */
    private static final BreakerPolicy POLICY = new BreakerPolicy(Window.COUNT, 4, 4, 50, Duration.ofSeconds(10), 2);

    private final ManualClock clock = new ManualClock();
    private final UpstreamBreakers breakers = new UpstreamBreakers(POLICY, clock);

    private static void failTimes(ModuleSource source, int n) {
        for (int i = 0; i < n; i++) {
            assertThatThrownBy(() -> source.mod(MV)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void mod_transientFailuresReachTheThreshold_opensAndFailsFast() {
        ScriptedSource inner = ScriptedSource.alwaysFailing("https://proxy.example.com", new IOException("reset"));
        ModuleSource guarded = breakers.guard(inner);

        failTimes(guarded, 3);
        assertThat(breakers.state("https://proxy.example.com")).contains(State.CLOSED);
        failTimes(guarded, 1);
        assertThat(breakers.state("https://proxy.example.com")).contains(State.OPEN);

        clock.advance(Duration.ofSeconds(4));
        UpstreamException fast = catchThrowableOfType(UpstreamException.class, () -> guarded.mod(MV));

        assertThat(inner.calls).hasValue(4);
        assertThat(fast)
                .hasMessage("example.com/m@v1.0.0: https://proxy.example.com: circuit breaker open: failing for 4.0s"
                        + " (most of the last calls failed; last: reset); next probe in 6.0s");
        assertThat(fast).isInstanceOf(UpstreamUnavailableException.class).hasRootCauseMessage("reset");
        assertThat(FetchErrors.isTransient(fast)).isTrue();
        assertThat(fast.retryAfter()).contains(Duration.ofMillis(6001));
    }

    @Test
    void mod_notFound_countsAsSuccess() {
        ScriptedSource inner = ScriptedSource.alwaysFailing("up", new ModuleNotFoundException("404 Not Found"));
        ModuleSource guarded = breakers.guard(inner);

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> guarded.mod(MV)).isInstanceOf(ModuleNotFoundException.class);
        }

        assertThat(inner.calls).hasValue(10);
        assertThat(breakers.state("up")).contains(State.CLOSED);
    }

    @Test
    void mod_afterTheOpenWait_halfOpensAndClosesOnSuccessfulProbes() throws IOException {
        ScriptedSource inner = ScriptedSource.failing(RetryFakes.resets(4));
        ModuleSource guarded = breakers.guard(inner);
        failTimes(guarded, 4);

        clock.advance(Duration.ofSeconds(10));
        assertThatThrownBy(() -> guarded.mod(MV)).hasMessageContaining("next probe in 1ms");
        assertThat(inner.calls).hasValue(4);

        clock.advance(Duration.ofMillis(1));
        guarded.mod(MV);
        assertThat(breakers.state("scripted")).contains(State.HALF_OPEN);
        guarded.mod(MV);
        assertThat(breakers.state("scripted")).contains(State.CLOSED);
        assertThat(inner.calls).hasValue(6);
    }

    @Test
    void mod_failingProbes_reopenForAnotherFullWait() {
        ScriptedSource inner = ScriptedSource.failing(RetryFakes.resets(6));
        ModuleSource guarded = breakers.guard(inner);
        failTimes(guarded, 4);

        clock.advance(Duration.ofMillis(10_001));
        failTimes(guarded, 2);

        assertThat(breakers.state("scripted")).contains(State.OPEN);
        UpstreamException fast = catchThrowableOfType(UpstreamException.class, () -> guarded.mod(MV));
        assertThat(fast.retryAfter()).contains(Duration.ofMillis(10_001));
        assertThat(inner.calls).hasValue(6);
    }

    @Test
    void list_halfOpenWithProbesUnderWay_failsOthersFast() throws Exception {
        ScriptedSource inner = ScriptedSource.failing(RetryFakes.resets(4));
        CountDownLatch probing = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        ModuleSource gated = new GatedSource(inner, probing, release);
        ModuleSource guarded = breakers.guard(gated);
        failTimes(guarded, 4);
        clock.advance(Duration.ofMillis(10_001));

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<String>> probe1 = threads.submit(() -> guarded.list("example.com/m"));
            Future<List<String>> probe2 = threads.submit(() -> guarded.list("example.com/m"));
            try {
                assertThat(probing.await(10, TimeUnit.SECONDS)).isTrue();

                UpstreamException fast =
                        catchThrowableOfType(UpstreamException.class, () -> guarded.list("example.com/m"));
                assertThat(fast)
                        .hasMessageEndingWith(
                                "circuit breaker half-open, waiting for its probes (last failure: connection reset (4))");
                assertThat(fast.retryAfter()).contains(Duration.ZERO);
            } finally {
                release.countDown();
            }
            assertThat(probe1.get()).isNotEmpty();
            assertThat(probe2.get()).isNotEmpty();
        }
        assertThat(breakers.state("scripted")).contains(State.CLOSED);
        assertThat(inner.calls).hasValue(6);
    }

    /** Passes the first four calls through; later ones announce themselves and wait for the gate. */
    private record GatedSource(ScriptedSource inner, CountDownLatch probing, CountDownLatch release)
            implements ModuleSource {
        @Override
        public List<String> list(String path) throws IOException {
            if (inner.calls.get() >= 4) {
                probing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
            }
            return inner.list(path);
        }

        @Override
        public RevInfo latest(String path) throws IOException {
            return inner.latest(path);
        }

        @Override
        public RevInfo info(ModuleVersion mv) throws IOException {
            return inner.info(mv);
        }

        @Override
        public byte[] mod(ModuleVersion mv) throws IOException {
            return inner.mod(mv);
        }

        @Override
        public void zip(ModuleVersion mv, ZipTarget target) throws IOException {
            inner.zip(mv, target);
        }

        @Override
        public String describe() {
            return inner.describe();
        }
    }

    @Test
    void mod_timeWindow_forgetsFailuresOlderThanTheWindowByTheClock() {
        UpstreamBreakers timed = new UpstreamBreakers(POLICY.withWindow(Window.TIME, 10, 3), clock);
        ScriptedSource inner = ScriptedSource.alwaysFailing("up", new IOException("reset"));
        ModuleSource guarded = timed.guard(inner);

        failTimes(guarded, 2);
        clock.advance(Duration.ofSeconds(11));
        failTimes(guarded, 1);
        assertThat(timed.state("up")).contains(State.CLOSED);

        failTimes(guarded, 2);
        assertThat(timed.state("up")).contains(State.OPEN);
    }

    @Test
    void guard_sameDescription_sharesOneBreaker() {
        ScriptedSource first = ScriptedSource.alwaysFailing("up", new IOException("reset"));
        ScriptedSource second = ScriptedSource.alwaysFailing("up", new IOException("reset"));
        failTimes(breakers.guard(first), 4);

        assertThatThrownBy(() -> breakers.guard(second).list("example.com/m"))
                .hasMessageContaining("circuit breaker open");
        assertThat(second.calls).hasValue(0);
    }

    @Test
    void states_listsEveryGuardedUpstreamByDescription() {
        failTimes(breakers.guard(ScriptedSource.alwaysFailing("b", new IOException("reset"))), 4);
        breakers.guard(ScriptedSource.failing());

        assertThat(breakers.states()).containsExactly(Map.entry("b", State.OPEN), Map.entry("scripted", State.CLOSED));
        assertThat(breakers.state("never guarded")).isEmpty();
    }

    @Test
    void list_concurrentCallers_everyCallEitherReachesTheUpstreamOrFailsFast() throws Exception {
        ScriptedSource inner = ScriptedSource.alwaysFailing("up", new IOException("reset"));
        ModuleSource guarded = breakers.guard(inner);
        AtomicInteger reached = new AtomicInteger();
        List<Throwable> fast = new CopyOnWriteArrayList<>();
        List<Throwable> other = new CopyOnWriteArrayList<>();

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                threads.submit(() -> {
                    try {
                        guarded.list("example.com/m");
                    } catch (UpstreamUnavailableException e) {
                        // "circuit breaker open: ...", or "half-open, waiting for its probes" when the
                        // message is written just as the breaker moves on
                        (e.getMessage().contains("circuit breaker") ? fast : other).add(e);
                    } catch (IOException e) {
                        if ("reset".equals(e.getMessage())) {
                            reached.incrementAndGet();
                        } else {
                            other.add(e);
                        }
                    } catch (Throwable e) {
                        other.add(e);
                    }
                    return null;
                });
            }
        }

        assertThat(other).as("neither reached the upstream nor failed fast").isEmpty();
        assertThat(reached.get() + fast.size()).isEqualTo(200);
        assertThat(reached.get()).isEqualTo(inner.calls.get()).isGreaterThanOrEqualTo(4);
        assertThat(fast).isNotEmpty();
        assertThat(breakers.state("up")).contains(State.OPEN);
    }

    /**
     * A host that accepts connections and never answers: the calls beyond the upstream's turns wait for a
     * turn, and by the time they get one the first calls' time-outs have opened the breaker, so they fail
     * at once instead of each waiting out a time-out of its own.
     */
    @Test
    void call_queuedBehindASilentHost_failFastOnceTheFirstTimeOutsOpenTheBreaker() throws Exception {
        int queued = 50;
        CountDownLatch silence = new CountDownLatch(1);
        AtomicInteger reached = new AtomicInteger();
        List<Throwable> fast = new CopyOnWriteArrayList<>();
        List<Throwable> timedOut = new CopyOnWriteArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < UpstreamHealth.TURNS + queued; i++) {
                threads.submit(() -> {
                    try {
                        breakers.call("silent", "example.com/m", () -> {
                            reached.incrementAndGet();
                            try {
                                silence.await();
                            } catch (InterruptedException e) {
                                throw new InterruptedIOException("interrupted");
                            }
                            throw new java.net.http.HttpTimeoutException("request timed out");
                        });
                    } catch (UpstreamUnavailableException e) {
                        fast.add(e);
                    } catch (Throwable e) {
                        timedOut.add(e);
                    }
                    return null;
                });
            }
            int underWay;
            try {
                for (int i = 0; i < 500 && reached.get() < UpstreamHealth.TURNS; i++) {
                    Thread.sleep(10);
                }
                Thread.sleep(100); // the rest are queued, not under way
                underWay = reached.get();
            } finally {
                silence.countDown(); // every call under way times out
            }
            assertThat(underWay).as("calls under way at once").isEqualTo(UpstreamHealth.TURNS);
        }

        int inARow = BreakerPolicy.defaults().unreachableInARow();
        assertThat(reached.get())
                .as("only calls that had their turn before the breaker opened reached the host")
                .isLessThan(UpstreamHealth.TURNS + inARow);
        assertThat(fast).hasSizeGreaterThan(queued - inARow);
        assertThat(fast.size() + timedOut.size()).isEqualTo(UpstreamHealth.TURNS + queued);
        assertThat(breakers.state("silent")).contains(State.OPEN);
    }

    @Test
    void retryingOverABreaker_failingUpstream_waitsForProbesInsteadOfHammering() {
        // Breaker: opens after 3 failures of 3, one probe after 20 s. Retry: 100 ms doubling to a
        // 1 s cap, no jitter, 60 s budget, a minute of outage patience. Attempts 1-3 reach the upstream
        // (t = 0, 0, 0.2 s: a reset is retried at once the first time; open at 0.2). Attempt 4 (t = 0.6)
        // fails fast and waits until 20.2 s + 1 ms; attempt 5 probes, reopens and reports the outage, so
        // the request waits for the next probe (20.001 s); attempt 6 probes at 40.202 s and reopens, and
        // waiting for the next probe would pass the budget.
        ScriptedSource inner = ScriptedSource.alwaysFailing("dead", new IOException("reset"));
        UpstreamBreakers oneProbe =
                new UpstreamBreakers(new BreakerPolicy(Window.COUNT, 3, 3, 100, Duration.ofSeconds(20), 1), clock);
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        RetryPolicy policy = RetryPolicy.builder()
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofSeconds(1))
                .jitter(Jitter.fraction(0))
                .outagePatience(Duration.ofMinutes(1))
                .build();
        RetryingSource source = new RetryingSource(oneProbe.guard(inner), policy, sleeper, clock);

        assertThatThrownBy(() -> source.mod(MV))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("circuit breaker open: failing for 40.0s")
                .hasMessageContaining("last: reset")
                .hasMessageEndingWith("(gave up after 6 attempts in 40.2s)");
        assertThat(inner.calls).hasValue(5);
        assertThat(sleeper.millis()).containsExactly(200L, 400L, 19_601L, 20_001L);
    }
}
