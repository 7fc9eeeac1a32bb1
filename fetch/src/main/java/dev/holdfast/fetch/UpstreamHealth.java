package dev.holdfast.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two circuit breakers of one upstream ({@link BreakerPolicy}), what they count ({@link
 * UpstreamBreakers}), when the current outage began and its last failure. Thread-safe.
 */
public final class UpstreamHealth {
    private final String name;
    private final Clock clock;
    private final Circuit reachability;
    private final Circuit answering;
    private final Cache<String, Boolean> pathsWithStatusFailures;
    private final Bulkhead turns;
    private volatile Instant outageSince;
    private volatile IOException lastFailure;

    UpstreamHealth(String name, BreakerPolicy policy, Clock clock) {
        this.name = name;
        this.clock = clock;
        this.reachability = new Circuit(name + " reachability", policy, clock, true);
        this.answering = new Circuit(name + " answering", policy, clock, false);
        this.turns = Bulkhead.of(
                name + " turns",
                BulkheadConfig.custom()
                        .maxConcurrentCalls(TURNS)
                        .maxWaitDuration(Duration.ofDays(1)) // bounded by the caller's deadlines instead
                        .build());
        this.pathsWithStatusFailures = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(UpstreamBreakers.PATH_MEMORY_SECONDS, TimeUnit.SECONDS)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /**
     * What an upstream's breakers know at one moment, for the status page.
     *
     * @param state the breakers' state: OPEN when either is open, else HALF_OPEN when either is, else CLOSED
     * @param reason {@code unreachable} or {@code failing} while not closed, else null
     * @param since when the current outage began, or null when there is none
     * @param lastFailure the message of the last failure counted against the upstream, or null
     * @param untilProbe how long until an open breaker lets a probe through; zero when not open
     */
    public record Report(State state, String reason, Instant since, String lastFailure, Duration untilProbe) {}

    /** A call to the upstream. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException;
    }

    /** Returns the state shown for the upstream: an open breaker wins over a half-open one. */
    State state() {
        State r = UpstreamBreakers.simple(reachability.breaker);
        State a = UpstreamBreakers.simple(answering.breaker);
        return r == State.OPEN || a == State.OPEN
                ? State.OPEN
                : r == State.HALF_OPEN || a == State.HALF_OPEN ? State.HALF_OPEN : State.CLOSED;
    }

    Report report() {
        State state = state();
        IOException last = lastFailure;
        return new Report(
                state,
                state == State.CLOSED ? null : reason(),
                outageSince,
                last == null ? null : last.getMessage(),
                state == State.OPEN ? untilProbe() : Duration.ZERO);
    }

    /**
     * How many calls to one upstream are under way at once ({@link StreamLimit#INITIAL}, the transport's
     * own first limit). A call waits for its turn <em>before</em> the breakers judge it: calls queued behind
     * the first ones to a host that accepts connections and never answers then fail at once when their
     * turn comes, the breaker having opened meanwhile, instead of each waiting out its own time-out (before,
     * 321 version lookups against such a host took five waves of 30 s).
     */
    static final int TURNS = StreamLimit.INITIAL;

    /**
     * Runs {@code call}, about module {@code path}, once it has its turn and both breakers let it through,
     * and counts how it ended; otherwise fails with {@link UpstreamUnavailableException} about {@code
     * subject}. A call made during an outage (a probe) that fails and leaves a breaker open fails with that
     * exception too, its last failure the probe's.
     */
    <T> T call(String subject, String path, Call<T> call) throws IOException {
        waitForTurn(subject);
        try {
            return judged(subject, path, call);
        } finally {
            turns.onComplete();
        }
    }

    private void waitForTurn(String subject) throws IOException {
        try {
            turns.acquirePermission();
        } catch (BulkheadFullException | io.github.resilience4j.core.exception.AcquirePermissionCancelledException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException(subject + ": interrupted while waiting for a turn at " + name);
            }
            throw new LocalFailureException(subject + ": no turn at " + name + " for a day", e);
        }
    }

    private <T> T judged(String subject, String path, Call<T> call) throws IOException {
        if (!reachability.breaker.tryAcquirePermission()) {
            throw unavailable(subject);
        }
        if (!answering.breaker.tryAcquirePermission()) {
            reachability.breaker.releasePermission();
            throw unavailable(subject);
        }
        boolean probe = outageSince != null;
        long start = clock.millis();
        try {
            T result = call.run();
            succeeded(start);
            return result;
        } catch (IOException failure) {
            count(start, path, failure);
            if (probe && state() == State.OPEN) {
                // A failed probe extends the outage: report it as the outage (its start, the next probe),
                // so that a waiting request counts its patience from when the outage began.
                throw unavailable(subject);
            }
            throw failure;
        } catch (RuntimeException | Error failure) {
            count(start, path, failure);
            throw failure;
        }
    }

    private void succeeded(long start) {
        long took = clock.millis() - start;
        reachability.breaker.onSuccess(took, TimeUnit.MILLISECONDS);
        answering.breaker.onSuccess(took, TimeUnit.MILLISECONDS);
        if (outageSince != null && state() == State.CLOSED) {
            outageSince = null;
        }
    }

    private void count(long start, String path, Throwable failure) {
        long took = clock.millis() - start;
        FailureKind kind = FailureKind.of(failure);
        switch (kind) {
            case UNREACHABLE -> {
                // Nobody there is the reachability breaker's business alone: counted on the answering
                // breaker too, the probes of a long outage would open it, and it would then hold back a
                // host that is back for another of its own waits.
                remember(failure);
                reachability.breaker.onError(took, TimeUnit.MILLISECONDS, failure);
                answering.breaker.releasePermission();
            }
            case LOSSY -> {
                reachability.breaker.onSuccess(took, TimeUnit.MILLISECONDS); // somebody answered
                if (failure instanceof UpstreamException u && u.status() >= 500 && !firstStatusFailure(path)) {
                    answering.breaker.releasePermission(); // this module's trouble was counted already
                } else {
                    remember(failure);
                    answering.breaker.onError(took, TimeUnit.MILLISECONDS, failure);
                }
            }
            case LOCAL, INTERRUPTED, UNAVAILABLE -> {
                reachability.breaker.releasePermission(); // nothing learnt about the upstream
                answering.breaker.releasePermission();
            }
            default -> succeeded(start); // an answer that shows the upstream alive: 404, 4xx, mismatch
        }
    }

    private boolean firstStatusFailure(String path) {
        return pathsWithStatusFailures.asMap().putIfAbsent(path, Boolean.TRUE) == null;
    }

    private void remember(Throwable failure) {
        if (failure instanceof IOException io) {
            lastFailure = io;
        }
    }

    private UpstreamUnavailableException unavailable(String subject) {
        IOException last = lastFailure;
        String cause = last == null ? "" : (last.getMessage() == null ? last.toString() : last.getMessage());
        Instant since = outageSince != null ? outageSince : clock.instant();
        String why;
        if (state() == State.OPEN) {
            String counted = reachability.isOpen()
                    ? "every one of the last calls found nobody there"
                    : "most of the last calls failed";
            why = "circuit breaker open: " + reason() + " for "
                    + UpstreamBreakers.format(Duration.between(since, clock.instant())) + " (" + counted
                    + (cause.isEmpty() ? "" : "; last: " + cause) + "); next probe in "
                    + UpstreamBreakers.format(untilProbe());
        } else {
            why = "circuit breaker half-open, waiting for its probes"
                    + (cause.isEmpty() ? "" : " (last failure: " + cause + ")");
        }
        UpstreamBreakers.LOG.debug("{} from {}: {}", subject, name, why);
        Duration wait = state() == State.OPEN ? untilProbe() : Duration.ZERO;
        return new UpstreamUnavailableException(subject + ": " + name + ": " + why, since, wait, last);
    }

    private String reason() {
        return reachability.isOpen() || UpstreamBreakers.simple(reachability.breaker) == State.HALF_OPEN
                ? "unreachable"
                : "failing";
    }

    /** Returns the time until the open breaker (the later one, if both are) lets a probe through. */
    private Duration untilProbe() {
        Duration r = reachability.isOpen() ? reachability.untilProbe() : Duration.ZERO;
        Duration a = answering.isOpen() ? answering.untilProbe() : Duration.ZERO;
        return r.compareTo(a) > 0 ? r : a;
    }

    /** One Resilience4j breaker, when it last opened and for how long. */
    private final class Circuit {
        final CircuitBreaker breaker;
        final AtomicLong waitMillis = new AtomicLong();
        volatile Instant openedAt = Instant.MIN;

        Circuit(String name, BreakerPolicy policy, Clock clock, boolean reachability) {
            this.breaker = CircuitBreaker.of(
                    name,
                    reachability
                            ? policy.reachabilityConfig(clock, waitMillis::set)
                            : policy.answeringConfig(clock, waitMillis::set));
            breaker.getEventPublisher().onStateTransition(event -> {
                State to = event.getStateTransition().getToState();
                if (to == State.OPEN) {
                    openedAt = clock.instant();
                    if (outageSince == null) {
                        outageSince = openedAt;
                    }
                }
                UpstreamBreakers.LOG.debug("circuit breaker {}: {}", name, event.getStateTransition());
            });
        }

        boolean isOpen() {
            return breaker.getState() == State.OPEN;
        }

        /** Returns the time until this open breaker lets a probe through, zero when it would now. */
        Duration untilProbe() {
            // Resilience4j lets a call through only once the wait has strictly passed: add 1 ms.
            Duration left = Duration.between(clock.instant(), openedAt.plusMillis(waitMillis.get()))
                    .plusMillis(1);
            return left.isNegative() ? Duration.ZERO : left;
        }
    }
}
