package dev.holdfast.fetch;

import java.time.Instant;
import java.util.Optional;

/**
 * What the current request allows its fetches, bound to the calling thread for the length of a call (a
 * {@link ScopedValue}), the way a Go {@code context.Context} carries a deadline through every layer
 * without being passed by hand:
 *
 * <ul>
 *   <li>a deadline: {@link RetryingSource} starts no attempt and waits no back-off past it; nested scopes
 *       only ever shorten it;
 *   <li>whether the caller has something else to answer with (a stale answer): then an upstream whose
 *       circuit breaker is open is not waited for at all.
 * </ul>
 *
 * <p>Example: a cache that holds a stale version list gives the upstream a few seconds, not the whole
 * retry budget, and none at all while the upstream is known to be down.
 */
public final class FetchScope {
    private static final ScopedValue<Bounds> CURRENT = ScopedValue.newInstance();

    private FetchScope() {}

    private record Bounds(Instant deadline, boolean fallbackAtHand) {}

    /** Work that may fail with an I/O error. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws java.io.IOException;
    }

    /**
     * Runs {@code work} with the deadline {@code end} (or the current one when that is earlier), noting
     * whether the caller has a fallback at hand (or an enclosing scope had).
     */
    public static <T> T within(Instant end, boolean fallbackAtHand, Work<T> work) throws java.io.IOException {
        Instant effective = deadline().filter(c -> c.isBefore(end)).orElse(end);
        boolean fallback = fallbackAtHand || fallbackAtHand();
        return ScopedValue.where(CURRENT, new Bounds(effective, fallback)).call(work::run);
    }

    /** Returns the deadline of the current call, or empty when there is none. */
    public static Optional<Instant> deadline() {
        return CURRENT.isBound() ? Optional.of(CURRENT.get().deadline()) : Optional.empty();
    }

    /** Reports whether the caller has something to answer with should the upstream fail. */
    public static boolean fallbackAtHand() {
        return CURRENT.isBound() && CURRENT.get().fallbackAtHand();
    }
}
