package dev.holdfast.fetch;

import dev.holdfast.module.ModuleVersion;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source that asks the source it wraps again when a request fails transiently ({@link
 * FetchErrors#isTransient}: resets, timeouts, truncated bodies, 429, 5xx), waiting between attempts
 * as its {@link RetryPolicy} says. A missing module, a checksum mismatch or any other permanent
 * failure is thrown at once. The go command retries nothing (golang/go#28194); this is the piece of
 * Holdfast that survives a flaky network.
 *
 * <p>The waits are Resilience4j's: the policy's {@link RetryConfig} decides which failures are
 * retried, how many attempts there are, and how long each wait is (jittered exponential back-off,
 * or the upstream's {@code Retry-After} when longer). This class runs the attempts itself rather
 * than through {@code Retry.decorateCheckedSupplier}, because Resilience4j sleeps through one
 * JVM-wide function; here the wait goes through the injected {@link Sleeper}, and the time budget
 * is read from the injected {@link Clock}.
 *
 * <p>Time bounds everything: no wait ends past the policy's budget, counted from the first attempt, nor
 * past the caller's deadline ({@link FetchScope}); a {@code Retry-After} that would is not waited for,
 * and the give-up message says so. An upstream whose circuit breaker is open ({@link
 * UpstreamUnavailableException}) is not waited for at all when the caller has a fallback at hand (a
 * stale answer); otherwise the request waits for the breaker's next probe, within its deadline, while
 * the outage is younger than the policy's {@link RetryPolicy#outagePatience()} (a blip, a restart, a
 * flapping link is ridden out), and fails at once with the breaker's root cause in an older outage.
 *
 * <p>When the source gives up, it throws: the permanent failure itself, when that ended it; or, when
 * attempts or time ran out, a transient {@link UpstreamException} whose message is the last
 * failure's plus how many attempts were made over how long, with the last failure as its cause.
 * Either way the earlier failures are attached as suppressed exceptions. Every attempt is logged at
 * DEBUG. Thread-safe when the wrapped source is: each call counts its own attempts.
 */
public final class RetryingSource implements ModuleSource {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingSource.class);

    /** How often a request that waits for a half-open breaker looks again. */
    private static final Duration BREAKER_POLL = Duration.ofMillis(100);

    private final ModuleSource inner;
    private final Duration budget;
    private final Duration outagePatience;
    private final boolean brokenConnectionAtOnce;
    private final int maxAttempts;
    private final Predicate<Throwable> retryable;
    private final IntervalBiFunction<Object> interval;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * Returns a source that retries {@code inner} under {@code policy}, waiting through {@code
     * sleeper} and measuring the budget with {@code clock}.
     */
    public RetryingSource(ModuleSource inner, RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        RetryConfig config = policy.retryConfig();
        this.budget = policy.budget();
        this.outagePatience = policy.outagePatience();
        this.brokenConnectionAtOnce = policy.brokenConnectionAtOnce();
        this.maxAttempts = config.getMaxAttempts();
        this.retryable = config.getExceptionPredicate();
        this.interval = config.getIntervalBiFunction();
    }

    @Override
    public List<String> list(String path) throws IOException {
        return retry("list", path, () -> inner.list(path));
    }

    @Override
    public RevInfo latest(String path) throws IOException {
        return retry("latest", path, () -> inner.latest(path));
    }

    @Override
    public RevInfo info(ModuleVersion mv) throws IOException {
        return retry("info", mv.toString(), () -> inner.info(mv));
    }

    @Override
    public byte[] mod(ModuleVersion mv) throws IOException {
        return retry("mod", mv.toString(), () -> inner.mod(mv));
    }

    /**
     * Downloads the zip, passing the same {@code target} to every attempt, so that a source that
     * can resume continues from the bytes the previous attempt wrote.
     */
    @Override
    public void zip(ModuleVersion mv, ZipTarget target) throws IOException {
        retry("zip", mv.toString(), () -> {
            inner.zip(mv, target);
            return null;
        });
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    private <T> T retry(String op, String subject, Attempt<T> call) throws IOException {
        Instant start = clock.instant();
        Instant end = start.plus(budget);
        Instant scoped = FetchScope.deadline().orElse(end);
        end = scoped.isBefore(end) ? scoped : end;
        List<IOException> failures = new ArrayList<>();
        for (int attempt = 1; ; ) {
            try {
                T result = call.run();
                LOG.debug("{} {} from {}: attempt {}/{} succeeded", op, subject, describe(), attempt, maxAttempts);
                return result;
            } catch (IOException failure) {
                failures.add(failure);
                Instant now = clock.instant();
                Decision next = next(attempt, failure, now, end);
                LOG.debug(
                        "{} {} from {}: attempt {}/{} failed after {}: {}; {}",
                        op,
                        subject,
                        describe(),
                        attempt,
                        maxAttempts,
                        format(Duration.between(start, now)),
                        failure,
                        next.why());
                if (next.pause() == null) {
                    throw giveUp(subject, failures, Duration.between(start, now), next);
                }
                sleep(subject, next.pause(), failures);
                if (!(failure instanceof UpstreamUnavailableException)) {
                    attempt++; // waiting for a breaker asked nobody: only real attempts count
                }
            }
        }
    }

    /**
     * What to do after a failed attempt.
     *
     * @param pause how long to wait before the next attempt, or null to give up
     * @param why the reason, for the log
     * @param note what the give-up message should add, or null
     */
    private record Decision(Duration pause, String why, String note) {}

    /** Decides whether and when to try again after {@code failure}, the {@code attempt}-th, at {@code now}. */
    private Decision next(int attempt, IOException failure, Instant now, Instant end) {
        if (!retryable.test(failure)) {
            return new Decision(null, "permanent, not retried", null);
        }
        if (failure instanceof UpstreamUnavailableException down) {
            if (FetchScope.fallbackAtHand()) {
                // The upstream is known to be down and the caller can answer otherwise: let it, now.
                return new Decision(null, "the upstream is down and the caller has a fallback", "");
            }
            if (down.outlasts(outagePatience, now)) {
                // No blip but an outage: fail now with its root cause rather than hold the client.
                return new Decision(null, "the upstream has been down longer than " + format(outagePatience), "");
            }
            // The breaker paces the probes: wake when it lets the next one through, or soon after a
            // half-open breaker's probe has been answered, not on the back-off of the request's attempts.
            // While a probe is out the verdict is a moment away, so it is waited for however old the outage.
            Duration probe =
                    down.retryAfter().filter(d -> d.compareTo(BREAKER_POLL) > 0).orElse(BREAKER_POLL);
            if (probe.compareTo(Duration.between(now, end)) > 0) {
                return new Decision(null, "the breaker's next probe would come past the deadline", null);
            }
            return new Decision(probe, "waiting " + format(probe) + " for the breaker's next probe", null);
        }
        if (attempt >= maxAttempts) {
            return new Decision(null, "no attempts left", null);
        }
        Duration left = Duration.between(now, end);
        Duration asked = failure instanceof UpstreamException u && !(failure instanceof UpstreamUnavailableException)
                ? u.retryAfter().orElse(null)
                : null;
        if (asked != null && asked.compareTo(left) > 0) {
            String note = "the upstream asked to retry after " + format(asked) + ", past the deadline";
            return new Decision(null, note, note);
        }
        Duration backoff = attempt == 1 && brokenConnectionAtOnce && brokenConnection(failure)
                ? Duration.ZERO
                : Duration.ofMillis(interval.apply(attempt, Either.left(failure)));
        if (backoff.compareTo(left) > 0) {
            return new Decision(null, "a wait of " + format(backoff) + " would end past the deadline", null);
        }
        return new Decision(backoff, "next attempt in " + format(backoff), null);
    }

    /**
     * Reports whether {@code failure} is a connection that broke after the upstream accepted it (a reset,
     * a body cut short or stalled): with {@link RetryPolicy#brokenConnectionAtOnce()} the first retry of
     * such a failure goes at once, because the upstream did answer and is not asking to be left alone.
     * An answer (429, 5xx) is waited for as the back-off says.
     */
    private static boolean brokenConnection(IOException failure) {
        return FailureKind.of(failure) == FailureKind.LOSSY && !(failure instanceof UpstreamException);
    }

    private void sleep(String subject, Duration wait, List<IOException> failures) throws IOException {
        try {
            if (Thread.interrupted()) {
                // The failure may have been the interrupt itself (a cancelled call): do not retry it.
                throw new InterruptedException();
            }
            if (wait.isPositive()) {
                sleeper.sleep(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException stop = new InterruptedIOException(subject + ": interrupted while waiting to retry");
            attach(stop, failures);
            throw stop;
        }
    }

    /** Returns the exception to throw for a call that ends with {@code failures}, the last one last. */
    private IOException giveUp(String subject, List<IOException> failures, Duration elapsed, Decision decision) {
        IOException last = failures.getLast();
        List<IOException> earlier = failures.subList(0, failures.size() - 1);
        if (!retryable.test(last) || (failures.size() == 1 && "".equals(decision.note()))) {
            attach(last, earlier);
            return last;
        }
        String attempts = failures.size() == 1 ? "1 attempt" : failures.size() + " attempts";
        String note = decision.note() == null || decision.note().isEmpty() ? "" : "; " + decision.note();
        String message =
                withSubject(subject, last) + " (gave up after " + attempts + " in " + format(elapsed) + note + ")";
        UpstreamException exhausted = last instanceof UpstreamException upstream
                ? new UpstreamException(
                        message, upstream.status(), true, upstream.retryAfter().orElse(null))
                : new UpstreamException(message, 0, true);
        exhausted.initCause(last);
        attach(exhausted, earlier);
        return exhausted;
    }

    /** Attaches {@code earlier} to {@code target}, skipping {@code target} itself (a source may rethrow one instance). */
    private static void attach(IOException target, List<IOException> earlier) {
        earlier.stream().filter(e -> e != target).distinct().forEach(target::addSuppressed);
    }

    /** Returns the failure's message, starting with {@code subject} if it does not already. */
    private static String withSubject(String subject, IOException failure) {
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        return message.startsWith(subject) ? message : subject + ": " + message;
    }

    /** Formats a duration for messages: {@code 350ms}, {@code 2.5s}. */
    static String format(Duration d) {
        long millis = d.toMillis();
        return millis < 1000 ? millis + "ms" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws IOException;
    }
}
