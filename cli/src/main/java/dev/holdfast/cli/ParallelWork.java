package dev.holdfast.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * The one bounded pool of the commands that fetch many module versions: a virtual thread per item, at
 * most {@value #PARALLEL} at work at once (the go command's module download limit is of the same order,
 * and an upstream sees no more from one command).
 */
final class ParallelWork {
    /** At most this many items are worked on at once. */
    static final int PARALLEL = 16;

    private ParallelWork() {}

    /**
     * Applies {@code task} to every item and returns the results in the items' order. Tasks report
     * failures in their results; one that throws anyway is a bug, rethrown unchecked.
     */
    static <T, R> List<R> map(Collection<T> items, Function<T, R> task) {
        List<Future<R>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore permits = new Semaphore(PARALLEL);
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    permits.acquire();
                    try {
                        return task.apply(item);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        List<R> results = new ArrayList<>();
        for (Future<R> future : futures) {
            results.add(join(future));
        }
        return results;
    }

    private static <R> R join(Future<R> future) {
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
