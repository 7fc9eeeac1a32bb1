package dev.holdfast.degraded;

import dev.holdfast.modload.MainModules;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.modload.ModuleListing;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.query.AllowedVersions;
import dev.holdfast.query.QueryException;
import dev.holdfast.query.VersionQuery;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.repo.Revision;
import dev.holdfast.semver.Semver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * What {@code go list -m -u all} adds to each module of the build list (cmd/go modload {@code
 * addUpdate}, {@code addRetraction}, {@code addDeprecation}): a newer version {@code upgrade} would
 * pick, whether the version in use (or its replacement's) is retracted, and whether the module is deprecated. As in the go
 * command, "no matching version", "not found" and (for updates) "disallowed" mean nothing to report,
 * and any other failure is the module's error (an unreachable source must not hide a newer version
 * silently). Modules are looked at in parallel.
 */
public final class BuildListNotices {
    private static final int PARALLEL = 16;

    /**
     * The notices of one module of the build list.
     *
     * @param module the module path and selected version
     * @param replace what replaces it, if anything
     * @param update the newer version {@code upgrade} finds, if any
     * @param retracted the retraction rationales when the version in use is retracted, else empty
     * @param deprecated the deprecation message, or {@code ""}
     * @param error the first failure met, or {@code ""}
     */
    public record Notice(
            ModuleVersion module,
            Optional<ModuleVersion> replace,
            Optional<Revision> update,
            List<String> retracted,
            String deprecated,
            String error) {
        /** Copies the list. */
        public Notice {
            retracted = List.copyOf(retracted);
        }
    }

    private BuildListNotices() {}

    /** Returns the notices of every module of {@code graph}'s build list but the main module, in list order. */
    public static List<Notice> of(MainModules main, ModuleGraph graph, ModuleRepo repo) throws IOException {
        Set<String> mainPaths = new java.util.LinkedHashSet<>();
        main.versions().forEach(m -> mainPaths.add(m.path()));
        VersionQuery vq = VersionQuery.of(repo).withMainModules(mainPaths).withReplacements(main.replacements());
        AllowedVersions allowed = vq.allowed(main.excludes());
        List<Notice> out = new ArrayList<>();
        Semaphore permits = new Semaphore(PARALLEL);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Notice>> futures = new ArrayList<>();
            for (ModuleListing.Listed l : ModuleListing.list(graph, main)) {
                if (l.main()) {
                    continue;
                }
                futures.add(pool.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        return notice(new ModuleVersion(l.path(), l.version()), l.replace(), vq, allowed);
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Future<Notice> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while checking for updates");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    private static Notice notice(
            ModuleVersion m, Optional<ModuleVersion> replace, VersionQuery vq, AllowedVersions allowed) {
        String error = "";
        Optional<Revision> update = Optional.empty();
        try {
            Revision r = vq.query(m.path(), "upgrade", m.version(), allowed);
            if (Semver.compare(r.version(), m.version()) > 0) {
                update = Optional.of(r);
            }
        } catch (IOException e) {
            if (!ignorable(e) && !(e instanceof QueryException.Disallowed)) {
                error = e.getMessage();
            }
        }
        // A module replaced by a module version shows its replacement's retraction unless it is retracted
        // itself (cmd/go moduleInfo copies Replace.Retracted; addRetraction then overwrites it only for a
        // retraction of the original). A failure for the replacement is the replacement's error, not shown.
        List<String> retracted = List.of();
        if (replace.isPresent() && !replace.get().version().isEmpty()) {
            try {
                retracted = vq.notices().retracted(replace.get());
            } catch (IOException e) {
                // Replace.Error in the go command's output
            }
        }
        try {
            List<String> own = vq.notices().retracted(m);
            if (!own.isEmpty()) {
                retracted = own;
            }
        } catch (IOException e) {
            if (!ignorable(e) && error.isEmpty()) {
                error = e.getMessage();
            }
        }
        String deprecated = "";
        try {
            deprecated = vq.notices().deprecation(m);
        } catch (IOException e) {
            if (!ignorable(e) && error.isEmpty()) {
                error = e.getMessage();
            }
        }
        return new Notice(m, replace, update, retracted, deprecated, error);
    }

    /** Go's "no matching version" or "not found", anywhere in the chain of causes. */
    private static boolean ignorable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof QueryException.NoMatchingVersion) {
                return true;
            }
        }
        return QueryException.isNotExist(e);
    }
}
