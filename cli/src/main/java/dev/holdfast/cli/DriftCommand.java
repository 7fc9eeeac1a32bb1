package dev.holdfast.cli;

import dev.holdfast.degraded.Outages;
import dev.holdfast.drift.Drift;
import dev.holdfast.drift.Finding;
import dev.holdfast.drift.SarifLog;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.ProxyList;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.modload.ModuleLoader;
import dev.holdfast.modload.Workspace;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import dev.holdfast.sumdb.SumdbVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code holdfast drift}: where go.mod, go.sum, the module cache, the checksum database and the environment disagree. */
@Command(
        name = "drift",
        mixinStandardHelpOptions = true,
        description = {
            "Finds where go.mod, go.sum and the environment have drifted.",
            "",
            "Finds where the project has drifted, each finding with a severity, the go.mod or",
            "go.sum line it is about and a one-line fix:",
            "",
            "  - go.sum lines missing for the build or not needed by it, exactly as",
            "    `go mod tidy` would add or drop them (error / note);",
            "  - go.sum hashes that differ from the module cache or the checksum database",
            "    (GOSUMDB; GONOSUMDB and GOPRIVATE respected), and modified cache entries",
            "    as `go mod verify` reports them (error);",
            "  - requirements below the version the build selects (warning), `// indirect`",
            "    markings the main module's imports contradict (warning), and imports no",
            "    requirement provides (error);",
            "  - replace directives to directories or other modules (warning), and",
            "    excludes of versions nothing requires (note);",
            "  - retracted (warning) or deprecated (note) modules in the build, and",
            "    newer patch releases (note), as `go list -m -u -retracted` sees them;",
            "  - weakening settings: GOSUMDB=off (error); GOPRIVATE, GONOSUMDB or",
            "    GOINSECURE patterns that match modules the GOPROXY proxy serves, -mod=mod",
            "    in GOFLAGS, GOPROXY=direct (warning); GOPROXY=off (note);",
            "  - with --against, the build list next to another one: modules added,",
            "    removed, raised (note) or lowered (warning).",
            "",
            "Module content comes through GOPROXY and the module cache, as for the go",
            "command; downloads are checked against the checksum database, not go.sum",
            "(go.sum is what is being checked).",
            "",
            "In workspace mode (a go.work in force) every module the go.work uses is",
            "checked on its own, as `go mod tidy` sees it (its go.mod, go.sum and module",
            "graph), and findings name files from the go.work's directory (a/go.mod);",
            "--against is refused there."
        },
        footer = {
            "",
            "Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;",
            "2 bad input (no go.mod, a malformed go.mod or go.sum, an unknown module, a",
            "bad --against); 3 the network, a proxy or the checksum database was",
            "unavailable."
        })
final class DriftCommand extends ProjectCommand {

    @Option(
            names = "--against",
            paramLabel = "GIT-REF|DIR",
            description = "Also compare the build list with that of another project directory, or of this"
                    + " project's go.mod at a git revision (directory replacements are read from the working tree).")
    private String against;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description =
                    "text (one line per finding), json, or sarif (SARIF 2.1.0 for code scanning). Default: ${DEFAULT-VALUE}.")
    private String format;

    @Option(
            names = "--fail-on",
            paramLabel = "LEVEL",
            defaultValue = "warning",
            description = "Exit 1 when a finding is at least this severe: error, warning, note (any finding), or"
                    + " none (never). Default: ${DEFAULT-VALUE} (a freshly tidied project passes; patch"
                    + " releases and other notes do not fail a build).")
    private String failOn;

    @Option(
            names = "--offline",
            description = "Use only the module cache: no downloads (GOPROXY=off), no checksum database, no"
                    + " retraction, deprecation, patch-release or public-module lookups.")
    private boolean offline;

    @Override
    int run() throws IOException {
        Optional<Finding.Severity> threshold = threshold();
        if (!List.of("text", "json", "sarif").contains(format)) {
            throw badUsage("unknown --format \"" + format + "\": want text, json or sarif");
        }
        Optional<Path> work = workspaceFile();
        List<Path> moduleDirs;
        if (work.isPresent()) {
            if (against != null) {
                throw badUsage("--against is not supported in workspace mode (" + work.get() + "); set GOWORK=off");
            }
            moduleDirs = Workspace.load(work.get(), dir(), null).modules().stream()
                    .map(MainModule::dir)
                    .toList();
        } else {
            project(); // no go.mod is bad input before anything is fetched
            moduleDirs = List.of(dir());
        }
        GoEnv env = context().goEnv();
        Optional<SumdbVerifier> sumdb = offline ? Optional.empty() : context().sumdbVerifier(Network.DEFAULT);
        SourceStack.Builder<DiskStore> sources = offline
                ? SourceStack.over(
                        ProxyList.parse("off", env.gonoproxy()),
                        context().moduleCache(),
                        context().clock())
                : context().sources();
        Verifier goSums = ProjectGraph.goSums(work, moduleDirs);
        SourceStack<DiskStore> stack = sources.verifier(
                        sumdb.map(db -> databaseElseGoSum(db, goSums)).orElse(Verifier.NONE))
                .build();
        StaleWatchingRepo repo = new StaleWatchingRepo(stack.source());
        Drift.ModuleZips zips = mv -> {
            stack.source().fetchZip(mv);
            return stack.store().extractedDir(mv).orElse(stack.store().file(StoreKey.zip(mv)));
        };
        Drift.Settings settings = new Drift.Settings(zips, sumdb, context().goroot(), offline, repo);
        List<Finding> findings = new ArrayList<>();
        Drift.Report total = null;
        for (Path moduleDir : moduleDirs) {
            // In a workspace, each module on its own, as go mod tidy sees it: its own go.mod, go.sum and graph.
            MainModule main = MainModule.load(moduleDir, MainModule.fixer(repo));
            ModuleLoader loader = new ModuleLoader(main, repo);
            Drift.Project project = new Drift.Project(main, loader, ModuleGraph.load(loader), env);
            Drift.Report report = Drift.check(project, settings);
            String prefix = work.isPresent() ? relative(work.get().getParent(), main.dir()) : "";
            report.findings().forEach(f -> findings.add(prefix.isEmpty() ? f : inDirectory(f, prefix)));
            if (against != null) {
                MainModule other = Drift.otherMain(project, against, moduleDir, environment());
                findings.addAll(Drift.against(project, ModuleGraph.load(new ModuleLoader(other, repo)), against));
            }
            total = total == null
                    ? report
                    : new Drift.Report(
                            List.of(),
                            total.modules() + report.modules(),
                            total.packages() + report.packages(),
                            total.goSumLines() + report.goSumLines(),
                            report.database());
        }
        boolean failed = threshold.isPresent()
                && findings.stream().anyMatch(f -> f.severity().reaches(threshold.get()));
        print(findings, total, work.isPresent() ? work.get().getParent() : moduleDirs.getFirst(), failed);
        return failed ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /**
     * Returns the verifier of what the graph reads: every hash against the checksum database {@code db},
     * so that drift sees what everybody else was served; while the database cannot be reached, against
     * {@code goSums} as the go command itself would (a hash they lack still fails: nothing vouches for it).
     * go.sum itself is checked against the database afterwards, as findings.
     */
    private static Verifier databaseElseGoSum(SumdbVerifier db, Verifier goSums) {
        return (mv, hash) -> {
            try {
                return db.checkHash(mv, hash);
            } catch (IOException e) {
                if (!Outages.isOutage(e) || goSums.checkHash(mv, hash) != Verifier.Verdict.MATCHED) {
                    throw e;
                }
                return Verifier.Verdict.MATCHED;
            }
        };
    }

    /** Returns {@code dir} relative to {@code base} with {@code /}, {@code ""} for {@code base} itself. */
    private static String relative(Path base, Path dir) {
        return base.relativize(dir).toString().replace('\\', '/');
    }

    /** Returns {@code f} with its file named from the workspace's directory: {@code dir/go.mod}. */
    private static Finding inDirectory(Finding f, String dir) {
        return new Finding(
                f.kind(),
                f.severity(),
                f.message(),
                f.fix(),
                new Finding.Location(
                        dir + "/" + f.location().file(), f.location().line()));
    }

    private Optional<Finding.Severity> threshold() {
        if (failOn.equals("none")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Finding.Severity.parse(failOn));
        } catch (IllegalArgumentException e) {
            throw badUsage("unknown --fail-on \"" + failOn + "\": want error, warning, note or none");
        }
    }

    private void print(List<Finding> findings, Drift.Report report, Path base, boolean failed) {
        PrintWriter out = out();
        switch (format) {
            case "sarif" -> JsonOutput.print(out, SarifLog.of(findings, version(), moduleDir(base)));
            case "json" -> JsonOutput.print(out, json(findings, report, failed));
            default -> findings.forEach(f -> out.println(f.format()));
        }
        if (!quiet()) {
            long errors = findings.stream()
                    .filter(f -> f.severity() == Finding.Severity.ERROR)
                    .count();
            long warnings = findings.stream()
                    .filter(f -> f.severity() == Finding.Severity.WARNING)
                    .count();
            err().printf(
                            "holdfast drift: %s (%s, %s, %s) in %s, %s, %s (%s)%s%n",
                            Plural.of(findings.size(), "finding"),
                            Plural.of(errors, "error"),
                            Plural.of(warnings, "warning"),
                            Plural.of(findings.size() - errors - warnings, "note"),
                            Plural.of(report.modules(), "module"),
                            Plural.of(report.packages(), "package"),
                            Plural.of(report.goSumLines(), "go.sum line"),
                            report.database().isEmpty()
                                    ? "no checksum database"
                                    : "checksum database " + report.database(),
                            failed ? "; failing: findings at or above --fail-on " + failOn : "");
        }
    }

    private Map<String, Object> json(List<Finding> findings, Drift.Report report, boolean failed) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Modules", report.modules());
        doc.put("Packages", report.packages());
        doc.put("GoSumLines", report.goSumLines());
        doc.put("Database", report.database());
        doc.put("FailOn", failOn);
        doc.put("Failed", failed);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Kind", f.kind().id());
            m.put("Severity", f.severity().label());
            m.put("File", f.location().file());
            if (f.location().line() > 0) {
                m.put("Line", f.location().line());
            }
            m.put("Message", f.message());
            m.put("Fix", f.fix());
            list.add(m);
        }
        doc.put("Findings", list);
        return doc;
    }

    /** Returns the module directory relative to the enclosing git repository's root, or {@code ""}. */
    private static String moduleDir(Path moduleRoot) {
        for (Path d = moduleRoot; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d.relativize(moduleRoot).toString().replace('\\', '/');
            }
        }
        return "";
    }

    private static String version() {
        String v = DriftCommand.class.getPackage().getImplementationVersion();
        return v == null ? "0.0.0-dev" : v;
    }
}
