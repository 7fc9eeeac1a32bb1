package dev.holdfast.mvs;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Visits every module version reachable from a set of starting points exactly once, with a bounded
 * number of visits running at once (Go's {@code par.Work}). A visit returns the versions to visit next.
 *
 * <p>Each visit runs on its own virtual thread; all of them have ended when {@link #run} returns, so no
 * thread outlives the call. Visits may run in any order: callers must not depend on it.
 */
final class ParallelWalk {

    /** One visit: returns what {@code m} leads to. */
    @FunctionalInterface
    interface Visitor {
        List<ModuleVersion> visit(ModuleVersion m);
    }

    private final Visitor visitor;
    private final Semaphore slots;
    private final ExecutorService threads;
    private final Set<ModuleVersion> added = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private ParallelWalk(Visitor visitor, int parallelism, ExecutorService threads) {
        this.visitor = visitor;
        this.slots = new Semaphore(parallelism);
        this.threads = threads;
    }

    /**
     * Visits everything reachable from {@code start}. An unchecked exception thrown by a visit stops the
     * walk and is rethrown here.
     *
     * @throws InterruptedIOException if the calling thread is interrupted while waiting
     */
    static void run(Collection<ModuleVersion> start, int parallelism, Visitor visitor) throws IOException {
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("mvs-", 0).factory())) {
            ParallelWalk walk = new ParallelWalk(visitor, parallelism, threads);
            walk.pending.incrementAndGet(); // held by the caller until everything is scheduled
            start.forEach(walk::add);
            walk.finish();
            try {
                walk.done.await();
            } catch (InterruptedException e) {
                threads.shutdownNow();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while walking the module graph");
            }
            walk.rethrowFailure();
        }
    }

    private void add(ModuleVersion m) {
        if (added.add(m)) {
            pending.incrementAndGet();
            threads.execute(() -> visit(m));
        }
    }

    private void visit(ModuleVersion m) {
        try {
            if (failure.get() == null) {
                slots.acquire();
                try {
                    visitor.visit(m).forEach(this::add);
                } finally {
                    slots.release();
                }
            }
        } catch (Throwable t) { // handed to the caller's thread by rethrowFailure
            failure.compareAndSet(null, t);
        } finally {
            finish();
        }
    }

    private void finish() {
        if (pending.decrementAndGet() == 0) {
            done.countDown();
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable t = failure.get();
        switch (t) {
            case null -> {}
            case InterruptedException e -> {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while walking the module graph");
            }
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(t);
        }
    }
}
