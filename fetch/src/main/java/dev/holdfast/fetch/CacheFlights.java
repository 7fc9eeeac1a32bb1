package dev.holdfast.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

/**
 * Single flight per key for {@link CachingSource}: however many threads ask for one key at once,
 * the first does the work and the others wait for its result (Go's {@code par.ErrCache} without the
 * caching, which the store provides). Waiters get their own copy of a failure, so that decorators
 * adding suppressed exceptions to it do not share one instance across threads.
 */
final class CacheFlights {
    /** Work that may fail with an I/O error. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    private final ConcurrentMap<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

    /** Returns the keys being fetched right now, sorted, at most {@code max}. */
    List<String> inFlight(int max) {
        return inFlight.keySet().stream().sorted().limit(max).toList();
    }

    /** Runs {@code work} unless a flight for {@code key} is under way, then returns its result. */
    <T> T run(String key, Work<T> work) throws IOException {
        while (true) {
            CompletableFuture<Object> mine = new CompletableFuture<>();
            CompletableFuture<Object> theirs = inFlight.putIfAbsent(key, mine);
            if (theirs == null) {
                return lead(key, mine, work);
            }
            try {
                @SuppressWarnings("unchecked")
                T result = (T) theirs.get();
                return result;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + key);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof InterruptedIOException)) {
                    throw forWaiter(e.getCause());
                }
                // The leader was interrupted, not this thread: fly again.
            } catch (CancellationException e) {
                // never cancelled; fly again
            }
        }
    }

    private <T> T lead(String key, CompletableFuture<Object> mine, Work<T> work) throws IOException {
        try {
            T result = work.run();
            mine.complete(result);
            return result;
        } catch (IOException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
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
