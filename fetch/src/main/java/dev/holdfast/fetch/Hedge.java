package dev.holdfast.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hedged request ("The Tail at Scale", Dean and Barroso): when a small request has not been answered
 * within {@link LinkStats#hedgeDelay} (a few times the link's usual wait), a second, identical request
 * races it and whichever answers first wins; the other is cancelled. A black-holed connection or a
 * server that lost the first request then costs a fraction of a second instead of a time-out. Bounded: at
 * most one hedge per request, and only while the link's hedging budget lasts ({@link LinkStats#tryHedge}),
 * so a link that has gone slow for everyone is not asked twice for everything. Used for {@code .info},
 * {@code .mod}, list and {@code @latest} requests, never for zips. Each attempt runs on a virtual thread.
 */
final class Hedge {
    private static final Logger LOG = LoggerFactory.getLogger(Hedge.class);

    private Hedge() {}

    /** One attempt of the request. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws IOException;
    }

    private record Outcome<T>(boolean hedge, T value, IOException failure) {}

    /** Runs {@code attempt}, hedged on {@code link} as the class comment says; {@code what} names it in logs. */
    static <T> T run(LinkStats link, String what, Attempt<T> attempt) throws IOException {
        Duration delay = link.hedgeDelay();
        if (delay == null) {
            return attempt.run(); // nothing known of the link yet: nothing to judge "late" by
        }
        BlockingQueue<Outcome<T>> outcomes = new LinkedBlockingQueue<>();
        List<Thread> threads = new ArrayList<>(2);
        threads.add(start(attempt, false, outcomes));
        try {
            Outcome<T> first = outcomes.poll(delay.toNanos(), TimeUnit.NANOSECONDS);
            if (first == null && link.tryHedge()) {
                LOG.debug("{}: no answer after {}, hedging with a second request", what, RetryingSource.format(delay));
                threads.add(start(attempt, true, outcomes));
            }
            List<IOException> failures = new ArrayList<>();
            for (Outcome<T> o = first != null ? first : outcomes.take(); ; o = outcomes.take()) {
                if (o.failure() == null) {
                    if (o.hedge()) {
                        link.hedgeWon();
                        LOG.debug("{}: the hedge answered first", what);
                    }
                    return o.value();
                }
                failures.add(o.failure());
                if (failures.size() == threads.size()) {
                    IOException failure = failures.getFirst();
                    failures.stream().skip(1).filter(f -> f != failure).forEach(failure::addSuppressed);
                    throw failure;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + ": interrupted");
        } finally {
            threads.forEach(Thread::interrupt); // cancels the loser's exchange; the winner is done
        }
    }

    private static <T> Thread start(Attempt<T> attempt, boolean hedge, BlockingQueue<Outcome<T>> outcomes) {
        return Thread.ofVirtual().name(hedge ? "hedge" : "attempt").start(() -> {
            try {
                outcomes.add(new Outcome<>(hedge, attempt.run(), null));
            } catch (IOException e) {
                outcomes.add(new Outcome<>(hedge, null, e));
            } catch (RuntimeException e) {
                outcomes.add(new Outcome<>(hedge, null, new IOException(e)));
            }
        });
    }
}
