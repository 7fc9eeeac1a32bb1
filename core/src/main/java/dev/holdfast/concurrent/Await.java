package dev.holdfast.concurrent;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for a task's result and rethrows its failure as the task threw it. */
public final class Await {
    private Await() {}

    /**
     * Returns the result of {@code future}, waiting for it.
     *
     * @throws IOException the task's own, or one wrapping a checked failure of another kind
     * @throws InterruptedIOException if the wait is interrupted ("interrupted while {@code what}"); the
     *     thread's interrupt flag is set again
     */
    public static <T> T result(Future<T> future, String what) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + what);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /**
     * Returns {@code failure} to be thrown when it is an {@link IOException}; throws it when it is
     * unchecked (a {@link RuntimeException} or an {@link Error}); wraps anything else in an
     * IOException.
     */
    public static IOException rethrow(Throwable failure) {
        return switch (failure) {
            case IOException io -> io;
            case RuntimeException unchecked -> throw unchecked;
            case Error error -> throw error;
            default -> new IOException(failure);
        };
    }
}
