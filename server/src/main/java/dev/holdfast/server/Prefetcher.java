package dev.holdfast.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.FetchErrors;
import dev.holdfast.fetch.FetchScope;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.semver.Semver;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches into the cache, in the background, what the go command will ask for next, so that a cold
 * build through the server waits for one upstream round trip per go.mod instead of three per module.
 *
 * <p>When a client is served a {@code .mod} the cache did not hold (or one this prefetcher fetched),
 * the go.mod files of its requirements are queued ({@link PrefetchPlan}), then its own {@code .info};
 * a go.mod fetched here whose graph is unpruned queues its requirements' go.mod files too, as graph
 * loading will read them. A zip is queued only when a client is served the module's {@code .info} (a
 * miss, or one prefetched here), and the {@code .mod} with it: the go command reads the go.mod files of
 * the whole module graph but downloads the zips of only part of it (prometheus v0.316.0: 440 go.mod
 * files, 251 zips), and {@code go mod download} asks for the {@code .info} of each module it downloads,
 * all of them before the first zip, which leaves the zips time to arrive. The queue is worked in
 * that order (go.mod files first) by at most {@code concurrency} fetches at a time — so no upstream ever
 * sees more than that many prefetches at once — through the same {@link CachingSource} as clients'
 * requests: the same verification before anything is stored, and single flight, so a client asking for a
 * file being prefetched waits for that fetch rather than starting another.
 *
 * <p>Never in a client's way: clients' requests do not wait for the queue; a file is queued at most once
 * in {@link #REMEMBERED} and the queue holds at most {@link #MAX_QUEUED}; a zip is skipped when a client
 * has been served the go.mod of a higher version of its module (graph loading reads old versions' go.mod
 * files, builds need only the selected one); each prefetch gets {@link #PATIENCE} and never waits for an
 * open circuit breaker; and while any upstream's breaker is not closed, or for {@link #PAUSE} after a
 * prefetch failed transiently, what is queued is dropped and nothing more is planned. Thread-safe; {@link #close} stops the workers.
 */
final class Prefetcher implements AutoCloseable {
    /** The most files waiting to be prefetched; more are not queued. */
    static final int MAX_QUEUED = 10_000;

    /** How long a file stays known as queued or prefetched, so that it is not queued again. */
    static final Duration REMEMBERED = Duration.ofMinutes(30);

    /** How long one prefetch may take, retries included. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** How long prefetching stays paused after a transient failure: nothing is queued or fetched ahead. */
    static final Duration PAUSE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(Prefetcher.class);
    private static final int MAX_REMEMBERED = 200_000;

    /** What the prefetcher did, for {@code /status}. */
    record Counts(
            int concurrency,
            int queued,
            int inFlight,
            long fetched,
            long alreadyCached,
            long skipped,
            long failed,
            long dropped) {}

    private final CachingSource source;
    private final UpstreamBreakers breakers;
    private final Clock clock;
    private final int concurrency;
    private final PriorityBlockingQueue<PrefetchPlan.Task> queue = new PriorityBlockingQueue<>();
    private final Cache<String, Boolean> planned = remembered();
    private final Cache<String, Boolean> prefetched = remembered();
    private final Cache<String, String> highestServed = remembered();
    private final AtomicLong order = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong fetched = new AtomicLong();
    private final AtomicLong alreadyCached = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;
    private volatile Instant pausedUntil = Instant.MIN;

    /** Returns a prefetcher through {@code source} with {@code concurrency} workers; 0 turns it off. */
    Prefetcher(CachingSource source, UpstreamBreakers breakers, Clock clock, int concurrency) {
        if (concurrency < 0) {
            throw new IllegalArgumentException("negative prefetch concurrency " + concurrency);
        }
        this.source = source;
        this.breakers = breakers;
        this.clock = clock;
        this.concurrency = concurrency;
        for (int i = 0; i < concurrency; i++) {
            workers.add(Thread.ofVirtual().name("prefetch-" + i).start(this::work));
        }
    }

    private static <V> Cache<String, V> remembered() {
        return Caffeine.newBuilder()
                .maximumSize(MAX_REMEMBERED)
                .expireAfterWrite(REMEMBERED)
                .build();
    }

    /** Notes that a client was served the go.mod {@code goMod} of {@code mv}, which was a miss or not. */
    void servedMod(ModuleVersion mv, byte[] goMod, boolean miss) {
        if (concurrency == 0) {
            return;
        }
        highestServed.asMap().merge(mv.path(), mv.version(), Semver::max);
        if (!triggers(PrefetchPlan.Kind.MOD, mv, miss)) {
            return;
        }
        for (ModuleVersion r : PrefetchPlan.requirements(mv, goMod).requires()) {
            plan(PrefetchPlan.Kind.MOD, r);
        }
        plan(PrefetchPlan.Kind.INFO, mv); // not the zip: graph loading reads many go.mod files whose zips no one needs
    }

    /** Notes that a client was served the {@code .info} of the canonical {@code mv}, a miss or not. */
    void servedInfo(ModuleVersion mv, boolean miss) {
        if (concurrency == 0 || !triggers(PrefetchPlan.Kind.INFO, mv, miss)) {
            return;
        }
        plan(PrefetchPlan.Kind.MOD, mv);
        plan(PrefetchPlan.Kind.ZIP, mv);
    }

    /** Reports whether serving a file leads to prefetching: it was a miss, or prefetched here. */
    private boolean triggers(PrefetchPlan.Kind kind, ModuleVersion mv, boolean miss) {
        String key = kind.key(mv);
        boolean wasPrefetched = prefetched.asMap().remove(key) != null;
        if (!miss && !wasPrefetched) {
            return false; // a plain hit: served from the cache before, nothing new to learn
        }
        planned.put(key, true); // served: never worth fetching ahead again
        return true;
    }

    /** Returns what was done so far. */
    Counts counts() {
        return new Counts(
                concurrency,
                queue.size(),
                inFlight.get(),
                fetched.get(),
                alreadyCached.get(),
                skipped.get(),
                failed.get(),
                dropped.get());
    }

    private void plan(PrefetchPlan.Kind kind, ModuleVersion mv) {
        String key = kind.key(mv);
        if (planned.asMap().putIfAbsent(key, true) != null) {
            return;
        }
        if (queue.size() >= MAX_QUEUED || !upstreamsHealthy() || paused()) {
            planned.invalidate(key);
            dropped.incrementAndGet();
            return;
        }
        queue.add(new PrefetchPlan.Task(kind, mv, order.incrementAndGet()));
    }

    private boolean upstreamsHealthy() {
        return breakers.states().values().stream().allMatch(s -> s == CircuitBreaker.State.CLOSED);
    }

    private void work() {
        try {
            while (!closed) {
                PrefetchPlan.Task task = queue.poll(1, TimeUnit.SECONDS);
                if (task == null) {
                    continue;
                }
                inFlight.incrementAndGet();
                try {
                    run(task);
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Reports whether a transient failure paused prefetching a moment ago ({@link #PAUSE}). */
    private boolean paused() {
        return clock.instant().isBefore(pausedUntil);
    }

    private void run(PrefetchPlan.Task task) {
        if (paused()) {
            dropped.incrementAndGet();
            planned.invalidate(task.key());
            return;
        }
        if (!upstreamsHealthy()) {
            dropped.incrementAndGet();
            planned.invalidate(task.key());
            dropQueue(task, "an upstream's circuit breaker is not closed");
            return;
        }
        if (task.kind() == PrefetchPlan.Kind.ZIP && servedHigher(task.mv())) {
            skipped.incrementAndGet();
            return;
        }
        try {
            if (source.holds(task.key())) {
                alreadyCached.incrementAndGet();
                return;
            }
            FetchScope.within(clock.instant().plus(PATIENCE), true, () -> {
                fetch(task);
                return null;
            });
            fetched.incrementAndGet();
            prefetched.put(task.key(), true);
            LOG.debug("prefetched {}", task.key());
        } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
            LOG.debug("prefetch of {} failed: {}", task.key(), e.toString());
            if (FetchErrors.isTransient(e)) {
                // What was queued, and what is planned in the moments after (requests racing this failure),
                // is dropped: the upstream is struggling, and clients' own requests come first.
                pausedUntil = clock.instant().plus(PAUSE);
                dropQueue(task, "it failed: " + e.getMessage());
            }
        }
    }

    private void fetch(PrefetchPlan.Task task) throws IOException {
        ModuleVersion mv = task.mv();
        switch (task.kind()) {
            case MOD -> {
                PrefetchPlan.Requirements next = PrefetchPlan.requirements(mv, source.mod(mv));
                if (!next.pruned()) {
                    next.requires().forEach(r -> plan(PrefetchPlan.Kind.MOD, r));
                }
            }
            case INFO -> source.info(mv);
            case ZIP -> source.fetchZip(mv);
        }
    }

    /** Reports whether a client was served the go.mod of a higher version of {@code mv}'s module. */
    private boolean servedHigher(ModuleVersion mv) {
        String highest = highestServed.getIfPresent(mv.path());
        return highest != null && Semver.compare(highest, mv.version()) > 0;
    }

    /** Drops what is queued, which may be planned again once the upstreams recover. */
    private void dropQueue(PrefetchPlan.Task at, String why) {
        List<PrefetchPlan.Task> drained = new ArrayList<>();
        queue.drainTo(drained);
        dropped.addAndGet(drained.size());
        for (PrefetchPlan.Task t : drained) {
            planned.invalidate(t.key());
        }
        LOG.debug("prefetch: dropped {} queued files at {}: {}", drained.size(), at.key(), why);
    }

    /** Stops the workers and waits for them to end; what is queued is dropped. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /**
     * Stops the workers: what is queued is dropped, fetches in flight are interrupted, and this waits up
     * to {@code grace} for them to end, so that nothing is written to the store by a prefetch after the
     * server has stopped (a cache directory may be removed or copied right then).
     */
    void close(Duration grace) {
        closed = true;
        queue.clear();
        workers.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            for (Thread worker : workers) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !worker.join(Duration.ofNanos(left))) {
                    LOG.warn("prefetch: {} had not ended {} after the stop", worker.getName(), grace);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
