package dev.holdfast.fetch;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link RetryingSource} retries a transient failure: how often, how long it waits between
 * attempts (exponential back-off with jitter), and how long one operation may take in all.
 *
 * <p>The defaults are meant for a CI machine talking to a proxy over a network that fails now and
 * then: connections reset, bodies cut short, a 502 or 503 while the proxy is redeployed, a 429
 * when many jobs start at once.
 *
 * <ul>
 *   <li>{@code budget} 60 s and {@code maxAttempts} 30: the budget, not the attempt count, bounds
 *       an operation; within it about eighteen attempts fit. With 37 % of all requests failing at
 *       random (a link that resets 30 % of connections and truncates 10 % of bodies), eighteen
 *       attempts fail together about once in 60 million operations, where ten would fail once in
 *       20,000, once in every fifty 450-request builds. An operation also outlives an upstream that
 *       is gone for half a minute (a redeploy).
 *   <li>{@code initialBackoff} 25 ms, {@code multiplier} 2, {@code maxBackoff} 5 s: the first
 *       retries come quickly (most resets are one-offs, and the go command asks for two files at a
 *       time, so every wait is on a build's critical path), and no wait is long enough to matter
 *       next to the budget. An upstream that is overloaded says so with 429 or 503 and {@code
 *       Retry-After}, which is honoured, and one that fails most requests is left alone by its
 *       circuit breaker.
 *   <li>{@code jitter} ±50 %: many CI jobs that failed on the same upstream hiccup do not come back
 *       in lockstep, yet every wait stays at least half its nominal length; full jitter would
 *       sometimes spend an attempt right away against a host that is still down.
 *   <li>{@code attemptTimeout} 15 s: a healthy proxy answers in well under a second; a connection
 *       that gives nothing for 15 s is better dropped and tried again.
 *   <li>{@code outagePatience} 15 s: a request that nothing else can answer waits for the circuit
 *       breaker's next probe of a down upstream only in the first 15 s of the outage, long enough to
 *       ride out a flapping link or a restart; later it fails at once with the root cause, so a build
 *       that needs a hundred uncached modules during an outage fails in seconds, not in an hour.
 *       (A request that can be answered otherwise, from a stale answer, never waits.)
 *   <li>{@code brokenConnectionAtOnce}: the first retry of a connection that broke after the upstream
 *       accepted it (a reset, a body cut short) goes at once, as OkHttp and gRPC retry one; on a lossy
 *       link that halves the time retries add to a build. Answers (429, 5xx) wait as above.
 * </ul>
 *
 * @param maxAttempts the most attempts per operation, the first included; at least 1
 * @param initialBackoff the nominal wait after the first failed attempt; at least 1 ms
 * @param multiplier how much the nominal wait grows after each further failure; at least 1
 * @param maxBackoff the longest wait the back-off computes; at least {@code initialBackoff}
 * @param jitter how waits are spread around their nominal length
 * @param budget the longest an operation may keep retrying: no retry starts after a wait that would
 *     end past it, counted from the start of the first attempt (the last attempt may run beyond it)
 * @param attemptTimeout how long one attempt may go without progress (until response headers, and
 *     the longest pause in a body). Enforced by the source that does the I/O, not by {@link
 *     RetryingSource}: a blocking call cannot be abandoned from outside without a thread per call
 * @param outagePatience how long into an upstream's outage (its circuit breaker open) a request still
 *     waits for the breaker's next probe rather than failing at once
 * @param brokenConnectionAtOnce whether the first retry after a broken connection goes without waiting
 */
public record RetryPolicy(
        int maxAttempts,
        Duration initialBackoff,
        double multiplier,
        Duration maxBackoff,
        Jitter jitter,
        Duration budget,
        Duration attemptTimeout,
        Duration outagePatience,
        boolean brokenConnectionAtOnce) {

    /** Checks the values; see the record description for the rules. */
    public RetryPolicy {
        Objects.requireNonNull(jitter, "jitter");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (initialBackoff.toMillis() < 1) {
            throw new IllegalArgumentException("initialBackoff must be at least 1ms: " + initialBackoff);
        }
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below initialBackoff");
        }
        if (!budget.isPositive() || !attemptTimeout.isPositive() || outagePatience.isNegative()) {
            throw new IllegalArgumentException(
                    "budget and attemptTimeout must be positive, and outagePatience not negative");
        }
    }

    /** Returns the defaults described above. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /** Returns a builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the Resilience4j configuration of this policy: its attempt count, the failures it
     * retries ({@link FetchErrors#isTransient}) and the waits between attempts. The wait after
     * attempt {@code n} is the jittered exponential back-off, or the upstream's {@code Retry-After}
     * when that is longer.
     */
    public RetryConfig retryConfig() {
        IntervalFunction backoff = backoff();
        IntervalBiFunction<Object> interval =
                (attempt, outcome) -> Math.max(backoff.apply(attempt), retryAfter(outcome));
        return RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .retryOnException(FetchErrors::isTransient)
                .intervalBiFunction(interval)
                .build();
    }

    /** Returns the jittered exponential back-off for attempt numbers from 1, in milliseconds. */
    private IntervalFunction backoff() {
        long initial = initialBackoff.toMillis();
        long max = maxBackoff.toMillis();
        return switch (jitter) {
            // Full jitter as a randomization factor of 1 around half the nominal wait: the same spread.
            case Jitter.Full() ->
                IntervalFunction.ofExponentialRandomBackoff(Math.max(1, initial / 2), multiplier, 1.0, max);
            case Jitter.Fraction(double fraction) ->
                IntervalFunction.ofExponentialRandomBackoff(initial, multiplier, fraction, max);
        };
    }

    private static long retryAfter(Either<Throwable, Object> outcome) {
        if (outcome.isLeft() && outcome.getLeft() instanceof UpstreamException upstream) {
            return upstream.retryAfter().map(Duration::toMillis).orElse(0L);
        }
        return 0;
    }

    /**
     * How the waits of a back-off are spread, so that clients that failed together do not retry
     * together. The spreading itself is Resilience4j's ({@link
     * IntervalFunction#ofExponentialRandomBackoff(long, double, double, long)}), which draws a wait
     * uniformly within a randomization factor of the nominal one and then caps it at {@code
     * maxBackoff}.
     */
    public sealed interface Jitter {
        /** Returns full jitter: each wait drawn between 0 and its nominal length. */
        static Jitter full() {
            return new Full();
        }

        /**
         * Returns proportional jitter: each wait drawn within {@code fraction} of its nominal
         * length either way (0 for no jitter, 0.5 for ±50 %, at most 1).
         */
        static Jitter fraction(double fraction) {
            return new Fraction(fraction);
        }

        /**
         * Full jitter: waits drawn between 0 and the nominal length. Built as a randomization factor
         * of 1 around half the nominal length, which is the same spread; once the nominal length
         * passes {@code maxBackoff}, waits at the cap grow more likely.
         */
        record Full() implements Jitter {}

        /**
         * Proportional jitter: waits drawn within {@code fraction} of the nominal length either way.
         *
         * @param fraction between 0 and 1
         */
        record Fraction(double fraction) implements Jitter {
            /** Checks that the fraction is between 0 and 1. */
            public Fraction {
                if (!(fraction >= 0 && fraction <= 1)) {
                    throw new IllegalArgumentException("jitter fraction must be between 0 and 1: " + fraction);
                }
            }
        }
    }

    /** Builds a {@link RetryPolicy}, starting from the defaults. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = 30;
        private Duration initialBackoff = Duration.ofMillis(25);
        private double multiplier = 2;
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Jitter jitter = Jitter.fraction(0.5);
        private Duration budget = Duration.ofSeconds(60);
        private Duration attemptTimeout = Duration.ofSeconds(15);
        private Duration outagePatience = Duration.ofSeconds(15);
        private boolean brokenConnectionAtOnce = true;

        private Builder() {}

        /** Sets the most attempts per operation, the first included. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Sets the nominal wait after the first failed attempt. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        /** Sets how much the nominal wait grows after each further failure. */
        public Builder multiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        /** Sets the longest wait the back-off computes. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        /** Sets how waits are spread around their nominal length. */
        public Builder jitter(Jitter jitter) {
            this.jitter = jitter;
            return this;
        }

        /** Sets the longest an operation may keep retrying. */
        public Builder budget(Duration budget) {
            this.budget = budget;
            return this;
        }

        /** Sets how long one attempt may go without progress (enforced by the inner source). */
        public Builder attemptTimeout(Duration attemptTimeout) {
            this.attemptTimeout = attemptTimeout;
            return this;
        }

        /** Sets how long into an upstream's outage a request still waits for the breaker's probe. */
        public Builder outagePatience(Duration outagePatience) {
            this.outagePatience = outagePatience;
            return this;
        }

        /** Sets whether the first retry after a broken connection goes without waiting. */
        public Builder brokenConnectionAtOnce(boolean atOnce) {
            this.brokenConnectionAtOnce = atOnce;
            return this;
        }

        /** Returns the policy; throws {@link IllegalArgumentException} for values out of range. */
        public RetryPolicy build() {
            return new RetryPolicy(
                    maxAttempts,
                    initialBackoff,
                    multiplier,
                    maxBackoff,
                    jitter,
                    budget,
                    attemptTimeout,
                    outagePatience,
                    brokenConnectionAtOnce);
        }
    }
}
