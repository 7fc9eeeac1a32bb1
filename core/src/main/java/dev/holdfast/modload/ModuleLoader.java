package dev.holdfast.modload;

import dev.holdfast.concurrent.Await;
import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modfile.GoModSyntaxException;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.mvs.Reqs;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.repo.UnknownModuleException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Reads the go.mod files of the main module's dependencies, with the main module's replacements and
 * exclusions applied (cmd/go goModSummary): a replaced module's go.mod comes from its replacement — a
 * directory on disk or another module version from the repo — and requirements on excluded versions are
 * dropped. In a {@link Workspace} the rules are the workspace's, and the workspace's modules are read
 * from their own go.mod files.
 *
 * <p>Each go.mod is read and parsed at most once per loader, failures included, even when several
 * threads ask at once; so a loader describes one consistent view of the world and may serve several
 * graph loads (with different roots) in a row. Thread-safe.
 *
 * <p>Failures name the module as the go command does: {@code path@version: reason}, or {@code
 * path@version (replaced by target): reason}. A go.mod that does not parse, declares another module
 * path, has no module line, or is missing from a replacement directory is a {@link GoModException};
 * failures of the repo are passed on (an {@link UnknownModuleException} for a module or version it does
 * not have).
 */
public final class ModuleLoader {

    private final MainModules main;
    private final ModuleRepo repo;
    private final Predicate<ModuleVersion> vouched;
    private final ConcurrentHashMap<ModuleVersion, CompletableFuture<GoModSummary>> raw = new ConcurrentHashMap<>();

    /**
     * Creates a loader for the dependencies of {@code main} (one module or a workspace), reading the world
     * through {@code repo}.
     */
    public ModuleLoader(MainModules main, ModuleRepo repo) {
        this(main, repo, null);
    }

    /**
     * Creates a loader as {@link #ModuleLoader(MainModules, ModuleRepo)} does that, as the go command under
     * {@code -mod=readonly} (modload's mustHaveSums), reads no dependency's go.mod unless {@code vouched}
     * says go.sum holds its hash: the graph then fails with {@code missing go.sum entry for go.mod file}.
     * A directory replacement needs no hash.
     */
    public ModuleLoader(MainModules main, ModuleRepo repo, Predicate<ModuleVersion> vouched) {
        this.main = main;
        this.repo = repo;
        this.vouched = vouched;
    }

    /**
     * Returns the main module whose replacements and exclusions apply.
     *
     * @throws IllegalStateException in workspace mode, where there are several: see {@link #mainModules()}
     */
    public MainModule main() {
        return switch (main) {
            case MainModule single -> single;
            case Workspace ws ->
                throw new IllegalStateException("internal error: " + ws.file() + " has several main modules");
        };
    }

    /** Returns the main modules whose replacements and exclusions apply: one module, or a workspace. */
    public MainModules mainModules() {
        return main;
    }

    /** Returns the workspace being loaded, if in workspace mode. */
    public Optional<Workspace> workspace() {
        return main instanceof Workspace ws ? Optional.of(ws) : Optional.empty();
    }

    /** Returns the repo go.mod files and version lists come from. */
    public ModuleRepo repo() {
        return repo;
    }

    /** Returns the module version whose go.mod and content stand for {@code m}: its replacement, or itself. */
    public ModuleVersion resolve(ModuleVersion m) {
        return main.replacement(m).orElse(m);
    }

    /**
     * Returns the summary of {@code m}'s go.mod as the module graph sees it: read from its replacement,
     * checked to declare {@code m}'s path or the replacement's, without requirements on excluded versions.
     *
     * @throws IllegalArgumentException if {@code m} is the main module, whose requirements are the roots
     *     (a workspace's modules are not: their requirements are read like any other's)
     * @throws GoModException if the go.mod is unusable (see the class comment)
     * @throws IOException if the repo fails
     */
    public GoModSummary summary(ModuleVersion m) throws IOException {
        if (GoVersion.isToolchain(m.path())) {
            return GoModSummary.ofToolchain(m);
        }
        if (main.isMain(m)) {
            if (main instanceof Workspace ws) {
                return withoutExcluded(GoModSummary.of(ws.module(m).goMod()));
            }
            throw new IllegalArgumentException("internal error: the main module's requirements are the roots");
        }
        ModuleVersion actual = resolve(m);
        if (vouched != null && !actual.version().isEmpty() && !vouched.test(actual)) {
            throw new GoModException(describe(
                    m, actual, "missing go.sum entry for go.mod file; to add it:\n\tgo mod download " + m.path()));
        }
        GoModSummary s;
        try {
            s = rawSummary(actual);
        } catch (GoModException e) {
            throw new GoModException(describe(m, actual, e.getMessage()), e);
        } catch (UnknownModuleException e) {
            if (actual.equals(m)) {
                throw e;
            }
            throw new UnknownModuleException(describe(m, actual, e.getMessage()), e);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            if (actual.equals(m)) {
                throw e;
            }
            throw new IOException(describe(m, actual, e.getMessage()), e);
        }
        if (!actual.version().isEmpty()) {
            // A directory replacement may declare any path; a module version must declare one of the two.
            if (s.module().isEmpty()) {
                throw new GoModException(describe(m, actual, "parsing go.mod: missing module line"));
            }
            if (!s.module().equals(m.path()) && !s.module().equals(actual.path())) {
                throw new GoModException(describe(
                        m,
                        actual,
                        "parsing go.mod:\n\tmodule declares its path as: " + s.module()
                                + "\n\t        but was required as: " + m.path()));
            }
        }
        return withoutExcluded(s);
    }

    /**
     * Returns the requirement graph as minimal version selection sees it (cmd/go mvsReqs): the main
     * module requires {@code mainRequires}, {@code none} requires nothing, every other version what its
     * {@link #summary} lists; versions are ordered by {@link GoVersion#compareLoaded}.
     */
    public Reqs reqs(List<ModuleVersion> mainRequires) {
        List<ModuleVersion> roots = List.copyOf(mainRequires);
        ModuleVersion self = main().version();
        return new Reqs() {
            @Override
            public List<ModuleVersion> required(ModuleVersion m) throws IOException {
                if (m.equals(self)) {
                    return roots;
                }
                if (m.version().equals("none")) {
                    return List.of();
                }
                try {
                    return summary(m).requires();
                } catch (GoModException e) {
                    // MVS reports IOExceptions with their requirement chain; the cause keeps the kind.
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            public String max(String path, String v1, String v2) {
                return GoVersion.compareLoaded(path, v1, v2) < 0 ? v2 : v1;
            }
        };
    }

    /**
     * Returns the summary of the go.mod of {@code m} itself, ignoring replacements and exclusions (cmd/go
     * rawGoModSummary): what retractions and deprecations are read from. A version {@code ""} names a
     * directory, relative to the main module's.
     *
     * @throws GoModException if the go.mod does not parse or a directory has none
     * @throws IOException if the repo fails
     */
    public GoModSummary rawSummary(ModuleVersion m) throws IOException {
        if (GoVersion.isToolchain(m.path())) {
            return GoModSummary.ofToolchain(m);
        }
        if (main instanceof Workspace ws && ws.isMain(m)) {
            return GoModSummary.of(ws.module(m).goMod());
        }
        CompletableFuture<GoModSummary> mine = new CompletableFuture<>();
        CompletableFuture<GoModSummary> theirs = raw.putIfAbsent(m, mine);
        if (theirs == null) {
            try {
                mine.complete(read(m));
            } catch (IOException | RuntimeException e) {
                mine.completeExceptionally(e);
            }
            return join(mine);
        }
        return join(theirs);
    }

    /**
     * Returns the summary of the go.mod of {@code m} itself when it was already read without error (the
     * go command's {@code rawGoVersion} record), never reading it.
     */
    public Optional<GoModSummary> loadedSummary(ModuleVersion m) {
        CompletableFuture<GoModSummary> loaded = raw.get(m);
        return loaded != null && loaded.isDone() && !loaded.isCompletedExceptionally()
                ? Optional.of(loaded.join())
                : Optional.empty();
    }

    private GoModSummary read(ModuleVersion m) throws IOException {
        String name;
        byte[] data;
        if (m.version().isEmpty()) {
            Path file = main.replacementDir(m).resolve("go.mod");
            name = file.toString();
            try {
                data = GoModFile.read(file);
            } catch (IOException e) {
                String reason =
                        MainModule.isNotExist(e) ? "open " + file + ": no such file or directory" : e.toString();
                throw new GoModException(m + ": reading " + main.shortPath(file) + ": " + reason, e);
            }
        } else {
            name = "go.mod";
            data = repo.goMod(m);
        }
        try {
            return GoModSummary.of(GoModFile.parseLax(name, data, null));
        } catch (GoModSyntaxException e) {
            String shown = m.version().isEmpty() ? main.shortPath(Path.of(name)) : name;
            throw new GoModException(m + ": parsing " + shown + ": " + e.getMessage(), e);
        }
    }

    private GoModSummary withoutExcluded(GoModSummary s) {
        if (!main.hasExcludes()) {
            return s;
        }
        List<ModuleVersion> kept = new ArrayList<>(s.requires().size());
        for (ModuleVersion r : s.requires()) {
            if (!main.isExcluded(r)) {
                kept.add(r);
            }
        }
        return kept.size() == s.requires().size() ? s : s.withRequires(kept);
    }

    /**
     * Returns the failure {@code reason} at {@code actual} as seen from {@code m}: {@code m: reason}, or
     * {@code m (replaced by actual): reason}, as the go command's BuildListError words it.
     */
    static String describe(ModuleVersion m, ModuleVersion actual, String reason) {
        String prefix = actual + ": ";
        String bare = reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason;
        return actual.equals(m) ? m + ": " + bare : m + " (replaced by " + actual + "): " + bare;
    }

    private static GoModSummary join(CompletableFuture<GoModSummary> f) throws IOException {
        return Await.result(f, "reading go.mod files");
    }
}
