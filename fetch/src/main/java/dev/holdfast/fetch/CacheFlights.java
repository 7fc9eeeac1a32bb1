package dev.holdfast.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single flight per key for {@link CachingSource}: however many threads ask for one key at once,
 * the first does the work and the others wait for its result (Go's {@code par.ErrCache} without the
 * caching, which the store provides). Waiters get their own copy of a failure, so that decorators
 * adding suppressed exceptions to it do not share one instance across threads.
 *
 * <p>A flight may end in a commit (a durable write of what was fetched). Done {@linkplain
 * #CacheFlights(boolean) in the background}, the result is handed to the leader and the waiters as soon
 * as it is fetched and verified, and the commit runs on a thread of its own; the flight stays open until
 * the commit ends, so that nobody fetches the key again meanwhile. A background commit that fails is
 * logged and leaves nothing stored; the next request fetches again.
 */
final class CacheFlights {
    private static final Logger LOG = LoggerFactory.getLogger(CacheFlights.class);

    /** Work that may fail with an I/O error. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    /** Stores what a flight fetched. */
    @FunctionalInterface
    interface Commit<T> {
        void run(T fetched) throws IOException;
    }

    private static final Commit<Object> NOTHING = fetched -> {};

    /**
     * One flight: its result, and whether its leader would give up sooner than a caller without a
     * fallback (its {@link FetchScope} had one at hand: a prefetch, or a refresh with a stale answer).
     */
    private static final class Flight extends CompletableFuture<Object> {
        private final boolean impatient;

        Flight(boolean impatient) {
            this.impatient = impatient;
        }
    }

    private final ConcurrentMap<String, Flight> inFlight = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<Void>> commits = ConcurrentHashMap.newKeySet();
    private final boolean background;

    /** Returns flights that commit before their result is handed out. */
    CacheFlights() {
        this(false);
    }

    /** Returns flights that commit in the {@code background}, or before their result is handed out. */
    CacheFlights(boolean background) {
        this.background = background;
    }

    /** Reports whether commits run in the background. */
    boolean background() {
        return background;
    }

    /** Waits up to {@code timeout} for the background commits under way; reports whether all ended. */
    boolean awaitCommits(Duration timeout) throws InterruptedException {
        CompletableFuture<?>[] pending = commits.toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(pending).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return true; // a failed commit ended too; it was logged
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Returns the keys being fetched right now, sorted, at most {@code max}. */
    List<String> inFlight(int max) {
        return inFlight.keySet().stream().sorted().limit(max).toList();
    }

    /** Runs {@code work} unless a flight for {@code key} is under way, then returns its result. */
    <T> T run(String key, Work<T> work) throws IOException {
        return run(key, work, NOTHING);
    }

    /**
     * Runs {@code work} and then {@code commit} with its result (now, or in the background) unless a
     * flight for {@code key} is under way, then returns its result.
     */
    <T> T run(String key, Work<T> work, Commit<? super T> commit) throws IOException {
        while (true) {
            Flight mine = new Flight(FetchScope.fallbackAtHand());
            Flight theirs = inFlight.putIfAbsent(key, mine);
            if (theirs == null) {
                return lead(key, mine, work, commit);
            }
            try {
                @SuppressWarnings("unchecked")
                T result = (T) theirs.get();
                return result;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + key);
            } catch (ExecutionException e) {
                boolean gaveUpSooner =
                        theirs.impatient && !FetchScope.fallbackAtHand() && FetchErrors.isTransient(e.getCause());
                if (!(e.getCause() instanceof InterruptedIOException) && !gaveUpSooner) {
                    throw forWaiter(e.getCause());
                }
                // The leader was interrupted, not this thread, or gave up on the upstream sooner than
                // this caller would (a prefetch does not wait for an open breaker): fly again.
            } catch (CancellationException e) {
                // never cancelled; fly again
            }
        }
    }

    private <T> T lead(String key, Flight mine, Work<T> work, Commit<? super T> commit) throws IOException {
        boolean committing = false;
        try {
            T result = work.run();
            if (background && commit != NOTHING) {
                mine.complete(result);
                committing = true;
                commitInBackground(key, mine, commit, result);
                return result;
            }
            commit.run(result);
            mine.complete(result);
            return result;
        } catch (IOException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            if (!committing) {
                inFlight.remove(key, mine);
            }
        }
    }

    private <T> void commitInBackground(String key, Flight flight, Commit<? super T> commit, T result) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        commits.add(done);
        Thread.ofVirtual().name("commit " + key).start(() -> {
            try {
                commit.run(result);
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: served but not stored: {}", key, Failures.describe(e));
            } finally {
                inFlight.remove(key, flight);
                commits.remove(done);
                done.complete(null);
            }
        });
    }

    /** Returns a copy of the leader's failure with the same type, message and classification. */
    static IOException forWaiter(Throwable failure) {
        return switch (failure) {
            case IOException e -> Failures.withMessage(e, e.getMessage());
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> new IOException(failure);
        };
    }
}
