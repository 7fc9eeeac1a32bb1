package dev.holdfast.fetch;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many bytes of upstream answers all requests together may hold in memory while reading them, so
 * that memory does not grow with the number of hostile (endless, enormous) answers: the per-kind limits of
 * {@link AnswerLimits} bound one answer; this bounds their sum. The first {@value #FREE_BYTES} bytes of
 * every answer are free (real answers fit in them); beyond that a reader reserves what it holds, in
 * {@value #STEP_BYTES}-byte steps, waits up to {@link #WAIT} for room, and then fails locally. Zips are
 * written to disk and never count. Thread-safe; one budget per process, a quarter of the maximum heap
 * but at most 64 MiB.
 */
final class BodyBudget {
    /** Bytes of every answer that need no reservation. */
    static final int FREE_BYTES = 256 << 10;

    /** The unit of reservation. */
    static final int STEP_BYTES = 64 << 10;

    /** How long a reader waits for room before it gives up. */
    static final Duration WAIT = Duration.ofSeconds(10);

    /** The budget of this process. */
    static final BodyBudget PROCESS =
            new BodyBudget(Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 4));

    private final Semaphore steps;
    private final long bytes;

    BodyBudget(long bytes) {
        this.bytes = bytes;
        this.steps = new Semaphore((int) Math.max(1, bytes / STEP_BYTES), true);
    }

    /** Returns how many bytes the budget holds in all. */
    long bytes() {
        return bytes;
    }

    /**
     * Reserves room for one more step of an answer.
     *
     * @throws LocalFailureException when no room freed up within {@link #WAIT}
     */
    void reserveStep() throws InterruptedIOException, LocalFailureException {
        try {
            if (!steps.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LocalFailureException(
                        "too many large upstream answers in memory at once (" + (bytes >> 20) + " MiB); try again",
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for memory for an upstream answer");
        }
    }

    /** Gives back {@code n} reserved steps. */
    void release(int n) {
        if (n > 0) {
            steps.release(n);
        }
    }

    /** Returns how many steps are free now (for tests). */
    int freeSteps() {
        return steps.availablePermits();
    }
}
