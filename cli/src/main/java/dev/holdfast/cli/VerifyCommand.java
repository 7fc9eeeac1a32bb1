package dev.holdfast.cli;

import dev.holdfast.fetch.GoCommand;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.RetryPolicy;
import dev.holdfast.modfile.GoModFile;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.sum.GoSum;
import dev.holdfast.sumdb.SumCheck;
import dev.holdfast.sumdb.SumdbVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code holdfast verify}: {@code go mod verify}, plus go.sum against the module cache and the checksum database. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
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
            "hashes; `all modules verified` when there is none."
        },
        footer = {
            "",
            "Exit codes: 0 nothing found; 1 findings (modified cache, go.sum lines that",
            "differ from the cache or the database, a database caught lying); 2 bad",
            "input (no go.mod, malformed go.sum or GOSUMDB); 3 the checksum database",
            "could not be reached."
        })
final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON object with what was checked and each finding.")
    private boolean json;

    @Option(
            names = "--retry-budget",
            paramLabel = "DURATION",
            converter = GoDuration.class,
            description = "How long one request to the checksum database may keep retrying transient failures,"
                    + " like 90s or 2m (default: 60s).")
    private Duration retryBudget;

    @Mixin
    private CommonOptions common;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> environment;

    /** Creates the command for the process environment {@code environment}. */
    VerifyCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        common.configureLogging();
        Path dir = common.dir();
        Path goModFile = dir.resolve("go.mod");
        if (!Files.exists(goModFile)) {
            throw new IllegalArgumentException("go.mod file not found in " + dir);
        }
        GoModFile goMod = GoModFile.parse("go.mod", GoModFile.read(goModFile), null);
        Path goSumFile = dir.resolve("go.sum");
        GoSum sums = Files.exists(goSumFile) ? GoSum.read(goSumFile) : GoSum.empty();
        GoEnv env = GoEnv.read(environment, GoCommand.onPath());
        if (env.gomodcache().isEmpty()) {
            throw new IllegalArgumentException("GOMODCACHE is not set and there is no GOPATH to put it in");
        }
        RetryPolicy.Builder retry = RetryPolicy.builder();
        if (retryBudget != null) {
            retry.budget(retryBudget);
        }
        ProxySource.Timeouts timeouts = ProxySource.Timeouts.DEFAULT;
        Optional<SumdbVerifier> db =
                SumdbVerifier.forEnv(env, ProxySource.newClient(timeouts), timeouts, retry.build());
        List<ModuleVersion> required = new ArrayList<>();
        goMod.requires().forEach(r -> required.add(r.module()));
        SumCheck.Result result = SumCheck.check(Path.of(env.gomodcache()), sums, required, db);
        report(result);
        return result.findings().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private void report(SumCheck.Result result) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("Modules", result.modules());
            doc.put("GoSumLines", result.lines());
            doc.put("Database", result.database());
            doc.put("DatabaseLines", result.databaseLines());
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
        if (!common.quiet()) {
            String database = result.database().isEmpty()
                    ? "no checksum database (GOSUMDB=off)"
                    : result.databaseLines() + " against checksum database " + result.database();
            err.printf(
                    "holdfast: %d module versions and %d go.sum lines checked (%s); %d findings%n",
                    result.modules(),
                    result.lines(),
                    database,
                    result.findings().size());
        }
    }
}
