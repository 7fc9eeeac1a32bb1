package dev.holdfast.conformance.modload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.universe.MainSpec;
import dev.holdfast.conformance.universe.ModuleSpec;
import dev.holdfast.conformance.universe.Universe;
import dev.holdfast.conformance.universe.UniverseGenerator;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated universes broken on purpose, one way each: {@code holdfast graph} and {@code holdfast list}
 * must fail when the go command fails, with exit code 2 (bad input) and the go command's message, and
 * leave go.mod as it was. The go command's last error line is compared with Holdfast's message.
 */
class BrokenUniverseConformanceTest {

    private static final int SEEDS_PER_KIND = 10;
    private static final long FIRST_SEED = 9_000;

    @TempDir
    Path tmp;

    /** One way of breaking a universe; {@code exact} says whether Holdfast words the failure as go does. */
    private record Breakage(String name, boolean exact, UnaryOperator<Universe> apply, String appendToGoMod) {}

    private static List<Breakage> breakages() {
        return List.of(
                new Breakage("main go.mod does not parse", true, u -> u, "foo bar\n"),
                new Breakage(
                        "unknown module",
                        true,
                        u -> requireAlso(u, new ModuleVersion("example.com/nosuch", "v1.0.0")),
                        ""),
                new Breakage("nonexistent version", true, u -> requireAlso(u, highestPlusOne(u)), ""),
                new Breakage(
                        "missing replacement directory", true, BrokenUniverseConformanceTest::missingDirectory, ""),
                new Breakage("module path mismatch", true, BrokenUniverseConformanceTest::wrongPath, ""),
                new Breakage("conflicting replacements", true, BrokenUniverseConformanceTest::conflictingReplaces, ""),
                new Breakage(
                        "dependency go.mod does not parse", false, BrokenUniverseConformanceTest::unparsableRoot, ""));
    }

    /** One comparison: whether the go command failed, and what was wrong ("" if nothing). */
    private record Verdict(boolean goFailed, String problem) {}

    @Test
    @Timeout(300)
    void brokenUniverses_failLikeTheGoCommand() throws Exception {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        List<String> problems = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            for (Breakage b : breakages()) {
                List<Future<Verdict>> verdicts = new ArrayList<>();
                for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS_PER_KIND; seed++) {
                    Universe u = b.apply().apply(UniverseGenerator.generate(seed));
                    Path root = tmp.resolve(b.name().replace(' ', '-') + "-" + seed);
                    for (String command : List.of("graph", "list")) {
                        long s = seed;
                        verdicts.add(pool.submit(() -> {
                            Verdict v = compare(sandbox, u, b, root.resolve(command), command);
                            String where = b.name() + ", seed " + s + ", " + command + ": ";
                            return v.problem().isEmpty() ? v : new Verdict(v.goFailed(), where + v.problem());
                        }));
                    }
                }
                int agreed = 0;
                int goFailed = 0;
                for (Future<Verdict> f : verdicts) {
                    Verdict v = f.get();
                    agreed += v.problem().isEmpty() ? 1 : 0;
                    goFailed += v.goFailed() ? 1 : 0;
                    if (!v.problem().isEmpty()) {
                        problems.add(v.problem());
                    }
                }
                ConformanceReport.record(
                        "modload", "broken universes, " + b.name() + " (graph and list)", verdicts.size(), agreed);
                if (goFailed < verdicts.size() / 2) {
                    problems.add(b.name() + ": the go command failed in only " + goFailed + " of " + verdicts.size());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noGoMod_notFoundAsGoSays() throws IOException {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        Universe.Layout layout =
                new Universe.Layout(tmp.resolve("proxy"), Files.createDirectories(tmp.resolve("empty")));

        Commands.Outcome go = Commands.go(sandbox, layout, tmp.resolve("gocache"), layout.main(), "mod", "graph");
        Commands.Outcome holdfast =
                Commands.holdfast(layout, tmp.resolve("hfcache"), Commands.in(layout.main(), "graph"));

        ConformanceReport.record(
                "modload", "no go.mod (graph)", 1, go.comparable().equals(holdfast.comparable()) ? 1 : 0);
        assertThat(go.exitCode()).isNotZero();
        assertThat(holdfast.exitCode()).isEqualTo(2);
        assertThat(holdfast.error()).isEqualTo(go.error());
    }

    /**
     * A dependency's go.mod that does not parse, already in the module cache (the go command stores what
     * the proxy sent and fails only when it parses it): with the network off, both read it from the
     * cache, check its hash only, and fail at parsing it with the same message (Holdfast with exit code 2,
     * bad input, as for the other breakages worded as go words them).
     */
    @Test
    @Timeout(120)
    void dependencyGoModThatDoesNotParse_inTheModuleCache_failsAsTheGoCommandDoes() throws IOException {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        int agreed = 0;
        List<String> problems = new ArrayList<>();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + 3; seed++) {
            Universe u = unparsableRoot(UniverseGenerator.generate(seed));
            Universe.Layout layout = u.write(tmp.resolve("cached-" + seed));
            Path cache = tmp.resolve("cached-" + seed + "-modcache");
            ModuleVersion broken = u.main().requires().getFirst().module();
            Commands.go(sandbox, layout, cache, layout.main(), "list", "-m", "all"); // fills the cache, fails
            Path mod = cache.resolve("cache/download")
                    .resolve(dev.holdfast.module.ModulePath.escape(broken.path()))
                    .resolve("@v/" + broken.version() + ".mod");
            assertThat(mod)
                    .as("the go command stored the go.mod it could not parse")
                    .exists();

            Map<String, String> offline = Map.of("GOPROXY", "off");
            Commands.Outcome go = Commands.go(sandbox, layout, cache, layout.main(), offline, "list", "-m", "all");
            Commands.Outcome holdfast = Commands.holdfast(layout, cache, offline, Commands.in(layout.main(), "list"));
            if (go.exitCode() != 0
                    && holdfast.exitCode() == 2
                    && holdfast.error().equals(go.error())) {
                agreed++;
            } else {
                problems.add("seed " + seed + ": go exited " + go.exitCode() + ": " + go.error() + "\nholdfast exited "
                        + holdfast.exitCode() + ": " + holdfast.stderr());
            }
        }
        ConformanceReport.record("modload", "dependency go.mod that does not parse, from the module cache", 3, agreed);
        assertThat(problems).isEmpty();
    }

    /** A requirement appended to the main go.mod, and the environment both run in. */
    private record Unresolvable(String line, Map<String, String> env) {}

    /**
     * A version in the main go.mod that is not canonical makes both resolve it with a version query
     * (cmd/go fixVersion); when that fails, the failure is worded by x/mod's go.mod parser: {@code
     * require P: ...} for a module error (a version list that cannot be read, a revision that does not
     * exist), the bare message for a query that matches nothing and for {@code GOPROXY=off}.
     */
    @Test
    @Timeout(120)
    void nonCanonicalVersionsThatCannotBeResolved_failAsTheGoCommandDoes() throws IOException {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        int compared = 0;
        int agreed = 0;
        List<String> problems = new ArrayList<>();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + 2; seed++) {
            Universe u = UniverseGenerator.generate(seed);
            String known = u.main().requires().getFirst().module().path();
            List<Unresolvable> cases = List.of(
                    new Unresolvable("require example.com/nosuch v1.0\n", Map.of()),
                    new Unresolvable("require " + known + " v99.99\n", Map.of()),
                    new Unresolvable("require " + known + " master\n", Map.of()),
                    new Unresolvable("require example.com/nosuch v1.0\n", Map.of("GOPROXY", "off")));
            int n = 0;
            for (Unresolvable c : cases) {
                Universe.Layout layout = u.write(tmp.resolve("noncanonical-" + seed + "-" + n++));
                Files.writeString(layout.main().resolve("go.mod"), c.line(), StandardOpenOption.APPEND);
                Path cache = layout.main().resolveSibling("modcache");
                Commands.Outcome go = Commands.go(sandbox, layout, cache, layout.main(), c.env(), "list", "-m", "all");
                Commands.Outcome holdfast =
                        Commands.holdfast(layout, cache, c.env(), Commands.in(layout.main(), "list"));
                compared++;
                if (go.exitCode() != 0
                        && holdfast.exitCode() == 2
                        && holdfast.error().equals(go.error())) {
                    agreed++;
                } else {
                    problems.add("seed " + seed + ", " + c.line().strip() + " " + c.env() + ": go exited "
                            + go.exitCode() + ": " + go.error() + "\nholdfast exited " + holdfast.exitCode() + ": "
                            + holdfast.stderr());
                }
            }
        }
        ConformanceReport.record("modload", "non-canonical versions that cannot be resolved", compared, agreed);
        assertThat(problems).isEmpty();
    }

    /** Runs go and Holdfast on {@code u} broken by {@code b}; returns what was wrong, or "". */
    private static Verdict compare(GoToolchain.Sandbox sandbox, Universe u, Breakage b, Path root, String command)
            throws IOException {
        Universe.Layout layout = u.write(root);
        Path goMod = layout.main().resolve("go.mod");
        Files.writeString(goMod, b.appendToGoMod(), StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(goMod);
        Commands.Outcome holdfast =
                Commands.holdfast(layout, root.resolve("hfcache"), Commands.in(layout.main(), command));
        if (!Arrays.equals(before, Files.readAllBytes(goMod))) {
            return new Verdict(false, "holdfast changed go.mod");
        }
        // The same directory for the go command, after Holdfast: the go command may rewrite go.mod.
        String[] goArgs = command.equals("graph") ? new String[] {"mod", "graph"} : new String[] {"list", "-m", "all"};
        Commands.Outcome go = Commands.go(sandbox, layout, root.resolve("gocache"), layout.main(), goArgs);
        if (go.exitCode() == 0) {
            // Pruning can leave the broken part out of the graph: then both must succeed alike.
            return new Verdict(
                    false,
                    go.comparable().equals(holdfast.comparable())
                            ? ""
                            : "go succeeded:\n" + go.comparable() + "\nholdfast:\n" + holdfast.comparable());
        }
        if (holdfast.exitCode() == 0) {
            return new Verdict(true, "go failed with " + go.error() + "\nbut holdfast succeeded");
        }
        int wantCode = b.exact() ? 2 : 1;
        if (holdfast.exitCode() != wantCode) {
            return new Verdict(
                    true, "holdfast exited " + holdfast.exitCode() + ", want " + wantCode + ": " + holdfast.stderr());
        }
        if (b.exact() ? !holdfast.error().equals(go.error()) : !sameProblem(go.error(), holdfast.error())) {
            return new Verdict(
                    true, "messages differ:\n--- go:\n" + go.error() + "\n--- holdfast:\n" + holdfast.error());
        }
        return new Verdict(true, "");
    }

    /**
     * Reports whether two messages about a dependency's go.mod that does not parse name the same module and
     * the same go.mod problem: the go command says {@code parsing go.mod: PROBLEM}, Holdfast's fetch layer
     * refuses the file on download with {@code invalid go.mod from the upstream:} and the same problem.
     */
    private static boolean sameProblem(String go, String holdfast) {
        int at = go.lastIndexOf(": parsing go.mod: ");
        if (at < 0) {
            return false;
        }
        String module = go.substring(go.lastIndexOf('\t', at) + 1, at);
        String problem = go.substring(at + ": parsing go.mod: ".length());
        return holdfast.contains(module + ": invalid go.mod from the upstream:") && holdfast.contains(problem);
    }

    private static Universe requireAlso(Universe u, ModuleVersion m) {
        List<MainSpec.Require> requires = new ArrayList<>(u.main().requires());
        requires.add(new MainSpec.Require(m, false));
        return u.withMain(u.main().withRequires(requires));
    }

    /** Returns a version of the main module's first requirement's path that the universe does not have. */
    private static ModuleVersion highestPlusOne(Universe u) {
        String path = u.main().requires().getFirst().module().path();
        String major = path.endsWith("/v2") ? "v2" : "v1";
        return new ModuleVersion(path, major + ".99.0");
    }

    private static Universe missingDirectory(Universe u) {
        String path = u.main().requires().getFirst().module().path();
        List<MainSpec.Replace> replaces = new ArrayList<>();
        u.main().replaces().stream().filter(r -> !r.oldPath().equals(path)).forEach(replaces::add);
        replaces.add(new MainSpec.Replace(path, "", "./no/such/dir", ""));
        return u.withMain(u.main().withReplaces(replaces, u.main().directories()));
    }

    private static Universe conflictingReplaces(Universe u) {
        String path = u.main().requires().getFirst().module().path();
        List<MainSpec.Replace> replaces = new ArrayList<>();
        u.main().replaces().stream().filter(r -> !r.oldPath().equals(path)).forEach(replaces::add);
        replaces.add(new MainSpec.Replace(path, "", "../one", ""));
        replaces.add(new MainSpec.Replace(path, "", "../two", ""));
        return u.withMain(u.main().withReplaces(replaces, u.main().directories()));
    }

    /** The main module's first requirement, with no replacement, declares another path in its go.mod. */
    private static Universe wrongPath(Universe u) {
        return withFirstRoot(
                u,
                s -> new ModuleSpec(
                        s.path(),
                        s.version(),
                        "example.com/other",
                        s.goVersion(),
                        s.requires(),
                        s.retracts(),
                        s.listed()));
    }

    /** The main module's first requirement, with no replacement, has an unterminated require block. */
    private static Universe unparsableRoot(Universe u) {
        return withFirstRoot(
                u,
                s -> new ModuleSpec(
                        s.path(),
                        s.version(),
                        s.path() + "\n\nrequire (\n\texample.com/m99 v1.0.0\n",
                        s.goVersion(),
                        List.of(),
                        List.of(),
                        s.listed()));
    }

    private static Universe withFirstRoot(Universe u, UnaryOperator<ModuleSpec> change) {
        ModuleVersion first = u.main().requires().getFirst().module();
        MainSpec main = u.main();
        List<MainSpec.Replace> replaces = new ArrayList<>();
        main.replaces().stream().filter(r -> !r.oldPath().equals(first.path())).forEach(replaces::add);
        List<ModuleVersion> excludes =
                main.excludes().stream().filter(x -> !x.equals(first)).toList();
        MainSpec unreplaced = new MainSpec(
                main.path(),
                main.goVersion(),
                main.toolchain(),
                main.requires(),
                excludes,
                replaces,
                Map.copyOf(main.directories()));
        ModuleSpec spec = u.module(first).orElseThrow();
        return u.withMain(unreplaced).withModule(change.apply(spec));
    }
}
