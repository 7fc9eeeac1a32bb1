package dev.holdfast.degraded;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.modload.ModuleLoader;
import dev.holdfast.modload.Requirements;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.mvs.BuildListError;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.repo.UnknownModuleException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves what a build of the main module needs — the module graph (every go.mod it reads) and the
 * zips {@code go mod download} fetches ({@link DownloadSet}) — and, in degraded mode, substitutes a
 * cached version for each module version that cannot be had because of an outage ({@link Outages}).
 *
 * <p>A version in the module cache is always used as it is: the repo reads the cache first. In degraded
 * mode, a version that cannot be had is replaced by the cached version {@link NearestCached} picks
 * among those with what the build needs ({@link CachedVersions}); then the graph is read again with the
 * substitutes' own go.mod files, which may select other versions that need substituting in turn,
 * until nothing changes. Substitutes are {@code replace} directives of an overlay go.mod ({@link
 * OverlayFiles}), so the graph is the one the go command loads from that overlay. A substitution that
 * the final graph no longer reaches is dropped. When degraded mode is off, or the cache has nothing
 * usable, the module is {@link Unavailable}; every such module is named, not just the first.
 *
 * <p>A failure that is not an outage (a version that does not exist, a go.mod that does not parse, a
 * checksum mismatch) is never substituted for: in the graph it is thrown with its requirement chain, for
 * a zip it is reported in {@link Resolution#failures()}.
 *
 * <p>Give it a {@link RememberingRepo}: the graph is read many times, and a version must fail the same
 * way each time within one resolution.
 */
public final class SubstitutingResolver {
    private static final int MAX_PASSES = 10_000;

    /** Fetches zips into the module cache for the resolver, in parallel; the caller shows progress. */
    public interface ZipFetcher {
        /**
         * Fetches the zips of {@code modules} (none fetched before by this resolution) and returns the
         * failures by module version; the modules missing from the result were fetched.
         */
        Map<ModuleVersion, Exception> fetch(List<ModuleVersion> modules);
    }

    private final ModuleRepo repo;
    private final CachedVersions cache;
    private final boolean allowDegraded;
    private final Clock clock;

    /**
     * Returns a resolver reading through {@code repo}, substituting from {@code cache} only if {@code
     * allowDegraded}, dating substitutions by {@code clock}.
     */
    public SubstitutingResolver(ModuleRepo repo, CachedVersions cache, boolean allowDegraded, Clock clock) {
        this.repo = repo;
        this.cache = cache;
        this.allowDegraded = allowDegraded;
        this.clock = clock;
    }

    /**
     * Resolves the build of {@code project}, fetching zips with {@code zips}.
     *
     * @throws BuildListError if a go.mod in the graph fails for another reason than an outage
     * @throws IOException if the module cache cannot be read
     */
    public Resolution resolve(MainModule project, ZipFetcher zips) throws IOException {
        return new Pass(project, zips).run();
    }

    /** The state of one resolution. */
    private final class Pass {
        private final MainModule project;
        private final ZipFetcher zips;
        private final GoModFile.VersionFixer fix;
        private final Map<ModuleVersion, Substitution> substitutions = new LinkedHashMap<>();
        private final Map<ModuleVersion, Unavailable> unavailable = new LinkedHashMap<>();
        private final Map<ModuleVersion, Set<String>> rejected = new HashMap<>();
        private final Set<ModuleVersion> fetched = new HashSet<>();
        private final Map<ModuleVersion, Exception> zipFailures = new HashMap<>();

        Pass(MainModule project, ZipFetcher zips) {
            this.project = project;
            this.zips = zips;
            this.fix = MainModule.fixer(repo);
        }

        Resolution run() throws IOException {
            Requirements roots = null;
            for (int pass = 0; pass < MAX_PASSES; pass++) {
                if (substitutions.isEmpty()) {
                    roots = null; // without substitutes, the project's own go.mod as it is
                }
                byte[] overlay = OverlayFiles.goMod(project, substitutions.values(), roots, fix);
                MainModule main = substitutions.isEmpty()
                        ? project
                        : MainModule.parse(project.dir(), project.workDir(), overlay, fix);
                ModuleLoader loader = new ModuleLoader(main, repo);
                ModuleGraph declared = main.requirementsFromGoMod().graph(loader);
                Map<ModuleVersion, Exception> broken = brokenGoMods(declared);
                ModuleGraph graph = null;
                if (broken.isEmpty()) {
                    try {
                        graph = ModuleGraph.load(loader);
                    } catch (BuildListError e) {
                        broken = Map.of(e.module(), e);
                    }
                }
                if (!broken.isEmpty()) {
                    if (substituteGoMods(loader, broken)) {
                        continue;
                    }
                    return incomplete(main, loader, declared);
                }
                List<ModuleVersion> needed = DownloadSet.of(main, graph);
                fetch(needed);
                boolean changed = false;
                for (ModuleVersion z : needed) {
                    Exception f = zipFailures.get(z);
                    if (f != null && Outages.isOutage(f)) {
                        changed |= substitute(z, Need.ZIP, f);
                    }
                }
                if (changed) {
                    continue;
                }
                // The overlay states the roots the go command would write for the graph (substitutes'
                // requirements may raise them); load again from those until they stand still, so that the
                // go command finds nothing to update, even with -mod=readonly.
                if (!substitutions.isEmpty()
                        && !Arrays.equals(
                                overlay,
                                OverlayFiles.goMod(project, substitutions.values(), graph.requirements(), fix))) {
                    roots = graph.requirements();
                    continue;
                }
                if (dropUnreached(declared, graph)) {
                    continue;
                }
                return resolution(main, loader, graph, needed);
            }
            throw new IllegalStateException("internal error: degraded resolution did not settle");
        }

        /** Returns the modules of {@code g} (the graph as the go.mod states it) whose go.mod could not be read. */
        private Map<ModuleVersion, Exception> brokenGoMods(ModuleGraph g) throws IOException {
            Map<ModuleVersion, Exception> broken = new LinkedHashMap<>();
            g.walkBreadthFirst(m -> g.loadError(m).ifPresent(e -> broken.put(m, e)));
            for (Map.Entry<ModuleVersion, Exception> e : broken.entrySet()) {
                if (!Outages.isOutage(e.getValue())) {
                    if (e.getValue() instanceof BuildListError chain) {
                        throw chain;
                    }
                    throw new BuildListError(e.getValue(), g.findPath(e.getKey()::equals), null);
                }
            }
            return broken;
        }

        /** Substitutes for the unreadable go.mod files; reports whether anything changed. */
        private boolean substituteGoMods(ModuleLoader loader, Map<ModuleVersion, Exception> broken) throws IOException {
            boolean changed = false;
            for (Map.Entry<ModuleVersion, Exception> e : broken.entrySet()) {
                Exception cause = e.getValue();
                if (!Outages.isOutage(cause)) {
                    throw cause instanceof BuildListError chain
                            ? chain
                            : new IOException(cause.getMessage(), cause); // not reached: checked above
                }
                changed |= substitute(loader.resolve(e.getKey()), Need.GO_MOD, cause);
            }
            return changed;
        }

        /**
         * Substitutes for {@code actual} (a wanted version, or a substitute that failed in turn), or marks
         * it unavailable; reports whether a substitution was added or changed.
         */
        private boolean substitute(ModuleVersion actual, Need need, Exception failure) throws IOException {
            ModuleVersion wanted = wantedFor(actual);
            if (!wanted.equals(actual)) {
                rejected.computeIfAbsent(wanted, k -> new HashSet<>()).add(actual.version());
            }
            if (unavailable.containsKey(wanted)) {
                return false;
            }
            Optional<String> used = candidate(wanted, need);
            if (!allowDegraded || used.isEmpty()) {
                unavailable.put(
                        wanted, new Unavailable(wanted, need, failure, allowDegraded ? Optional.empty() : used));
                substitutions.remove(wanted);
                return false;
            }
            String reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
            substitutions.put(
                    wanted,
                    new Substitution(wanted.path(), wanted.version(), used.get(), need, reason, clock.instant()));
            return true;
        }

        private ModuleVersion wantedFor(ModuleVersion actual) {
            for (Substitution s : substitutions.values()) {
                if (s.usedVersion().equals(actual)) {
                    return s.wantedVersion();
                }
            }
            return actual;
        }

        private Optional<String> candidate(ModuleVersion wanted, Need need) throws IOException {
            Set<String> refused = rejected.getOrDefault(wanted, Set.of());
            List<String> usable = new ArrayList<>();
            for (String v : cache.versions(wanted.path(), need)) {
                if (!refused.contains(v) && !project.isExcluded(new ModuleVersion(wanted.path(), v))) {
                    usable.add(v);
                }
            }
            return NearestCached.choose(wanted.version(), usable);
        }

        /** Fetches the zips of {@code needed} not tried before. */
        private void fetch(List<ModuleVersion> needed) {
            List<ModuleVersion> todo = new ArrayList<>();
            for (ModuleVersion m : needed) {
                // A version the outage already made unavailable (its go.mod, after all its retries) is
                // not asked for again in this run.
                if (!fetched.contains(m) && !zipFailures.containsKey(m) && !unavailable.containsKey(wantedFor(m))) {
                    todo.add(m);
                }
            }
            if (todo.isEmpty()) {
                return;
            }
            Map<ModuleVersion, Exception> failed = zips.fetch(todo);
            for (ModuleVersion m : todo) {
                Exception f = failed.get(m);
                if (f == null) {
                    fetched.add(m);
                } else {
                    zipFailures.put(m, f);
                }
            }
        }

        /**
         * Drops the substitutions whose wanted version neither the graph as the overlay states it ({@code
         * declared}) nor the final graph reaches any more (a later substitution, or a raised requirement,
         * went past it); reports whether any was dropped. Dropping them changes no go.mod either graph
         * reads, so every substitution left is one the go command uses.
         */
        private boolean dropUnreached(ModuleGraph declared, ModuleGraph graph) {
            Set<ModuleVersion> reached = new HashSet<>();
            for (ModuleGraph g : List.of(declared, graph)) {
                g.walkBreadthFirst(m -> {
                    reached.add(m);
                    project.replacement(m).ifPresent(reached::add);
                });
            }
            return substitutions.keySet().removeIf(w -> !reached.contains(w));
        }

        /** The outcome when something could not be had: also names the zips of the partial graph that cannot. */
        /**
         * Returns the resolution of a graph that could not be read whole: {@code partial}, the graph of
         * {@code main}'s own requirements as this pass read it (not read again: a go.mod that failed has had
         * its retries).
         */
        private Resolution incomplete(MainModule main, ModuleLoader loader, ModuleGraph partial) throws IOException {
            List<ModuleVersion> needed = DownloadSet.of(main, partial);
            fetch(needed);
            for (ModuleVersion z : needed) {
                Exception f = zipFailures.get(z);
                if (f != null && Outages.isOutage(f)) {
                    ModuleVersion wanted = wantedFor(z);
                    Optional<String> used = candidate(wanted, Need.ZIP);
                    if (!allowDegraded || used.isEmpty()) {
                        unavailable.putIfAbsent(
                                wanted, new Unavailable(wanted, Need.ZIP, f, allowDegraded ? Optional.empty() : used));
                    }
                }
            }
            return new Resolution(
                    main,
                    loader,
                    partial,
                    needed,
                    List.copyOf(substitutions.values()),
                    List.copyOf(unavailable.values()),
                    failures(needed, List.of()));
        }

        private Resolution resolution(
                MainModule main, ModuleLoader loader, ModuleGraph graph, List<ModuleVersion> needed) {
            // A substitute made when only its go.mod was known to be needed may have ended up compiled.
            List<Substitution> subs = new ArrayList<>();
            for (Substitution s : substitutions.values()) {
                Need need = needed.contains(s.usedVersion()) ? Need.ZIP : Need.GO_MOD;
                subs.add(new Substitution(s.path(), s.wanted(), s.used(), need, s.reason(), s.time()));
            }
            return new Resolution(
                    main,
                    loader,
                    graph,
                    needed,
                    subs,
                    List.copyOf(unavailable.values()),
                    failures(needed, DownloadSet.unknownRequirements(main, graph)));
        }

        private List<Resolution.Failure> failures(List<ModuleVersion> needed, List<String> unknown) {
            List<Resolution.Failure> out = new ArrayList<>();
            for (String path : unknown) {
                out.add(new Resolution.Failure(
                        new ModuleVersion(path, ""),
                        new UnknownModuleException("module " + path + ": not a known dependency")));
            }
            for (ModuleVersion z : needed) {
                Exception f = zipFailures.get(z);
                if (f != null && !Outages.isOutage(f)) {
                    out.add(new Resolution.Failure(z, f));
                }
            }
            return out;
        }
    }
}
