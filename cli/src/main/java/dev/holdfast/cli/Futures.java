package dev.holdfast.cli;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for futures whose tasks report failures in their results rather than by throwing. */
final class Futures {
    private Futures() {}

    /** Returns the result of {@code future}; a task that threw anyway is a bug, rethrown unchecked. */
    static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
