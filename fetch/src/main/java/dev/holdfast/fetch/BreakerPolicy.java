package dev.holdfast.fetch;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * When {@link UpstreamBreakers} stops calling an upstream and when it tries again. Each upstream has two
 * breakers, because a dead host and a flaky one call for opposite answers (docs/resilience.md):
 *
 * <ul>
 *   <li>The <b>reachability</b> breaker opens when the last {@code unreachableInARow} calls all found
 *       nobody there ({@link FailureKind#UNREACHABLE}: refused connection, failed name lookup, time-out
 *       before any answer). A dead host is known within seconds and then costs nothing. It stays open
 *       about 1 s, then lets one probe through. For the first {@value #STEADY_PROBES} failed probes
 *       (about the first 15 s of an outage, while requests still wait for it: {@link
 *       RetryPolicy#outagePatience()}) the wait stays about 1 s, so a flapping host or a restart is
 *       noticed within a second of its return; after that each failed probe doubles the wait, up to
 *       {@code maxOpenWait} (10 s by default), and a host that stays down is touched once in ten
 *       seconds. Every wait is jittered by ±{@value #PROBE_JITTER_PERCENT} %: a probe schedule in step
 *       with a periodic fault (a link up 2 s and down 2 s, probed at 4 and 8 s) would otherwise find it
 *       down every time.
 *   <li>The <b>answering</b> breaker opens when, among the recent calls, the share that failed in any
 *       way that shows somebody there (resets, truncated bodies, 5xx; not the above) reaches a threshold. The defaults
 *       aim at upstreams that answer but uselessly (a 502 for everything), not at lossy links: a link
 *       that drops a third of all requests is the retry loop's business. Over the last 20 calls (and
 *       only once there were 20) it opens at 80 % failures, which a third of calls failing at random
 *       reaches in about one window in 40,000. It stays open {@code openWait} (1 s by default), then
 *       probes with {@code halfOpenProbes} calls; each time the probes fail the wait doubles, up to
 *       {@code maxOpenWait}. A burst of 502s while an upstream redeploys costs a second, a broken
 *       upstream one probe in ten seconds.
 * </ul>
 *
 * @param window whether the answering window counts calls or seconds
 * @param windowSize the number of calls, or of seconds, the failure rate is computed over
 * @param minimumCalls how many calls the window must hold before the rate counts
 * @param failureRatePercent the share of transient failures (1 to 100) that opens the answering breaker
 * @param openWait how long an open answering breaker first fails calls fast before it lets probes through
 * @param halfOpenProbes how many calls a half-open answering breaker lets through to decide
 * @param unreachableInARow how many calls in a row that found nobody open the reachability breaker
 * @param maxOpenWait the longest either breaker stays open before a probe
 */
public record BreakerPolicy(
        Window window,
        int windowSize,
        int minimumCalls,
        float failureRatePercent,
        Duration openWait,
        int halfOpenProbes,
        int unreachableInARow,
        Duration maxOpenWait) {

    /** The wait of an open reachability breaker in the first {@link #STEADY_PROBES} probes, before jitter. */
    static final Duration FIRST_UNREACHABLE_WAIT = Duration.ofSeconds(1);

    /** How many failed probes of an unreachable upstream come {@link #FIRST_UNREACHABLE_WAIT} apart. */
    static final int STEADY_PROBES = 15;

    /** How far a reachability probe may come before or after its nominal time, in percent. */
    static final int PROBE_JITTER_PERCENT = 25;

    /** What a breaker's sliding window holds. */
    public enum Window {
        /** The last {@code windowSize} calls. */
        COUNT,
        /** The calls of the last {@code windowSize} seconds. */
        TIME
    }

    /** Checks the values; see the record description for the rules. */
    public BreakerPolicy {
        Objects.requireNonNull(window, "window");
        if (windowSize < 1 || minimumCalls < 1 || halfOpenProbes < 1 || unreachableInARow < 1) {
            throw new IllegalArgumentException(
                    "windowSize, minimumCalls, halfOpenProbes and unreachableInARow must be at least 1");
        }
        if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
            throw new IllegalArgumentException("failureRatePercent must be in (0, 100]: " + failureRatePercent);
        }
        if (openWait.toMillis() < 1 || maxOpenWait.compareTo(FIRST_UNREACHABLE_WAIT) < 0) {
            throw new IllegalArgumentException("openWait must be at least 1ms and maxOpenWait at least 1s");
        }
    }

    /** Returns a policy with the given answering breaker and the default reachability breaker. */
    public BreakerPolicy(
            Window window,
            int windowSize,
            int minimumCalls,
            float failureRatePercent,
            Duration openWait,
            int halfOpenProbes) {
        this(window, windowSize, minimumCalls, failureRatePercent, openWait, halfOpenProbes, 5, Duration.ofSeconds(10));
    }

    /** Returns the defaults described above. */
    public static BreakerPolicy defaults() {
        return new BreakerPolicy(Window.COUNT, 20, 20, 80, Duration.ofSeconds(1), 3);
    }

    /** Returns a copy with another window. */
    public BreakerPolicy withWindow(Window window, int windowSize, int minimumCalls) {
        return new BreakerPolicy(
                window,
                windowSize,
                minimumCalls,
                failureRatePercent,
                openWait,
                halfOpenProbes,
                unreachableInARow,
                maxOpenWait);
    }

    /**
     * Returns the Resilience4j configuration of the answering breaker, every timestamp read from {@code
     * clock}. Calls are recorded by {@link UpstreamBreakers} itself, by {@link FailureKind}; {@code
     * waits} learns each open wait as it begins.
     */
    CircuitBreakerConfig answeringConfig(Clock clock, LongConsumer waits) {
        return base(clock)
                .slidingWindow(
                        windowSize,
                        minimumCalls,
                        window == Window.COUNT ? SlidingWindowType.COUNT_BASED : SlidingWindowType.TIME_BASED,
                        // The synchronized time window reads the configured clock; the lock-free
                        // one reads the system clock, which tests cannot move.
                        SlidingWindowSynchronizationStrategy.SYNCHRONIZED)
                .failureRateThreshold(failureRatePercent)
                .waitIntervalFunctionInOpenState(observed(exponential(openWait), waits))
                .permittedNumberOfCallsInHalfOpenState(halfOpenProbes)
                .build();
    }

    /** Returns the Resilience4j configuration of the reachability breaker, as {@link #answeringConfig} does. */
    CircuitBreakerConfig reachabilityConfig(Clock clock, LongConsumer waits) {
        return base(clock)
                .slidingWindow(
                        unreachableInARow,
                        unreachableInARow,
                        SlidingWindowType.COUNT_BASED,
                        SlidingWindowSynchronizationStrategy.SYNCHRONIZED)
                .failureRateThreshold(100)
                .waitIntervalFunctionInOpenState(observed(attempt -> jittered(probeWait(attempt)), waits))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build();
    }

    private static CircuitBreakerConfig.Builder base(Clock clock) {
        return CircuitBreakerConfig.custom()
                // A 500 MB zip may take minutes: slowness is the watchdog's business, not the breaker's.
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .clock(clock)
                .currentTimestampFunction(Clock::millis, TimeUnit.MILLISECONDS);
    }

    /** Returns waits from {@code first}, doubling after each failed probe, capped at {@code maxOpenWait}. */
    private IntervalFunction exponential(Duration first) {
        Duration cap = first.compareTo(maxOpenWait) > 0 ? first : maxOpenWait;
        return IntervalFunction.ofExponentialBackoff(first, 2, cap);
    }

    /**
     * Returns the nominal wait before reachability probe {@code attempt} (from 1), in milliseconds: {@link
     * #FIRST_UNREACHABLE_WAIT} for the first {@link #STEADY_PROBES}, then doubling up to {@code maxOpenWait}.
     */
    long probeWait(int attempt) {
        long first = FIRST_UNREACHABLE_WAIT.toMillis();
        int doublings = Math.min(Math.max(0, attempt - STEADY_PROBES), 30);
        return Math.min(maxOpenWait.toMillis(), first << doublings);
    }

    /** Returns {@code millis} moved by up to ±{@link #PROBE_JITTER_PERCENT} % at random. */
    private static long jittered(long millis) {
        double spread = PROBE_JITTER_PERCENT / 100.0;
        return Math.round(millis * ThreadLocalRandom.current().nextDouble(1 - spread, 1 + spread));
    }

    /** Returns {@code f}, telling {@code waits} every wait it computes. */
    private static IntervalFunction observed(IntervalFunction f, LongConsumer waits) {
        return attempt -> {
            long wait = f.apply(attempt);
            waits.accept(wait);
            return wait;
        };
    }
}
