package dev.holdfast.modload;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.mvs.BuildListError;
import dev.holdfast.mvs.Graph;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The module requirement graph of a main module, loaded from a set of roots with graph pruning (cmd/go
 * ModuleGraph and readModGraph, spec §10.8): which module versions are in it, what each requires, and
 * which version of every module path is selected.
 *
 * <p>Loading reads the go.mod of every root, and follows a module's requirements further only when they
 * cannot be pruned: when it was reached in an unpruned context, when its own go.mod is older than go
 * 1.17, or when it is one of the versions the caller asked to unprune. A module whose requirements were
 * not read is still in the graph (and may be selected); {@link #requiredBy} is empty for it.
 *
 * <p>In a workspace the graph's roots are the workspace's modules (and {@code go}, {@code toolchain}):
 * each module's requirements are read with the pruning of its own go line, and any dependency whose
 * selected version is higher than a version some module asked for is read again at the selected
 * version, until nothing changes (cmd/go readModGraph with {@code workspace} pruning).
 *
 * <p>Loading never stops at a failure: every module that could be read is in the graph, and {@link
 * #error()} reports the failure nearest the main module. Immutable once loaded, and thread-safe.
 */
public final class ModuleGraph {

    private final Requirements requirements;
    private final MainModules mains;
    private final Graph graph;
    private final Map<ModuleVersion, GoModSummary> summaries;
    private final Map<ModuleVersion, Exception> errors;
    private volatile Map<ModuleVersion, List<ModuleVersion>> requirers;

    private ModuleGraph(
            Requirements requirements,
            MainModules mains,
            Graph graph,
            Map<ModuleVersion, GoModSummary> summaries,
            Map<ModuleVersion, Exception> errors) {
        this.requirements = requirements;
        this.mains = mains;
        this.graph = graph;
        this.summaries = Map.copyOf(summaries);
        this.errors = Map.copyOf(errors);
    }

    /**
     * Loads the main module's graph as the go command does for {@code go list -m all} and {@code go mod
     * graph} (cmd/go LoadModGraph): from the roots its go.mod states, and — when those roots are redundant
     * or not the selected versions of their paths — from the roots the go command would write back
     * (spec §10.8; go.mod itself is not changed).
     *
     * @throws BuildListError if the requirements of some module in the graph cannot be read; it shows the
     *     shortest requirement chain from the main module to that module
     * @throws InterruptedIOException if the thread is interrupted
     */
    public static ModuleGraph load(ModuleLoader loader) throws IOException {
        return load(loader, null);
    }

    /**
     * Loads the graph as {@link #load(ModuleLoader)} does, but as the go command does under {@code
     * -mod=readonly} (cmd/go mustHaveCompleteRequirements): where it would have to change the roots — a
     * path required at two versions, a root that is not the selected version of its path — it fails with
     * {@code dirty} instead. The checks come where the go command makes them: for a pruned graph,
     * conflicting roots before any go.mod is read; the rest after the graph has loaded, so that a go.mod
     * that cannot be read is reported first.
     *
     * @throws GoModException {@code dirty}, or as {@link #load(ModuleLoader)} does
     */
    public static ModuleGraph loadReadonly(ModuleLoader loader, Supplier<GoModException> dirty) throws IOException {
        return load(loader, Objects.requireNonNull(dirty, "dirty"));
    }

    private static ModuleGraph load(ModuleLoader loader, Supplier<GoModException> dirty) throws IOException {
        if (loader.workspace().isPresent()) {
            // A workspace's roots are its modules, never rewritten (cmd/go updateWorkspaceRoots).
            return loader.workspace().get().requirements().graph(loader).check();
        }
        Requirements rs = loader.main().requirementsFromGoMod();
        if (rs.hasRedundantRoot(loader.main().path())) {
            if (dirty == null) {
                rs = rs.updateRoots(loader, null);
            } else if (rs.pruning() == Pruning.PRUNED) {
                // updatePrunedRoots: a path at two versions is an upgrade of its first root; a repeated
                // root or one on the main module's path is only dropped.
                if (rs.hasPathAtTwoVersions()) {
                    throw dirty.get();
                }
                rs = rs.updateRoots(loader, null);
            }
            // updateUnprunedRoots under -mod=readonly only checks every root against the whole graph: below.
        }
        ModuleGraph mg = rs.graph(loader).check();
        if (!mg.allRootsSelected()) {
            if (dirty != null) {
                throw dirty.get();
            }
            rs = rs.updateRoots(loader, mg);
            mg = rs.graph(loader).check();
        }
        return mg;
    }

    /**
     * Reads the graph of {@code rs} (cmd/go readModGraph), also following the requirements of every
     * version in {@code unprune} wherever it appears. Failures are recorded, not thrown: see {@link
     * #error()}.
     *
     * @throws InterruptedIOException if the thread is interrupted
     */
    public static ModuleGraph read(ModuleLoader loader, Requirements rs, Set<ModuleVersion> unprune)
            throws InterruptedIOException {
        boolean workspace = rs.pruning() == Pruning.WORKSPACE;
        Graph graph;
        if (workspace) {
            graph = new Graph(GoVersion::compareLoaded, rs.roots());
        } else {
            ModuleVersion main = loader.main().version();
            graph = new Graph(GoVersion::compareLoaded, List.of(main));
            graph.require(main, rs.roots());
        }
        Map<ModuleVersion, GoModSummary> summaries = new ConcurrentHashMap<>();
        Map<ModuleVersion, Exception> errors = new ConcurrentHashMap<>();
        GraphReader reader = new GraphReader(loader, graph, summaries, errors, Set.copyOf(unprune));
        reader.run(rs.roots(), rs.pruning());
        if (workspace) {
            readSelected(reader, graph, rs.roots());
        }
        return new ModuleGraph(rs, loader.mainModules(), graph, summaries, errors);
    }

    /**
     * Reads again, at its selected version, every module whose requirements may matter to a workspace: the
     * roots, then any requirement of a module read this way whose selected version is higher than the one
     * required, until no new version turns up (the {@code hasDepsInAll} loop of cmd/go readModGraph).
     */
    private static void readSelected(GraphReader reader, Graph graph, List<ModuleVersion> roots)
            throws InterruptedIOException {
        Set<String> hasDepsInAll = new LinkedHashSet<>();
        roots.forEach(m -> hasDepsInAll.add(m.path()));
        Set<ModuleVersion> seen = new HashSet<>();
        while (true) {
            Set<ModuleVersion> needed = new LinkedHashSet<>();
            synchronized (graph) {
                for (String p : hasDepsInAll) {
                    ModuleVersion m = new ModuleVersion(p, graph.selected(p));
                    if (!seen.contains(m)) {
                        needed.add(m);
                        continue;
                    }
                    for (ModuleVersion r : graph.requiredBy(m).orElse(List.of())) {
                        ModuleVersion s = new ModuleVersion(r.path(), graph.selected(r.path()));
                        if (GoVersion.compareModule(r.path(), s.version(), r.version()) > 0 && !seen.contains(s)) {
                            needed.add(s);
                        }
                    }
                }
            }
            if (needed.isEmpty()) {
                return;
            }
            seen.addAll(needed);
            needed.forEach(m -> hasDepsInAll.add(m.path()));
            reader.run(List.copyOf(needed), Pruning.WORKSPACE);
        }
    }

    /** Returns the requirements (roots, pruning, direct paths) this graph was loaded from. */
    public Requirements requirements() {
        return requirements;
    }

    /**
     * Returns the main module, whose version is {@code ""}.
     *
     * @throws IllegalStateException in workspace mode, which has several: see {@link #mainModules()}
     */
    public ModuleVersion main() {
        if (mains instanceof Workspace ws) {
            throw new IllegalStateException("internal error: " + ws.file() + " has several main modules");
        }
        return mains.versions().getFirst();
    }

    /** Returns the main modules: one, or a workspace's. */
    public MainModules mainModules() {
        return mains;
    }

    /** Returns the selected version of module {@code path}, or {@code "none"} if the graph has no version of it. */
    public String selected(String path) {
        synchronized (graph) {
            return graph.selected(path);
        }
    }

    /**
     * Returns what {@code m} requires, in its go.mod's order, or empty if its requirements were not read
     * (pruned out, failed, or {@code m} is not in the graph).
     */
    public Optional<List<ModuleVersion>> requiredBy(ModuleVersion m) {
        synchronized (graph) {
            return graph.requiredBy(m);
        }
    }

    /** Reports whether the requirements of {@code m} are in the graph; false when pruned out or failed. */
    public boolean requirementsLoaded(ModuleVersion m) {
        return requiredBy(m).isPresent();
    }

    /**
     * Returns the module versions whose requirements include {@code m} (the reverse edges), in
     * breadth-first order from the main module.
     */
    public List<ModuleVersion> requirers(ModuleVersion m) {
        Map<ModuleVersion, List<ModuleVersion>> reverse = requirers;
        if (reverse == null) {
            Map<ModuleVersion, List<ModuleVersion>> built = new HashMap<>();
            walkBreadthFirst(from -> requiredBy(from).orElse(List.of()).forEach(to -> built.computeIfAbsent(
                            to, k -> new ArrayList<>())
                    .add(from)));
            built.replaceAll((k, v) -> List.copyOf(v));
            requirers = reverse = built;
        }
        return reverse.getOrDefault(m, List.of());
    }

    /** Returns the summary of {@code m}'s go.mod if the graph read it. */
    public Optional<GoModSummary> summary(ModuleVersion m) {
        return Optional.ofNullable(summaries.get(m));
    }

    /** Returns why reading the requirements of {@code m} failed, if it did. */
    public Optional<Exception> loadError(ModuleVersion m) {
        return Optional.ofNullable(errors.get(m));
    }

    /**
     * Returns the selected version of every module path in the graph: the main module first, then the
     * others sorted by path ({@code go} and {@code toolchain} included).
     */
    public List<ModuleVersion> buildList() {
        synchronized (graph) {
            return graph.buildList();
        }
    }

    /** Calls {@code f} once for every module version in the graph except {@code none}, breadth-first from the main module. */
    public void walkBreadthFirst(Consumer<ModuleVersion> f) {
        List<ModuleVersion> order = new ArrayList<>();
        synchronized (graph) {
            graph.walkBreadthFirst(order::add);
        }
        order.forEach(f);
    }

    /**
     * Returns a shortest requirement path from the main module (included) to a module version satisfying
     * {@code f}, or an empty list if none is in the graph.
     */
    public List<ModuleVersion> findPath(Predicate<ModuleVersion> f) {
        synchronized (graph) {
            return graph.findPath(f);
        }
    }

    /** Returns the failure nearest the main module, with its requirement chain, if any module failed to load. */
    public Optional<BuildListError> error() {
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        List<ModuleVersion> path = findPath(errors::containsKey);
        if (path.isEmpty()) {
            throw new IllegalStateException("internal error: could not reconstruct path to module with error");
        }
        return Optional.of(new BuildListError(errors.get(path.getLast()), path, null));
    }

    /** Reports whether every root is the selected version of its path (cmd/go allRootsSelected). */
    public boolean allRootsSelected() {
        List<ModuleVersion> roots = mains instanceof Workspace
                ? mains.versions()
                : requiredBy(main()).orElse(List.of());
        for (ModuleVersion m : roots) {
            if (!selected(m.path()).equals(m.version())) {
                return false;
            }
        }
        return true;
    }

    /** Returns this graph, or throws its {@link #error()}. */
    ModuleGraph check() throws BuildListError {
        Optional<BuildListError> e = error();
        if (e.isPresent()) {
            throw e.get();
        }
        return this;
    }

    /**
     * One parallel read of a graph (cmd/go readModGraph's load queue): each module version is read once
     * per pruning context it is reached in, at most {@link #PARALLELISM} at a time, on virtual threads
     * that have all ended when {@link #run} returns.
     */
    private static final class GraphReader {
        /** Go reads with GOMAXPROCS workers; reading go.mod files waits on I/O, so allow more. */
        private static final int PARALLELISM = 16;

        private record Key(ModuleVersion m, Pruning pruning) {
            // Written out as ModuleVersion's are: a record's generated ones are slow under C1.
            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && pruning == k.pruning && m.equals(k.m);
            }

            @Override
            public int hashCode() {
                return 31 * m.hashCode() + pruning.hashCode();
            }
        }

        private final ModuleLoader loader;
        private final Graph graph;
        private final Map<ModuleVersion, GoModSummary> summaries;
        private final Map<ModuleVersion, Exception> errors;
        private final Set<ModuleVersion> unprune;
        private final Set<Key> enqueued = ConcurrentHashMap.newKeySet();
        private final Map<ModuleVersion, CompletableFuture<GoModSummary>> loaded = new ConcurrentHashMap<>();
        private final AtomicInteger pending = new AtomicInteger();
        private volatile CountDownLatch idle;
        private final AtomicReference<Throwable> bug = new AtomicReference<>();
        private ExecutorService threads;

        GraphReader(
                ModuleLoader loader,
                Graph graph,
                Map<ModuleVersion, GoModSummary> summaries,
                Map<ModuleVersion, Exception> errors,
                Set<ModuleVersion> unprune) {
            this.loader = loader;
            this.graph = graph;
            this.summaries = summaries;
            this.errors = errors;
            this.unprune = unprune;
        }

        void run(List<ModuleVersion> roots, Pruning pruning) throws InterruptedIOException {
            // A fixed set of virtual threads taking reads from a queue: cheaper than a thread per read
            // when tens of thousands of module versions are queued at once.
            idle = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newFixedThreadPool(
                    PARALLELISM, Thread.ofVirtual().name("modload-", 0).factory())) {
                threads = pool;
                pending.incrementAndGet(); // held until every root is enqueued
                roots.forEach(m -> enqueue(m, pruning));
                done();
                try {
                    idle.await();
                } catch (InterruptedException e) {
                    pool.shutdownNow();
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading the module graph");
                }
            }
            switch (bug.get()) {
                case null -> {}
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                case Throwable t -> throw new IllegalStateException(t);
            }
        }

        private void enqueue(ModuleVersion m, Pruning pruning) {
            if (m.version().equals("none") || !enqueued.add(new Key(m, pruning))) {
                return; // none has no requirements; a cycle or diamond reaches m again
            }
            pending.incrementAndGet();
            threads.execute(() -> {
                try {
                    visit(m, pruning);
                } catch (Throwable t) { // a bug, handed to the caller's thread by run
                    bug.compareAndSet(null, t);
                } finally {
                    done();
                }
            });
        }

        private void visit(ModuleVersion m, Pruning pruning) {
            GoModSummary s = load(m);
            if (s == null) {
                return; // the failure is recorded; error() reports it
            }
            // An unpruned context stays unpruned; otherwise m's own go.mod decides for what it requires.
            Pruning next = pruning == Pruning.UNPRUNED ? Pruning.UNPRUNED : s.pruning();
            for (ModuleVersion r : s.requires()) {
                if (pruning != Pruning.PRUNED || s.pruning() == Pruning.UNPRUNED || unprune.contains(r)) {
                    enqueue(r, next);
                }
            }
        }

        /** Reads m's requirements into the graph once, whichever context asks first; null on failure. */
        private GoModSummary load(ModuleVersion m) {
            CompletableFuture<GoModSummary> mine = new CompletableFuture<>();
            CompletableFuture<GoModSummary> theirs = loaded.putIfAbsent(m, mine);
            if (theirs != null) {
                return theirs.join(); // never completed exceptionally
            }
            GoModSummary s = null;
            try {
                try {
                    s = loader.summary(m);
                } catch (IOException | RuntimeException e) {
                    errors.put(m, e); // an interruption too: run() reports it when its wait is interrupted
                }
                if (s != null) {
                    summaries.put(m, s);
                    synchronized (graph) {
                        graph.require(m, s.requires());
                    }
                }
            } finally {
                mine.complete(s); // even when interrupted: other contexts wait on it
            }
            return s;
        }

        private void done() {
            if (pending.decrementAndGet() == 0) {
                idle.countDown();
            }
        }
    }
}
