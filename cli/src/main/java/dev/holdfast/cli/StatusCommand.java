package dev.holdfast.cli;

import dev.holdfast.degraded.BuildListNotices;
import dev.holdfast.degraded.Overlay;
import dev.holdfast.degraded.OverlayRecord;
import dev.holdfast.degraded.SourceProbe;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.GoSumVerifier;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.modload.ModuleLoader;
import dev.holdfast.modload.Workspace;
import dev.holdfast.module.PrefixPatterns;
import dev.holdfast.store.DiskStore;
import dev.holdfast.sum.GoSum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code holdfast status}: the sources, the degraded state, and what is out of date in the build list. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        header = "Shows source health, substitutions, updates, retractions.",
        description = {
            "Shows where the project stands:",
            "  - the effective source chain (GOPROXY, then the module cache) with each",
            "    source's health, from one quick request per proxy (--probe-timeout);",
            "  - degraded mode: every substitution in the overlay written by",
            "    `holdfast download --allow-degraded`, with the command to build with it,",
            "    and whether go.mod or go.sum changed since;",
            "  - modules of the build list with a newer version, retracted versions and",
            "    deprecated modules in use, as `go list -m -u -retracted all` reports them",
            "    (Update, Retracted, Deprecated).",
            "The build list is the one builds use: the overlay's when the project is",
            "degraded, else the project's own."
        },
        footer = {
            "",
            "With --json, one object: Sources, Degraded (absent when not degraded) and",
            "Modules (with the Update, Retracted, Deprecated and Error fields of",
            "`go list -m -u -json`).",
            "",
            "Exit codes: 0 shown (also when sources are down or the project is",
            "degraded: that is what it reports); 2 bad input (no go.mod, a go.mod that",
            "does not parse)."
        })
final class StatusCommand extends ProjectCommand {

    @Option(names = "--json", description = "Print the status as one JSON object.")
    private boolean json;

    @Option(
            names = "--probe-timeout",
            paramLabel = "DURATION",
            converter = GoDuration.class,
            description = "How long each source may take to answer its probe, and each request for the"
                    + " build list (retried for twice as long) unless --attempt-timeout and --retry-budget"
                    + " say otherwise (default: 3s).")
    private Duration probeTimeout = Duration.ofSeconds(3);

    @Mixin
    private NetworkOptions network;

    @Override
    int run() throws IOException {
        // In workspace mode: the workspace's build list, as go list -m -u -retracted all lists it there; a
        // workspace has no degraded overlay (download --allow-degraded refuses workspace mode).
        Optional<Path> work = workspaceFile();
        GoProject project = work.isPresent() ? null : project();
        Path root = work.isPresent() ? work.get().getParent() : project.root();
        GoEnv env = context().goEnv();
        List<SourceProbe.Health> sources = SourceProbe.probe(
                env.proxyList(),
                probePath(env, work),
                probeTimeout,
                Path.of(env.gomodcache()),
                context().clock(),
                context().environment());
        Overlay overlay = Overlay.of(root);
        Optional<OverlayRecord> record = work.isPresent() ? Optional.empty() : overlay.read();
        Modules modules = work.isPresent() ? workspaceModules(work.get()) : modules(root, overlay, record.isPresent());
        if (json) {
            JsonOutput.print(out(), fields(sources, overlay, record, project, modules));
        } else {
            StatusText.print(
                    out(),
                    env,
                    sources,
                    new DegradedReport(environment(), overlay),
                    record,
                    stale(project, record),
                    modules);
        }
        return ExitCodes.OK;
    }

    /**
     * Returns the module the probes ask proxies about: the first the project requires, else the project
     * itself, leaving out private modules (GONOPROXY), whose paths must not reach a proxy; empty when
     * there is none (or go.mod cannot be read strictly: the build-list section reports why).
     */
    private Optional<String> probePath(GoEnv env, Optional<Path> work) throws IOException {
        List<MainModule> own;
        try {
            own = work.isPresent()
                    ? Workspace.load(work.get(), dir(), null).modules()
                    : List.of(MainModule.load(dir(), null));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        own.forEach(m -> m.goMod().requires().forEach(r -> candidates.add(r.path())));
        own.forEach(m -> candidates.add(m.path()));
        return candidates.stream()
                .filter(p -> !PrefixPatterns.match(env.gonoproxy(), p))
                .findFirst();
    }

    /**
     * Status is a quick look: unless told otherwise, each request gets about as long as a probe, and an
     * upstream found down is not waited on for longer than that either.
     */
    private Network quickLook() {
        return network.network(probeTimeout.multipliedBy(2), probeTimeout, probeTimeout);
    }

    /**
     * The build list's notices, or why they could not be had; {@code staleLists} modules without an error
     * were looked up in version lists the cache answered with because the upstream failed (0 where that is
     * not known).
     */
    record Modules(List<BuildListNotices.Notice> notices, String error, int staleLists) {
        static Modules failed(Exception e) {
            return new Modules(List.of(), e.getMessage() == null ? e.toString() : e.getMessage(), 0);
        }
    }

    private Modules modules(Path root, Overlay overlay, boolean degraded) {
        try {
            Path goSum = degraded ? overlay.goSum() : root.resolve("go.sum");
            GoSum sums = GoSum.read(goSum);
            Verifier verifier = new GoSumVerifier(sums, "go.sum").orElse(Verifier.NONE);
            SourceStack<DiskStore> stack =
                    context().sources().verifier(verifier).network(quickLook()).build();
            StaleWatchingRepo repo = new StaleWatchingRepo(stack.source());
            MainModule main = degraded
                    ? MainModule.parse(root, dir(), Files.readAllBytes(overlay.goMod()), MainModule.fixer(repo))
                    : MainModule.load(dir(), MainModule.fixer(repo));
            ModuleGraph graph = ModuleGraph.load(new ModuleLoader(main, repo));
            List<BuildListNotices.Notice> notices = BuildListNotices.of(main, graph, repo);
            int stale = (int) notices.stream()
                    .filter(n -> n.error().isEmpty()
                            && repo.staleBecause(n.module().path()).isPresent())
                    .count();
            return new Modules(notices, "", stale);
        } catch (IOException | RuntimeException e) {
            return Modules.failed(e);
        }
    }

    /** The workspace's notices, or why they could not be had. */
    private Modules workspaceModules(Path goWork) {
        try {
            SourceStack.Builder<DiskStore> sources = context().sources().network(quickLook());
            ProjectGraph g = ProjectGraph.loadWorkspace(this, goWork, sources, Verifier.NONE);
            return new Modules(
                    BuildListNotices.of(g.mains(), g.graph(), g.loader().repo()), "", 0);
        } catch (IOException | RuntimeException e) {
            return Modules.failed(e);
        }
    }

    private static Optional<Boolean> stale(GoProject project, Optional<OverlayRecord> record) {
        if (record.isEmpty()) {
            return Optional.empty();
        }
        byte[] goSum = project.goSum() == null ? new byte[0] : project.goSum();
        return Optional.of(!record.get().goModSha256().equals(OverlayRecord.sha256(project.goMod()))
                || !record.get().goSumSha256().equals(OverlayRecord.sha256(goSum)));
    }

    private Map<String, Object> fields(
            List<SourceProbe.Health> sources,
            Overlay overlay,
            Optional<OverlayRecord> record,
            GoProject project,
            Modules modules) {
        Map<String, Object> o = new LinkedHashMap<>();
        List<Map<String, Object>> src = new ArrayList<>();
        for (SourceProbe.Health h : sources) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("Source", h.source());
            s.put("Health", h.state().name().toLowerCase(java.util.Locale.ROOT));
            s.put("Millis", h.elapsed().toMillis());
            if (!h.detail().isEmpty()) {
                s.put("Detail", h.detail());
            }
            src.add(s);
        }
        o.put("Sources", src);
        if (record.isPresent()) {
            Map<String, Object> d = new DegradedReport(environment(), overlay).fields(record.get());
            d.put("Written", record.get().written().toString());
            d.put("Stale", stale(project, record).orElse(false));
            o.put("Degraded", d);
        }
        if (!modules.error().isEmpty()) {
            o.put("Error", modules.error());
        }
        o.put("Modules", StatusText.moduleFields(modules.notices()));
        return o;
    }
}
