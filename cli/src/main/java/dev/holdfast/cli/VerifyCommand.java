package dev.holdfast.cli;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.Workspace;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.sum.GoSum;
import dev.holdfast.sumdb.SumCheck;
import dev.holdfast.sumdb.SumdbVerifier;
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

/** {@code holdfast verify}: {@code go mod verify}, plus go.sum against the module cache and the checksum database. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Checks go.sum and the module cache, as `go mod verify` and more.",
            "",
            "Checks that the project's dependencies are what was recorded for them:",
            "",
            "  - as `go mod verify` does, each downloaded module's zip and extracted",
            "    directory in the module cache against the hash recorded when it was",
            "    downloaded (its .ziphash);",
            "  - every go.sum line against the module cache (the .ziphash and the",
            "    cached go.mod);",
            "  - every go.sum line against the checksum database (GOSUMDB), proving",
            "    each answer and that the database's log never forked. Modules that",
            "    GONOSUMDB or GOPRIVATE match are not looked up; GOSUMDB=off skips this.",
            "",
            "Each problem is printed on one line naming the module, version, files and",
            "hashes; `all modules verified` when there is none.",
            "",
            "In workspace mode (a go.work in force) the modules are those of the",
            "workspace's build list, as `go mod verify` checks there, and the go.sum",
            "lines those of go.work.sum and of each module's go.sum."
        },
        footer = {
            "",
            "Exit codes: 0 nothing found; 1 findings (modified cache, go.sum lines that",
            "differ from the cache or the database, a database caught lying); 2 bad",
            "input (no go.mod, malformed go.sum or GOSUMDB); 3 the checksum database",
            "could not be reached (the module cache and go.sum are still checked and",
            "reported)."
        })
final class VerifyCommand extends ProjectCommand {
    @Option(names = "--json", description = "Print one JSON object with what was checked and each finding.")
    private boolean json;

    @Mixin
    private NetworkOptions network;

    @Override
    int run() throws IOException {
        GoSum sums;
        List<ModuleVersion> required = new ArrayList<>();
        Optional<Path> work = workspaceFile();
        if (work.isPresent()) {
            // As go mod verify there: the workspace's build list; and the lines of go.work.sum and every go.sum.
            ProjectGraph project = ProjectGraph.load(this);
            required.addAll(WorkspaceDownload.zips(project));
            sums = GoSum.read(work.get().resolveSibling("go.work.sum"));
            for (MainModule m : ((Workspace) project.mains()).modules()) {
                sums = sums.with(GoSum.read(m.dir().resolve("go.sum")));
            }
        } else {
            GoProject project = project(); // the nearest go.mod, from a subdirectory too, as go mod verify finds it
            GoModFile goMod = GoModFile.parse(project.goModName(), project.goMod(), null);
            sums = project.sums();
            goMod.requires().forEach(r -> required.add(r.module()));
        }
        Path modCache = context().moduleCache().root();
        Optional<SumdbVerifier> db = context().sumdbVerifier(network.network());
        SumCheck.Result result = SumCheck.check(modCache, sums, required, db);
        report(result);
        if (!result.unreachable().isEmpty()) {
            // What could be checked without the database was, and is reported above; the rest is worth a retry.
            err().println("holdfast verify: checksum database " + result.database()
                    + " could not be reached, so go.sum was not checked against it: " + result.unreachable());
            return ExitCodes.UNAVAILABLE;
        }
        return result.findings().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private void report(SumCheck.Result result) {
        PrintWriter out = out();
        PrintWriter err = err();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("Modules", result.modules());
            doc.put("GoSumLines", result.lines());
            doc.put("Database", result.database());
            doc.put("DatabaseLines", result.databaseLines());
            if (!result.unreachable().isEmpty()) {
                doc.put("DatabaseUnreachable", result.unreachable());
            }
            List<Map<String, Object>> findings = new ArrayList<>();
            for (SumCheck.Finding f : result.findings()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("Path", f.path());
                m.put("Version", f.version());
                m.put("Kind", f.kind().name());
                m.put("Message", f.message());
                if (!f.detail().isEmpty()) {
                    m.put("Detail", f.detail());
                }
                findings.add(m);
            }
            doc.put("Findings", findings);
            JsonOutput.print(out, doc);
            return;
        }
        for (SumCheck.Finding f : result.findings()) {
            out.println(f.message());
            if (!f.detail().isEmpty() && f.kind() == SumCheck.Kind.DATABASE_MISBEHAVIOR) {
                err.println(f.detail());
            }
        }
        if (result.findings().isEmpty()) {
            out.println("all modules verified");
        }
        if (!quiet()) {
            String database = result.database().isEmpty()
                    ? "no checksum database (GOSUMDB=off)"
                    : !result.unreachable().isEmpty()
                            ? "checksum database " + result.database() + " unreachable"
                            : result.databaseLines() + " against checksum database " + result.database();
            err.printf(
                    "holdfast: %s and %s checked (%s); %s%n",
                    Plural.of(result.modules(), "module version"),
                    Plural.of(result.lines(), "go.sum line"),
                    database,
                    Plural.of(result.findings().size(), "finding"));
        }
    }
}
