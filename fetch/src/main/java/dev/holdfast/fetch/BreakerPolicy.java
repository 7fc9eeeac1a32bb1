package dev.holdfast.fetch;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * When {@link UpstreamBreakers} stops calling an upstream and when it tries again: the breaker
 * opens when, among the recent calls, the share that failed transiently reaches a threshold; it
 * then fails every call fast for {@code openWait}, lets {@code halfOpenProbes} calls through, and
 * closes again if few enough of them fail.
 *
 * <p>The defaults aim at dead hosts, not flaky ones: a network that drops a third of all requests
 * is the retry loop's business, and a breaker that opened on it would only add failures. Over the
 * last 20 calls (and only once there were 20) the breaker opens at 80 % failures: a third of calls
 * failing at random reaches that in about one window in 40,000, a dead host on its 20th call, that
 * is within two operations of {@link RetryPolicy#defaults()}. It stays open for
 * 15 s, long enough not to hammer a host that is restarting and short enough to notice it is back
 * within a build, and then probes with 3 calls.
 *
 * @param window whether the window counts calls or seconds
 * @param windowSize the number of calls, or of seconds, the failure rate is computed over
 * @param minimumCalls how many calls the window must hold before the rate counts
 * @param failureRatePercent the share of transient failures (1 to 100) that opens the breaker
 * @param openWait how long an open breaker fails calls fast before it lets probes through
 * @param halfOpenProbes how many calls a half-open breaker lets through to decide
 */
public record BreakerPolicy(
        Window window,
        int windowSize,
        int minimumCalls,
        float failureRatePercent,
        Duration openWait,
        int halfOpenProbes) {

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
        if (windowSize < 1 || minimumCalls < 1 || halfOpenProbes < 1) {
            throw new IllegalArgumentException("windowSize, minimumCalls and halfOpenProbes must be at least 1");
        }
        if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
            throw new IllegalArgumentException("failureRatePercent must be in (0, 100]: " + failureRatePercent);
        }
        if (openWait.toMillis() < 1) {
            throw new IllegalArgumentException("openWait must be at least 1ms: " + openWait);
        }
    }

    /** Returns the defaults described above. */
    public static BreakerPolicy defaults() {
        return new BreakerPolicy(Window.COUNT, 20, 20, 80, Duration.ofSeconds(15), 3);
    }

    /** Returns a copy with another window. */
    public BreakerPolicy withWindow(Window window, int windowSize, int minimumCalls) {
        return new BreakerPolicy(window, windowSize, minimumCalls, failureRatePercent, openWait, halfOpenProbes);
    }

    /** Returns a copy with another failure rate threshold. */
    public BreakerPolicy withFailureRatePercent(float failureRatePercent) {
        return new BreakerPolicy(window, windowSize, minimumCalls, failureRatePercent, openWait, halfOpenProbes);
    }

    /** Returns a copy with another open wait and number of half-open probes. */
    public BreakerPolicy withOpenWait(Duration openWait, int halfOpenProbes) {
        return new BreakerPolicy(window, windowSize, minimumCalls, failureRatePercent, openWait, halfOpenProbes);
    }

    /**
     * Returns the Resilience4j configuration of this policy, with every timestamp read from {@code
     * clock}: only transient failures ({@link FetchErrors#isTransient}) count as failures; anything
     * else, a 404 included, shows the upstream alive and counts as a success.
     */
    CircuitBreakerConfig circuitBreakerConfig(Clock clock) {
        return CircuitBreakerConfig.custom()
                .slidingWindow(
                        windowSize,
                        minimumCalls,
                        window == Window.COUNT ? SlidingWindowType.COUNT_BASED : SlidingWindowType.TIME_BASED,
                        // The synchronized time window reads the configured clock; the lock-free
                        // one reads the system clock, which tests cannot move.
                        SlidingWindowSynchronizationStrategy.SYNCHRONIZED)
                .failureRateThreshold(failureRatePercent)
                .recordException(FetchErrors::isTransient)
                .waitDurationInOpenState(openWait)
                .permittedNumberOfCallsInHalfOpenState(halfOpenProbes)
                // A 500 MB zip may take minutes: slowness is the watchdog's business, not the breaker's.
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .clock(clock)
                .currentTimestampFunction(Clock::millis, TimeUnit.MILLISECONDS)
                .build();
    }
}
