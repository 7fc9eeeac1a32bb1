package dev.holdfast.cli;

import dev.holdfast.fetch.GoSumVerifier;
import dev.holdfast.fetch.RevInfo;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.modload.MainModule;
import dev.holdfast.module.GoStrings;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.sum.GoSum;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code holdfast fetch}: module versions into the module cache, as {@code go mod download -json m@v}. */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        description = {
            "Fetches module versions into the module cache, as `go mod download`.",
            "",
            "Fetches module versions into the module cache (GOMODCACHE), as",
            "`go mod download M@V` does, through the GOPROXY list: transient failures",
            "(resets, timeouts, 429, 5xx) are retried, each upstream has a circuit breaker,",
            "broken downloads resume, and nothing is stored before it is verified.",
            "",
            "VERSION is a query as for `go mod download`: a version (v1.2.3), `latest`,",
            "a prefix (v1.2), a comparison (<v1.3.0), a branch or a commit; `upgrade` and",
            "`patch` from the version the project selects. Queries that choose among",
            "versions skip retracted ones and the project's excludes.",
            "When the project directory (-C) has a go.sum, downloads are checked",
            "against it; hashes it does not record are checked against the checksum",
            "database (GOSUMDB, unless off or the module matches GONOSUMDB/GOPRIVATE)."
        },
        footer = {
            "",
            "Exit codes: 0 all fetched; 1 a download failed verification; 2 bad input",
            "(malformed path or version, unknown module or version); " + Help.UNAVAILABLE + "."
        })
final class FetchCommand extends ProjectCommand {
    @Parameters(
            arity = "1..*",
            paramLabel = "MODULE@VERSION",
            description = "Module versions to fetch; in a module also MODULE (the selected version), all,"
                    + " or a pattern with ... over the build list.")
    private List<String> targets;

    @Option(
            names = "--json",
            description = "Print one JSON object per module with the fields of `go mod download -json`.")
    private boolean json;

    @Mixin
    private NetworkOptions network;

    @Override
    int run() throws IOException {
        Network limits = network.network();
        // go.sum, when the project directory has one, then the checksum database (unless GOSUMDB=off;
        // GONOSUMDB and GOPRIVATE modules are not looked up) for hashes go.sum does not record.
        Path goSum = dir().resolve("go.sum");
        Verifier sumdb = context().sumdb(limits);
        Verifier verifier = Files.exists(goSum) ? new GoSumVerifier(GoSum.read(goSum), "go.sum").orElse(sumdb) : sumdb;
        SourceStack<DiskStore> stack =
                context().sources().verifier(verifier).network(limits).build();
        FetchQuery queries = new FetchQuery(stack.source(), excludes(), this::selected);
        List<FetchTargets.Target> planned = FetchTargets.expand(targets, this::moduleGraph, err());
        List<Result> results;
        try (Progress progress = Progress.start("fetch", planned.size(), json || quiet(), terminal(), err())) {
            results = ParallelWork.map(planned, target -> {
                Result result = fetch(stack, queries, target);
                // The reason of a failure is reported once, with the results.
                progress.step(
                        result.error() == null
                                ? result.module() + " " + result.version()
                                : target.path() + "@" + target.query() + " failed");
                return result;
            });
        }
        return report(results);
    }

    /** The outcome for one target; {@code error} and {@code code} are set when it failed. */
    private record Result(
            String module, String version, String query, Map<String, Object> json, String error, int code) {}

    private Result fetch(SourceStack<DiskStore> stack, FetchQuery queries, FetchTargets.Target target) {
        String path = target.path();
        String query = target.query();
        if (target.failure() != null) { // an argument that names no module version: no Version field
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Path", path);
            fields.put("Error", target.failure());
            return new Result(path, "", "", fields, target.failure(), ExitCodes.BAD_INPUT);
        }
        try {
            if (query.isEmpty()) {
                throw new IllegalArgumentException("malformed module query \"" + path
                        + "@\": want MODULE@VERSION, for example " + path + "@latest");
            }
            ModulePath.check(path);
            RevInfo info = queries.resolve(path, query);
            ModuleVersion mv = new ModuleVersion(path, info.version());
            stack.source().mod(mv);
            stack.source().fetchZip(mv);
            Map<String, Object> fields = ModuleFiles.describe(stack.store(), mv, query);
            return new Result(path, mv.version(), query, fields, null, ExitCodes.OK);
        } catch (IOException | RuntimeException e) {
            String message = ErrorReport.forModule(path, query, e);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Path", path);
            fields.put("Version", query);
            fields.put("Error", message);
            return new Result(path, query, query, fields, message, ExitCodes.of(e));
        }
    }

    /**
     * Returns the excludes of the main module around the project directory, which queries other than a
     * revision's respect as the go command's do; none outside a module or in workspace mode.
     */
    private Set<ModuleVersion> excludes() throws IOException {
        if (MainModule.findRoot(dir()).isEmpty() || workspaceFile().isPresent()) {
            return Set.of();
        }
        GoProject files = project();
        return MainModule.parse(files.root(), files.dir(), files.goModName(), files.goMod(), null)
                .excludes();
    }

    private ProjectGraph graph;

    /** Returns the project's module graph (read once), or null outside a module. */
    private synchronized ProjectGraph moduleGraph() throws IOException {
        if (graph == null && MainModule.findRoot(dir()).isPresent()) {
            graph = ProjectGraph.load(this);
        }
        return graph;
    }

    /** The version the project selects for {@code path}, for {@code upgrade} and {@code patch}. */
    private String selected(String target, String path) throws IOException {
        ProjectGraph g = moduleGraph();
        if (g == null) {
            throw new IllegalArgumentException("cannot match " + GoStrings.quote(target)
                    + ": go.mod file not found in current directory or any parent directory; see 'go help modules'");
        }
        return g.graph().selected(path);
    }

    private int report(List<Result> results) {
        PrintWriter out = out();
        PrintWriter err = err();
        int code = ExitCodes.OK;
        int failed = 0;
        for (Result result : results) {
            if (json) {
                JsonOutput.print(out, result.json());
            } else if (result.error() == null) {
                out.println(result.module() + " " + result.version() + " "
                        + result.json().get("Sum"));
            }
            if (result.error() != null) {
                failed++;
                code = ExitCodes.worst(code, result.code());
                if (!json) {
                    err.println("holdfast: " + result.error());
                }
            }
        }
        if (!json && !quiet() && results.size() > 1) {
            err.printf(
                    "holdfast: fetched %d of %d module versions%s%n",
                    results.size() - failed, results.size(), failed == 0 ? "" : "; " + failed + " failed");
        }
        return code;
    }
}
