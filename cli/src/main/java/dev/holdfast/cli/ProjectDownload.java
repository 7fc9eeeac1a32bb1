package dev.holdfast.cli;

import dev.holdfast.degraded.CachedVersions;
import dev.holdfast.degraded.OutageTolerantVerifier;
import dev.holdfast.degraded.Overlay;
import dev.holdfast.degraded.OverlayFiles;
import dev.holdfast.degraded.OverlayRecord;
import dev.holdfast.degraded.RememberingRepo;
import dev.holdfast.degraded.Resolution;
import dev.holdfast.degraded.SubstitutingResolver;
import dev.holdfast.degraded.Substitution;
import dev.holdfast.dirhash.DirHash;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.GoSumVerifier;
import dev.holdfast.fetch.SourceRepo;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.AtomicFiles;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import dev.holdfast.sum.GoSum;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The work {@code download} and {@code recover} share: the project (its module root, go.mod and
 * go.sum), the fetch stack of its go environment, and one resolution of everything its build needs,
 * with zips fetched in parallel behind a progress display, and the overlay written or removed.
 */
final class ProjectDownload {
    private final GoEnv env;
    private final Path root;
    private final SourceStack<DiskStore> stack;
    private final RememberingRepo repo;
    private final MainModule project;
    private final GoSum goSum;
    private final byte[] goModBytes;
    private final byte[] goSumBytes;
    private final OutageTolerantVerifier tolerant;
    private final Clock clock;

    private ProjectDownload(
            GoEnv env,
            Path root,
            SourceStack<DiskStore> stack,
            RememberingRepo repo,
            MainModule project,
            GoSum goSum,
            byte[] goModBytes,
            byte[] goSumBytes,
            OutageTolerantVerifier tolerant,
            Clock clock) {
        this.env = env;
        this.root = root;
        this.stack = stack;
        this.repo = repo;
        this.project = project;
        this.goSum = goSum;
        this.goModBytes = goModBytes;
        this.goSumBytes = goSumBytes;
        this.tolerant = tolerant;
        this.clock = clock;
    }

    /**
     * Opens {@code project} with the fetch stack of {@code context}, retrying and timing requests by
     * {@code network}; with {@code allowDegraded}, an unreachable checksum database is tolerated.
     */
    static ProjectDownload open(Context context, GoProject project, Network network, boolean allowDegraded)
            throws IOException {
        GoSum goSum = project.sums();
        // go.sum first, then the checksum database (unless GOSUMDB=off; not for GONOSUMDB/GOPRIVATE
        // modules) for hashes go.sum does not record, as the go command checks. In degraded mode an
        // unreachable database is tolerated and the versions it could not check are reported.
        Verifier sumdb = context.sumdb(network);
        OutageTolerantVerifier tolerant = new OutageTolerantVerifier(sumdb);
        Verifier verifier = project.goSumVerifier().orElse(allowDegraded ? tolerant : sumdb);
        SourceStack<DiskStore> stack =
                context.sources().verifier(verifier).network(network).build();
        RememberingRepo repo = new RememberingRepo(SourceRepo.of(stack.source()));
        MainModule main = MainModule.parse(
                project.root(), project.dir(), project.goModName(), project.goMod(), MainModule.fixer(repo));
        byte[] goSumBytes = project.goSum() == null ? new byte[0] : project.goSum();
        return new ProjectDownload(
                context.goEnv(),
                project.root(),
                stack,
                repo,
                main,
                goSum,
                project.goMod(),
                goSumBytes,
                tolerant,
                context.clock());
    }

    /** Returns the go environment. */
    GoEnv env() {
        return env;
    }

    /** Returns the module root. */
    Path root() {
        return root;
    }

    /** Returns the fetch stack. */
    SourceStack<DiskStore> stack() {
        return stack;
    }

    /** Returns the project's overlay location. */
    Overlay overlay() {
        return Overlay.of(root);
    }

    /**
     * Returns the module versions (with {@code /go.mod} for go.mod hashes) whose hash the checksum
     * database could not check because it was unreachable; only in degraded mode, else empty.
     */
    List<ModuleVersion> uncheckedBySumdb() {
        return tolerant.unchecked();
    }

    /** Returns the project's go.sum (empty when it has none). */
    GoSum goSum() {
        return goSum;
    }

    /** Returns a view of the module cache that checks hashes against the project's go.sum. */
    CachedVersions cache() {
        // The go command names the file by its base name in mismatch messages (fetch.go checkModSum).
        return new CachedVersions(stack.store(), new GoSumVerifier(goSum, "go.sum").orElse(Verifier.NONE));
    }

    /**
     * What one resolution did besides resolving.
     *
     * @param resolution what the build uses
     * @param downloaded zips downloaded from an upstream
     * @param cached zips that were already in the module cache
     * @param bytes bytes of zips downloaded
     * @param elapsed how long it all took
     */
    record Outcome(Resolution resolution, int downloaded, int cached, long bytes, Duration elapsed) {
        /** Returns the number of go.mod files the graph read. */
        int goModFiles() {
            return ProjectDownload.goModFiles(resolution.graph());
        }
    }

    /**
     * Resolves and fetches everything the build needs, substituting cached versions for what an outage
     * keeps away if {@code allowDegraded}; progress goes to {@code log} (a bar if {@code terminal}) unless
     * {@code quiet}.
     */
    Outcome run(boolean allowDegraded, boolean quiet, boolean terminal, PrintWriter log) throws IOException {
        return run(allowDegraded, quiet, terminal, log, ZipFetch.Held.NOWHERE);
    }

    /** Does what {@link #run(boolean, boolean, boolean, PrintWriter)} does, leaving out the zips {@code held}. */
    Outcome run(boolean allowDegraded, boolean quiet, boolean terminal, PrintWriter log, ZipFetch.Held held)
            throws IOException {
        Instant start = clock.instant();
        ZipFetch zips = new ZipFetch(stack, held);
        SubstitutingResolver resolver = new SubstitutingResolver(repo, cache(), allowDegraded, clock);
        Resolution resolution = resolver.resolve(project, modules -> zips.fetch(modules, quiet, terminal, log));
        return new Outcome(
                resolution, zips.downloaded(), zips.cached(), zips.bytes(), Duration.between(start, clock.instant()));
    }

    /** Returns how many go.mod files of dependencies {@code graph} read (a workspace's own modules are not counted). */
    static int goModFiles(ModuleGraph graph) {
        int[] n = {0};
        graph.walkBreadthFirst(m -> {
            if (!GoVersion.isToolchain(m.path())
                    && !m.version().isEmpty()
                    && graph.summary(m).isPresent()) {
                n[0]++;
            }
        });
        return n[0];
    }

    /**
     * Records in go.sum the hashes of the go.mod files {@code resolution}'s module graph read that go.sum
     * lacks, as {@code go mod download} with no arguments does before it downloads (its commitRequirements
     * keeps the go.mod sums of every module whose requirements are in the graph; no zip sums). go.sum is
     * rewritten, in the go command's form, only when a line is added. Not for a degraded resolution: its
     * hashes go to the overlay.
     *
     * @return the number of lines added
     */
    int recordGoModSums(Resolution resolution) throws IOException {
        if (resolution.degraded()) {
            return 0;
        }
        ModuleGraph graph = resolution.graph();
        List<ModuleVersion> read = new ArrayList<>();
        graph.walkBreadthFirst(m -> {
            if (!GoVersion.isToolchain(m.path())
                    && !m.version().isEmpty()
                    && graph.summary(m).isPresent()) {
                read.add(project.replacement(m).orElse(m));
            }
        });
        GoSum sums = goSum;
        for (ModuleVersion m : read) {
            ModuleVersion key = new ModuleVersion(m.path(), m.version() + "/go.mod");
            if (m.version().isEmpty() || sums.lookup(key).stream().anyMatch(h -> h.startsWith("h1:"))) {
                continue; // a directory replacement has no hash; a recorded one stays as it is
            }
            Optional<InputStream> mod = stack.store().open(StoreKey.mod(m));
            if (mod.isPresent()) {
                try (InputStream in = mod.get()) {
                    sums = sums.add(key, DirHash.hashGoMod(in.readAllBytes()));
                }
            }
        }
        if (sums == goSum) {
            return 0;
        }
        AtomicFiles.write(root.resolve("go.sum"), sums.format());
        return sums.lines().size() - goSum.lines().size();
    }

    /** Returns how many of {@code zips} have no {@code .info} file in the module cache. */
    int missingInfo(List<ModuleVersion> zips) throws IOException {
        return new ZipFetch(stack).missingInfo(zips);
    }

    /**
     * Writes the overlay of {@code resolution}, keeping the time of each substitution {@code previous}
     * already had with the same substitute, and returns its record.
     */
    OverlayRecord writeOverlay(Resolution resolution, Optional<OverlayRecord> previous) throws IOException {
        List<Substitution> subs = new ArrayList<>();
        for (Substitution s : resolution.substitutions()) {
            Substitution kept = s;
            if (previous.isPresent()) {
                for (Substitution p : previous.get().substitutions()) {
                    if (p.wantedVersion().equals(s.wantedVersion()) && p.used().equals(s.used())) {
                        kept = new Substitution(s.path(), s.wanted(), s.used(), s.need(), p.reason(), p.time());
                    }
                }
            }
            subs.add(kept);
        }
        subs.sort((a, b) -> {
            int c = dev.holdfast.module.GoStrings.compare(a.path(), b.path());
            return c != 0 ? c : dev.holdfast.semver.Semver.compare(a.wanted(), b.wanted());
        });
        byte[] goMod = OverlayFiles.goMod(project, subs, resolution.graph().requirements(), MainModule.fixer(repo));
        byte[] goSumOut = OverlayFiles.goSum(goSum, resolution, cache());
        OverlayRecord record = new OverlayRecord(
                project.path(),
                OverlayRecord.sha256(goModBytes),
                OverlayRecord.sha256(goSumBytes),
                clock.instant(),
                subs,
                OverlayFiles.raised(project, resolution.graph().requirements()));
        overlay().write(goMod, goSumOut, record);
        return record;
    }

    /** Reports whether the project's go.mod and go.sum are what {@code record} was written for. */
    boolean matches(OverlayRecord record) {
        return record.goModSha256().equals(OverlayRecord.sha256(goModBytes))
                && record.goSumSha256().equals(OverlayRecord.sha256(goSumBytes));
    }
}
