package dev.holdfast.cli;

import dev.holdfast.fetch.GoSumVerifier;
import dev.holdfast.fetch.RevInfo;
import dev.holdfast.fetch.Verifier;
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
            "VERSION may be a canonical version (v1.2.3), `latest`, or any query the proxy",
            "resolves. When the project directory (-C) has a go.sum, downloads are checked",
            "against it; hashes it does not record are checked against the checksum",
            "database (GOSUMDB, unless off or the module matches GONOSUMDB/GOPRIVATE)."
        },
        footer = {
            "",
            "Exit codes: 0 all fetched; 1 a download failed verification; 2 bad input",
            "(malformed path or version, unknown module or version); " + Help.UNAVAILABLE + "."
        })
final class FetchCommand extends ProjectCommand {
    @Parameters(arity = "1..*", paramLabel = "MODULE@VERSION", description = "Module versions to fetch.")
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
        List<Result> results;
        try (Progress progress = Progress.start("fetch", targets.size(), json || quiet(), terminal(), err())) {
            results = ParallelWork.map(targets, target -> {
                Result result = fetch(stack, target);
                // The reason of a failure is reported once, with the results.
                progress.step(result.error() == null ? result.module() + " " + result.version() : target + " failed");
                return result;
            });
        }
        return report(results);
    }

    /** The outcome for one target; {@code error} and {@code code} are set when it failed. */
    private record Result(
            String module, String version, String query, Map<String, Object> json, String error, int code) {}

    private Result fetch(SourceStack<DiskStore> stack, String target) {
        int at = target.indexOf('@');
        String path = at < 0 ? target : target.substring(0, at);
        String query = at < 0 ? "" : target.substring(at + 1);
        try {
            if (at < 0 || query.isEmpty()) {
                throw new IllegalArgumentException("malformed module query \"" + target
                        + "\": want MODULE@VERSION, for example " + path + "@latest");
            }
            ModulePath.check(path);
            RevInfo info = DownloadQuery.resolve(stack.source(), path, query);
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
