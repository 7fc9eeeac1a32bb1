package dev.holdfast.fetch;

import static dev.holdfast.fetch.RetryFakes.MV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.holdfast.fetch.RetryFakes.ManualClock;
import dev.holdfast.fetch.RetryFakes.RecordingSleeper;
import dev.holdfast.fetch.RetryFakes.ScriptedSource;
import dev.holdfast.module.ModuleVersion;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The failure model of docs/resilience.md as the breakers see it: dead, lossy, failing, local, one bad module. */
class UpstreamHealthTest {
    private final ManualClock clock = new ManualClock();
    private final UpstreamBreakers breakers = new UpstreamBreakers(BreakerPolicy.defaults(), clock);

    private static void fail(ModuleSource source, ModuleVersion mv) {
        assertThatThrownBy(() -> source.mod(mv)).isInstanceOf(IOException.class);
    }

    @Test
    void unreachable_fiveInARow_opensAtOnceWithTheRootCause() {
        ScriptedSource dead = ScriptedSource.alwaysFailing(
                "http://a.example.com", new ConnectException("dial tcp a.example.com:80: connect: connection refused"));
        ModuleSource guarded = breakers.guard(dead);

        for (int i = 0; i < 4; i++) {
            fail(guarded, MV);
        }
        assertThat(breakers.state("http://a.example.com")).contains(State.CLOSED);
        fail(guarded, MV);
        assertThat(breakers.state("http://a.example.com")).contains(State.OPEN);

        clock.advance(Duration.ofMillis(400));
        UpstreamUnavailableException fast =
                catchThrowableOfType(UpstreamUnavailableException.class, () -> guarded.mod(MV));
        assertThat(fast.getMessage())
                .matches("example\\.com/m@v1\\.0\\.0: http://a\\.example\\.com: circuit breaker open: unreachable"
                        + " for 400ms \\(every one of the last calls found nobody there; last: dial tcp a\\.example\\.com:80:"
                        + " connect: connection refused\\); next probe in [0-9]+ms");
        assertThat(fast.retryAfter().orElseThrow().toMillis())
                .as("a jittered 1 s, 400 ms gone")
                .isBetween(350L, 851L);
        assertThat(fast.since()).isEqualTo(clock.instant().minusMillis(400));
        assertThat(FailureKind.of(fast)).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(dead.calls).hasValue(5);
        assertThat(breakers.reports().get("http://a.example.com")).satisfies(r -> {
            assertThat(r.state()).isEqualTo(State.OPEN);
            assertThat(r.reason()).isEqualTo("unreachable");
            assertThat(r.lastFailure()).endsWith("connection refused");
        });
    }

    @Test
    void unreachable_probesAboutEverySecondForFifteenProbes_thenDoubleTheWait_upToTheMaximum() {
        ScriptedSource dead = ScriptedSource.alwaysFailing("up", new HttpConnectTimeoutException("connect timed out"));
        ModuleSource guarded = breakers.guard(dead);
        for (int i = 0; i < 5; i++) {
            fail(guarded, MV);
        }
        List<Long> waits = new ArrayList<>();
        for (int probe = 0; probe < 21; probe++) {
            UpstreamUnavailableException fast =
                    catchThrowableOfType(UpstreamUnavailableException.class, () -> guarded.mod(MV));
            Duration wait = fast.retryAfter().orElseThrow();
            waits.add(wait.toMillis());
            clock.advance(wait);
            fail(guarded, MV); // the probe fails: open again, for longer
        }

        long[] nominal = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 10};
        for (int i = 0; i < nominal.length; i++) {
            assertThat(waits.get(i))
                    .as("wait before probe %d, nominally %d s, jittered by 25 %%", i + 1, nominal[i])
                    .isBetween(nominal[i] * 750, nominal[i] * 1250 + 1);
        }
        assertThat(Set.copyOf(waits.subList(0, 15))).as("jittered, not in step").hasSizeGreaterThan(5);
        assertThat(dead.calls).hasValue(26);
    }

    @Test
    void unreachable_longOutageOfManyProbes_hostBack_answersFromTheFirstProbeOn() throws IOException {
        ScriptedSource back = ScriptedSource.failing(RetryFakes.refusals(30));
        ModuleSource guarded = breakers.guard(back);
        for (int i = 0; i < 5; i++) {
            fail(guarded, MV);
        }
        for (int probe = 0; probe < 26; probe++) { // 25 probes fail, the 26th finds the host back
            UpstreamUnavailableException fast =
                    catchThrowableOfType(UpstreamUnavailableException.class, () -> guarded.mod(MV));
            Duration wait = fast.retryAfter().orElseThrow();
            assertThat(wait.toMillis())
                    .as("wait before probe %d: the reachability breaker's steady second, nothing longer", probe + 1)
                    .isLessThanOrEqualTo(probe < 15 ? 1251 : 12_501);
            clock.advance(wait);
            if (probe < 25) {
                fail(guarded, MV);
            }
        }

        for (int i = 0; i < 10; i++) {
            assertThat(guarded.mod(MV))
                    .as("call %d after the host came back", i)
                    .isNotEmpty();
        }
        assertThat(breakers.reports().get("scripted").state()).isEqualTo(State.CLOSED);
        assertThat(back.calls).hasValue(40);
    }

    @Test
    void unreachable_probeSucceeds_closesAndEndsTheOutage() throws IOException {
        ScriptedSource flapping = ScriptedSource.failing(
                new ConnectException("refused"),
                new ConnectException("refused"),
                new ConnectException("refused"),
                new ConnectException("refused"),
                new ConnectException("refused"));
        ModuleSource guarded = breakers.guard(flapping);
        for (int i = 0; i < 5; i++) {
            fail(guarded, MV);
        }
        clock.advance(Duration.ofMillis(1251));

        guarded.mod(MV);

        assertThat(breakers.state("scripted")).contains(State.CLOSED);
        assertThat(breakers.reports().get("scripted").since()).isNull();
    }

    @Test
    void lossy_aThirdOfCallsFailingAtRandom_neverOpens() throws IOException {
        Random random = new Random(11);
        LossySource lossy = new LossySource(random, 0.37);
        ModuleSource guarded = breakers.guard(lossy);
        int failed = 0;
        for (int i = 0; i < 5_000; i++) {
            try {
                guarded.mod(new ModuleVersion("example.com/m" + (i % 150), "v1.0.0"));
            } catch (UpstreamUnavailableException e) {
                throw new AssertionError("opened on a lossy link after " + i + " calls", e);
            } catch (IOException e) {
                failed++;
            }
        }
        assertThat(failed).isBetween(1_600, 2_100);
        assertThat(breakers.state("lossy")).contains(State.CLOSED);
    }

    @Test
    void status5xx_oneModuleFailingAgainAndAgain_doesNotOpenForTheOthers() throws IOException {
        ModuleVersion broken = new ModuleVersion("example.com/broken", "v1.0.0");
        BrokenModuleSource upstream = new BrokenModuleSource(broken.path());
        ModuleSource guarded = breakers.guard(upstream);

        for (int i = 0; i < 200; i++) {
            fail(guarded, broken);
        }

        assertThat(breakers.state("broken-module")).contains(State.CLOSED);
        assertThat(guarded.mod(MV)).isNotEmpty();
    }

    @Test
    void status5xx_fromManyModules_opensTheAnsweringBreaker() {
        BrokenModuleSource upstream = new BrokenModuleSource(""); // every path is broken
        ModuleSource guarded = breakers.guard(upstream);

        for (int i = 0; i < 20; i++) {
            fail(guarded, new ModuleVersion("example.com/m" + i, "v1.0.0"));
        }

        assertThat(breakers.state("broken-module")).contains(State.OPEN);
        assertThat(breakers.reports().get("broken-module").reason()).isEqualTo("failing");
        assertThatThrownBy(() -> guarded.mod(MV))
                .isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("last: example.com/m19@v1.0.0: 502 Bad Gateway");
    }

    @Test
    void localFailures_areNeverCountedAgainstTheUpstream() {
        ScriptedSource diskFull = ScriptedSource.alwaysFailing(
                "up", new LocalFailureException("cannot write: No space left on device", new IOException("ENOSPC")));
        ModuleSource guarded = breakers.guard(diskFull);

        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> guarded.mod(MV)).isInstanceOf(LocalFailureException.class);
        }

        assertThat(diskFull.calls).hasValue(100);
        assertThat(breakers.state("up")).contains(State.CLOSED);
        assertThat(FetchErrors.isTransient(new LocalFailureException("x", null)))
                .isFalse();
    }

    @Test
    void retrying_deadUpstreamAndAFallbackAtHand_givesUpAtOnceWithTheRootCause() throws IOException {
        ScriptedSource dead = ScriptedSource.alwaysFailing("dead", new ConnectException("connection refused"));
        ModuleSource guarded = breakers.guard(dead);
        for (int i = 0; i < 5; i++) {
            fail(guarded, MV);
        }
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        RetryingSource retrying = new RetryingSource(guarded, RetryPolicy.defaults(), sleeper, clock);

        UpstreamUnavailableException thrown = catchThrowableOfType(
                UpstreamUnavailableException.class,
                () -> FetchScope.within(clock.instant().plusSeconds(5), true, () -> retrying.mod(MV)));

        assertThat(thrown)
                .hasMessageContaining("circuit breaker open: unreachable")
                .hasMessageContaining("refused");
        assertThat(dead.calls).hasValue(5); // not asked again
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void retrying_outageOlderThanThePatience_failsAtOnceWithTheRootCause() {
        ScriptedSource dead = ScriptedSource.alwaysFailing("dead", new ConnectException("connection refused"));
        ModuleSource guarded = breakers.guard(dead);
        for (int i = 0; i < 5; i++) {
            fail(guarded, MV);
        }
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        RetryingSource retrying = new RetryingSource(guarded, RetryPolicy.defaults(), sleeper, clock);
        fail(retrying, MV); // probes about every second fail; past 15 s of outage it stops waiting
        int calls = dead.calls.get();
        List<Duration> waited = List.copyOf(sleeper.waits);

        UpstreamUnavailableException thrown =
                catchThrowableOfType(UpstreamUnavailableException.class, () -> retrying.mod(MV));

        assertThat(waited.stream().mapToLong(Duration::toMillis).sum()).isBetween(15_000L, 20_000L);
        assertThat(thrown)
                .hasMessageContaining("circuit breaker open: unreachable")
                .hasMessageContaining("refused");
        assertThat(dead.calls).hasValue(calls); // the second request asked nobody
        assertThat(sleeper.waits).hasSameSizeAs(waited); // and waited for nothing
    }

    @Test
    void retrying_deadUpstreamAndNoFallback_waitsForTheProbeThatFindsItBack() throws IOException {
        ScriptedSource back = ScriptedSource.failing(RetryFakes.refusals(5));
        ModuleSource guarded = breakers.guard(back);
        for (int i = 0; i < 5; i++) {
            fail(guarded, MV);
        }
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        RetryingSource retrying = new RetryingSource(guarded, RetryPolicy.defaults(), sleeper, clock);

        assertThat(retrying.mod(MV)).isNotEmpty(); // the probe after the open wait finds it answering

        assertThat(sleeper.millis()).singleElement().satisfies(ms -> assertThat(ms)
                .isBetween(750L, 1251L));
        assertThat(breakers.state("scripted")).contains(State.CLOSED);
    }

    @Test
    void flapping_upTwoSecondsDownTwo_everyRequestWithoutAFallbackSucceeds() throws IOException {
        // The schedule of ServeResilienceTest's relay. Probes in step with it (at 4 and 8 s) would find it
        // down every time; probes about every second, jittered, find it up within the outage patience.
        FlappingSource flapping = new FlappingSource(clock, clock.millis(), 2_000, 2_000);
        ModuleSource guarded = breakers.guard(flapping);
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        RetryingSource retrying = new RetryingSource(guarded, RetryPolicy.defaults(), sleeper, clock);
        Random random = new Random(7);

        for (int i = 0; i < 400; i++) {
            clock.advance(Duration.ofMillis(random.nextInt(300)));
            assertThat(retrying.mod(new ModuleVersion("example.com/m" + i, "v1.0.0")))
                    .as("request %d at %d ms", i, clock.millis())
                    .isNotEmpty();
        }

        assertThat(flapping.refused).as("the link went down").hasValueGreaterThan(100);
        assertThat(sleeper.waits.stream().filter(w -> w.toMillis() >= 750))
                .as("requests waited for the breaker's probes")
                .isNotEmpty();
    }

    /** Refuses connections while down: up {@code upMillis}, then down {@code downMillis}, from {@code t0}. */
    private record FlappingSource(ManualClock clock, long t0, long upMillis, long downMillis, AtomicInteger refused)
            implements ModOnly {
        FlappingSource(ManualClock clock, long t0, long upMillis, long downMillis) {
            this(clock, t0, upMillis, downMillis, new AtomicInteger());
        }

        @Override
        public byte[] mod(ModuleVersion mv) throws IOException {
            if ((clock.millis() - t0) % (upMillis + downMillis) >= upMillis) {
                refused.incrementAndGet();
                throw new ConnectException("dial tcp: connect: connection refused");
            }
            return new byte[] {'m'};
        }

        @Override
        public String describe() {
            return "flapping";
        }
    }

    /** A fake upstream that only serves go.mod files; the other requests are not part of these tests. */
    private interface ModOnly extends ModuleSource {
        @Override
        default List<String> list(String path) {
            throw new UnsupportedOperationException();
        }

        @Override
        default RevInfo latest(String path) {
            throw new UnsupportedOperationException();
        }

        @Override
        default RevInfo info(ModuleVersion mv) {
            throw new UnsupportedOperationException();
        }

        @Override
        default void zip(ModuleVersion mv, ZipTarget target) {
            throw new UnsupportedOperationException();
        }
    }

    /** Fails {@code share} of calls with a reset, at random. */
    private record LossySource(Random random, double share) implements ModOnly {
        @Override
        public byte[] mod(ModuleVersion mv) throws IOException {
            if (random.nextDouble() < share) {
                throw new IOException("read \"http://lossy/\": connection reset");
            }
            return new byte[] {'m'};
        }

        @Override
        public String describe() {
            return "lossy";
        }
    }

    /** Answers 502 for the module paths starting with {@code prefix}, go.mod files for the others. */
    private record BrokenModuleSource(String prefix) implements ModOnly {
        @Override
        public byte[] mod(ModuleVersion mv) throws IOException {
            if (mv.path().startsWith(prefix) && !mv.path().equals("example.com/m")) {
                throw new UpstreamException(mv + ": 502 Bad Gateway", 502, true);
            }
            return new byte[] {'m'};
        }

        @Override
        public String describe() {
            return "broken-module";
        }
    }
}
