package dev.holdfast.cli;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.GoSumVerifier;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.RetryPolicy;
import dev.holdfast.fetch.RevInfo;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.StoreKey;
import dev.holdfast.sum.GoSum;
import dev.holdfast.sumdb.SumdbVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdfast fetch}: module versions into the module cache, as {@code go mod download -json m@v}. */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        description = {
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
            "(malformed path or version, unknown module or version); 3 the network or",
            "every upstream was unavailable."
        })
final class FetchCommand implements Callable<Integer> {
    /** At most this many module versions are fetched at once. */
    private static final int PARALLEL = 16;

    @Parameters(arity = "1..*", paramLabel = "MODULE@VERSION", description = "Module versions to fetch.")
    private List<String> targets;

    @Option(
            names = "--json",
            description = "Print one JSON object per module with the fields of `go mod download -json`.")
    private boolean json;

    @Option(
            names = "--retry-budget",
            paramLabel = "DURATION",
            converter = GoDuration.class,
            description =
                    "How long one request may keep retrying transient failures, like 90s or 2m" + " (default: 60s).")
    private Duration retryBudget;

    @Option(
            names = "--attempt-timeout",
            paramLabel = "DURATION",
            converter = GoDuration.class,
            description = "How long one attempt may wait to connect, for an answer, or for the next byte"
                    + " of a download before it is retried, like 5s (default: 10s to connect, 30s otherwise).")
    private Duration attemptTimeout;

    @Mixin
    private CommonOptions common;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> environment;
    private final boolean terminal;

    /** Creates the command for the process environment {@code environment}; a progress bar if {@code terminal}. */
    FetchCommand(Map<String, String> environment, boolean terminal) {
        this.environment = environment;
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        common.configureLogging();
        GoEnv env = GoEnv.read(environment, dev.holdfast.fetch.GoCommand.onPath());
        SourceStack stack =
                SourceStack.of(env, verifier(env, common.dir()), Clock.systemUTC(), retryPolicy(), timeouts());
        List<Result> results = new ArrayList<>();
        PrintWriter err = spec.commandLine().getErr();
        try (Progress progress = Progress.start("fetch", targets.size(), json || common.quiet(), terminal, err);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore permits = new Semaphore(PARALLEL);
            List<Future<Result>> futures = new ArrayList<>();
            for (String target : targets) {
                futures.add(pool.submit(() -> {
                    permits.acquire();
                    try {
                        Result result = fetch(stack, target);
                        // The reason of a failure is reported once, with the results.
                        progress.step(
                                result.error() == null ? result.module() + " " + result.version() : target + " failed");
                        return result;
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Future<Result> future : futures) {
                results.add(Futures.join(future));
            }
        }
        return report(results);
    }

    private RetryPolicy retryPolicy() {
        RetryPolicy.Builder policy = RetryPolicy.builder();
        if (retryBudget != null) {
            policy.budget(retryBudget);
        }
        if (attemptTimeout != null) {
            policy.attemptTimeout(attemptTimeout);
        }
        return policy.build();
    }

    private ProxySource.Timeouts timeouts() {
        if (attemptTimeout == null) {
            return ProxySource.Timeouts.DEFAULT;
        }
        return new ProxySource.Timeouts(attemptTimeout, attemptTimeout, attemptTimeout);
    }

    /**
     * Returns the go command's checks: go.sum first, then the checksum database (unless GOSUMDB=off;
     * GONOSUMDB and GOPRIVATE modules are not looked up) for hashes go.sum does not record.
     */
    private Verifier verifier(GoEnv env, Path dir) throws IOException {
        ProxySource.Timeouts timeouts = timeouts();
        Verifier sumdb = SumdbVerifier.forEnv(env, ProxySource.newClient(timeouts), timeouts, retryPolicy())
                .<Verifier>map(v -> v)
                .orElse(Verifier.NONE);
        Path goSum = dir.resolve("go.sum");
        if (Files.exists(goSum)) {
            // The go command names the file by its base name in mismatch messages (fetch.go checkModSum).
            return new GoSumVerifier(GoSum.read(goSum), "go.sum").orElse(sumdb);
        }
        return sumdb;
    }

    /** The outcome for one target; {@code error} and {@code code} are set when it failed. */
    private record Result(
            String module, String version, String query, Map<String, Object> json, String error, int code) {}

    private Result fetch(SourceStack stack, String target) {
        int at = target.indexOf('@');
        String path = at < 0 ? target : target.substring(0, at);
        String query = at < 0 ? "" : target.substring(at + 1);
        try {
            if (at < 0 || query.isEmpty()) {
                throw new IllegalArgumentException("malformed module query \"" + target
                        + "\": want MODULE@VERSION, for example " + path + "@latest");
            }
            ModulePath.check(path);
            RevInfo info = VersionQuery.resolve(stack.source(), path, query);
            ModuleVersion mv = new ModuleVersion(path, info.version());
            byte[] mod = stack.source().mod(mv);
            stack.source().fetchZip(mv);
            return new Result(path, mv.version(), query, describe(stack, mv, query, mod), null, ExitCodes.OK);
        } catch (IOException | RuntimeException e) {
            String message = ModuleErrors.message(path, query, e);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Path", path);
            fields.put("Version", query);
            fields.put("Error", message);
            return new Result(path, query, query, fields, message, ExitCodes.of(e));
        }
    }

    private static Map<String, Object> describe(SourceStack stack, ModuleVersion mv, String query, byte[] mod)
            throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Path", mv.path());
        fields.put("Version", mv.version());
        if (!query.equals(mv.version())) {
            fields.put("Query", query);
        }
        fields.put("Info", stack.store().file(StoreKey.info(mv)).toString());
        fields.put("GoMod", stack.store().file(StoreKey.mod(mv)).toString());
        Path zip = stack.store().file(StoreKey.zip(mv));
        fields.put("Zip", zip.toString());
        stack.store().extractedDir(mv).ifPresent(dir -> fields.put("Dir", dir.toString()));
        Path ziphash = zip.resolveSibling(zip.getFileName().toString().replaceFirst("\\.zip$", ".ziphash"));
        fields.put(
                "Sum",
                Files.exists(ziphash)
                        ? Files.readString(ziphash, StandardCharsets.UTF_8).strip()
                        : DirHash.hashZip(zip));
        fields.put("GoModSum", DirHash.hashGoMod(mod));
        return fields;
    }

    private int report(List<Result> results) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
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
        if (!json && !common.quiet() && results.size() > 1) {
            err.printf(
                    "holdfast: fetched %d of %d module versions%s%n",
                    results.size() - failed, results.size(), failed == 0 ? "" : "; " + failed + " failed");
        }
        return code;
    }
}
