package dev.holdfast.cli;

import dev.holdfast.degraded.OverlayRecord;
import dev.holdfast.degraded.Resolution;
import dev.holdfast.degraded.Substitution;
import dev.holdfast.degraded.Unavailable;
import dev.holdfast.modload.GoModException;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.StoreKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code holdfast download}: everything the project's build needs, into the module cache. */
@Command(
        name = "download",
        mixinStandardHelpOptions = true,
        header = "Fetches all the build needs; with --allow-degraded, outage-proof.",
        description = {
            "Fetches everything the project's build needs into the module cache",
            "(GOMODCACHE), as `go mod download` with no arguments does: the go.mod files",
            "of the module graph, and the zips of the modules go.mod requires (go 1.17+;",
            "of the whole build list for older go.mod files), in parallel, through the",
            "GOPROXY list with retries, checked against go.sum. Afterwards",
            "`GOPROXY=off go build ./...` works offline. Like the go command, it records",
            "in go.sum the hashes of the go.mod files the graph read that go.sum lacks,",
            "and no zip hashes: zips go.sum has no line for are fetched and counted in",
            "the summary; `go mod tidy` records them. It never changes go.mod (the go",
            "command rewrites one that needs `go mod tidy`).",
            "",
            "A version already in the module cache is used from there. When every",
            "source is unreachable (timeouts, refused or reset connections, 5xx; not a",
            "404) and a version is not cached, download fails and names every such",
            "module, unless --allow-degraded is given: then the nearest cached version",
            "of the same module and major stands in (the lowest cached version above",
            "the wanted one, else the highest below), the graph is resolved again with",
            "the substitutes' own go.mod files, and the substitutions are written as",
            "replace directives to an overlay go.mod and go.sum in .holdfast/degraded/",
            "under the module root, with a record (substitutions.json). go.mod and",
            "go.sum are never changed. Build with the printed `go build -modfile=...`",
            "or GOFLAGS; `holdfast recover` goes back to the exact versions.",
            "",
            "Degraded mode is off by default because a substitute is code nobody chose",
            "or tested with this project: it may behave differently, and a build that",
            "used it without saying so could ship. Opt in for a build that must go on.",
            "",
            "In workspace mode (a go.work at or above the directory, or GOWORK naming",
            "one) it fetches what `go mod download` fetches there: every module of the",
            "workspace's build list, through its replacements, checked against",
            "go.work.sum and the modules' go.sum files; --allow-degraded is refused there.",
        },
        footer = {
            "",
            "With --json, one object per module zip with the fields of",
            "`go mod download -json` (a substitute also has Degraded: {Wanted, Reason}),",
            "then one object with a Summary field.",
            "",
            "Exit codes: 0 everything fetched (exact versions, or substitutes with",
            "--allow-degraded); 1 a download failed verification; 2 bad input (no go.mod, a",
            "go.mod that does not parse, an unknown module or version); 3 the sources were",
            "unavailable and a module could not be had (nothing is written)."
        })
final class DownloadCommand extends ProjectCommand {

    @Option(names = "--json", description = "Print JSON objects as `go mod download -json` does, then a summary.")
    private boolean json;

    @Option(
            names = "--allow-degraded",
            description = "When a version cannot be fetched because the sources are unreachable, use the"
                    + " nearest cached version of the same module and major, through an overlay go.mod.")
    private boolean allowDegraded;

    @Mixin
    private NetworkOptions network;

    @Override
    int run() throws IOException {
        Optional<Path> work = workspaceFile();
        if (work.isPresent()) {
            if (allowDegraded) {
                throw new GoModException(work.get() + " puts this directory in workspace mode, where --allow-degraded"
                        + " is not supported yet (its overlay is the go.mod of one module); set GOWORK=off to use it");
            }
            return WorkspaceDownload.run(this, work.get(), network.network(), json);
        }
        PrintWriter out = out();
        PrintWriter err = err();
        ProjectDownload project = ProjectDownload.open(context(), project(), network.network(), allowDegraded);
        ProjectDownload.Outcome outcome = project.run(allowDegraded, json || quiet(), terminal(), err);
        Resolution r = outcome.resolution();
        if (json) {
            printModules(out, project, r);
        }
        int code = reportFailures(err, r);
        DegradedReport report = new DegradedReport(environment(), project.overlay());
        OverlayRecord written = null;
        int recorded = 0;
        if (code == ExitCodes.OK) {
            String mode = context().goEnv().buildMod();
            if (!r.degraded() && (mode.isEmpty() || mode.equals("mod"))) {
                recorded = project.recordGoModSums(r); // under an explicit -mod=readonly go.sum stays as it is
            }
            if (r.degraded()) {
                written = project.writeOverlay(r, project.overlay().read());
                if (!json) {
                    report.printOverlay(out, written);
                }
            } else if (project.overlay().remove() && !json && !quiet()) {
                err.println("holdfast download: every exact version is available: removed the degraded overlay "
                        + project.overlay().dir());
            }
        }
        if (json) {
            JsonOutput.print(out, Map.of("Summary", summary(outcome, project, report, written)));
        } else if (!quiet()) {
            err.println("holdfast download: " + summaryLine(outcome, project)
                    + (recorded == 0 ? "" : "; recorded " + Plural.of(recorded, "go.mod hash") + " in go.sum"));
        }
        return code;
    }

    /** Prints every module that could not be had and returns the exit code; OK when there is none. */
    static int reportFailures(PrintWriter err, Resolution r) {
        int code = ExitCodes.OK;
        for (Unavailable u : r.unavailable()) {
            err.println("holdfast: " + u.message());
            code = ExitCodes.UNAVAILABLE;
        }
        for (Resolution.Failure f : r.failures()) {
            err.println("holdfast: "
                    + ErrorReport.forModule(f.module().path(), f.module().version(), f.failure()));
            code = ExitCodes.worst(code, ExitCodes.of(f.failure()));
        }
        if (!r.unavailable().isEmpty()) {
            boolean suggested =
                    r.unavailable().stream().anyMatch(u -> u.cached().isPresent());
            err.println("holdfast: " + r.unavailable().size() + " module version"
                    + (r.unavailable().size() == 1 ? "" : "s") + " could not be had: the sources are unreachable"
                    + (suggested ? "; --allow-degraded would use the cached versions named above" : "")
                    + "; nothing was written");
        }
        return code;
    }

    private void printModules(PrintWriter out, ProjectDownload project, Resolution r) throws IOException {
        Map<ModuleVersion, Substitution> byUsed = new LinkedHashMap<>();
        r.substitutions().forEach(s -> byUsed.put(s.usedVersion(), s));
        List<ModuleVersion> failed = new ArrayList<>();
        r.failures().forEach(f -> failed.add(f.module()));
        r.unavailable().forEach(u -> failed.add(u.module()));
        for (ModuleVersion mv : r.zips()) {
            if (failed.contains(mv)) {
                continue;
            }
            if (project.stack().store().size(StoreKey.zip(mv)).isEmpty()) {
                continue; // not reached: a zip needed and not fetched is a failure
            }
            Map<String, Object> fields = ModuleFiles.describe(project.stack().store(), mv);
            Substitution s = byUsed.get(mv);
            if (s != null) {
                fields.put("Degraded", Map.of("Wanted", s.wanted(), "Reason", s.reason()));
            }
            JsonOutput.print(out, fields);
        }
        for (Resolution.Failure f : r.failures()) {
            JsonOutput.print(
                    out,
                    ModuleFiles.error(
                            f.module(),
                            ErrorReport.forModule(f.module().path(), f.module().version(), f.failure())));
        }
        for (Unavailable u : r.unavailable()) {
            JsonOutput.print(out, ModuleFiles.error(u.module(), u.message()));
        }
    }

    static Map<String, Object> summary(
            ProjectDownload.Outcome o, ProjectDownload project, DegradedReport report, OverlayRecord written)
            throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Zips", o.resolution().zips().size());
        s.put("Downloaded", o.downloaded());
        s.put("Cached", o.cached());
        s.put("Bytes", o.bytes());
        s.put("GoModFiles", o.goModFiles());
        s.put("MissingFromGoSum", missingFromGoSum(o.resolution(), project));
        s.put("MissingInfo", project.missingInfo(o.resolution().zips()));
        s.put("UncheckedBySumdb", project.uncheckedBySumdb().size());
        s.put("Seconds", o.elapsed().toMillis() / 1000.0);
        if (written != null) {
            s.put("Degraded", report.fields(written));
        }
        if (!o.resolution().complete()) {
            s.put("Unavailable", o.resolution().unavailable().size());
            s.put("Failed", o.resolution().failures().size());
        }
        return s;
    }

    /** Returns the one-line summary: zips, downloads, bytes, go.mod files, time, lines missing from go.sum. */
    static String summaryLine(ProjectDownload.Outcome o, ProjectDownload project) throws IOException {
        return summaryLine(o, project, "the module cache");
    }

    /** Returns {@link #summaryLine(ProjectDownload.Outcome, ProjectDownload)} for a cache named {@code cache}. */
    static String summaryLine(ProjectDownload.Outcome o, ProjectDownload project, String cache) throws IOException {
        int missing = missingFromGoSum(o.resolution(), project);
        int noInfo = project.missingInfo(o.resolution().zips());
        return String.format(
                        "%s (%d downloaded, %s; %d already in %s) and %s in %.1fs",
                        Plural.of(o.resolution().zips().size(), "module zip"),
                        o.downloaded(),
                        bytes(o.bytes()),
                        o.cached(),
                        cache,
                        Plural.of(o.goModFiles(), "go.mod file"),
                        o.elapsed().toMillis() / 1000.0)
                + (missing == 0
                        ? ""
                        : "; " + missing + " not in go.sum (zip hashes are not recorded; `go mod tidy` adds them)")
                + (noInfo == 0
                        ? ""
                        : "; " + noInfo + " without .info (builds do not need it; `go list -m` offline does)")
                + (project.uncheckedBySumdb().isEmpty()
                        ? ""
                        : "; " + project.uncheckedBySumdb().size()
                                + " hashes not checked: the checksum database was unreachable (degraded mode)");
    }

    /** Returns how many zips of exact versions the build needs that go.sum has no line for. */
    private static int missingFromGoSum(Resolution r, ProjectDownload project) {
        int n = 0;
        for (ModuleVersion z : r.zips()) {
            boolean substitute =
                    r.substitutions().stream().anyMatch(s -> s.usedVersion().equals(z));
            if (!substitute && project.goSum().lookup(z).isEmpty()) {
                n++;
            }
        }
        return n;
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KiB", n / 1024.0);
        }
        return String.format("%.1f MiB", n / (1024.0 * 1024));
    }
}
