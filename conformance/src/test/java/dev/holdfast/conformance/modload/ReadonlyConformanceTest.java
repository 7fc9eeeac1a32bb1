package dev.holdfast.conformance.modload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.universe.ModuleSpec;
import dev.holdfast.conformance.universe.Universe;
import dev.holdfast.conformance.universe.UniverseGenerator;
import dev.holdfast.dirhash.DirHash;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast list} against {@code go list -m all} with the go command's default {@code -mod=readonly}
 * (no {@code -mod} in GOFLAGS), where the go command refuses what {@code -mod=mod} would repair: a
 * dependency's go.mod whose hash go.sum lacks ({@code missing go.sum entry for go.mod file}), and a go.mod
 * it would have to rewrite ({@code updates to go.mod needed}). Each seeded universe is tried as generated
 * (untidy roots, excluded requirements, toolchain lines), without go.sum, with a go.sum holding every
 * go.mod hash, with one needed line taken out, as the go command's {@code -mod=mod} run rewrote it, and that
 * rewritten go.mod with a redundant toolchain line or a second requirement on a path. Both must succeed
 * with the same list, or both fail with the same message (Holdfast with exit code 2), and go.mod is left
 * as it was.
 */
class ReadonlyConformanceTest {

    private static final int UNIVERSES = Integer.getInteger("readonlyUniverses", 60);
    private static final long FIRST_SEED = 12_000;
    private static final int PARALLEL = 3;
    private static final Pattern GO_LINE = Pattern.compile("(?m)^go (\\S+)$");
    private static final Pattern REQUIRE = Pattern.compile("(?m)^(?:require |\t)(\\S+) (v\\S+)(?: // indirect)?$");

    @TempDir
    Path tmp;

    /** The outcome of one universe: comparisons made, those that agreed, how many the go command refused. */
    private record Tally(int compared, int agreed, int goFailed, List<String> problems) {}

    @Test
    @Timeout(600)
    void listUnderReadonly_equalsGoCommand() throws Exception {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        int compared = 0;
        int agreed = 0;
        int goFailed = 0;
        List<String> problems = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            List<Future<Tally>> futures = new ArrayList<>();
            for (long seed = FIRST_SEED; seed < FIRST_SEED + UNIVERSES; seed++) {
                long s = seed;
                futures.add(pool.submit(() -> universe(sandbox, s)));
            }
            for (Future<Tally> f : futures) {
                Tally t = f.get();
                compared += t.compared();
                agreed += t.agreed();
                goFailed += t.goFailed();
                problems.addAll(t.problems());
            }
        }
        ConformanceReport.record(
                "modload",
                "holdfast list vs go list -m all under -mod=readonly (go.sum and go.mod variants)",
                compared,
                agreed);
        // The variants are there to make the go command refuse: most of them must.
        assertThat(goFailed).as("comparisons where the go command failed").isGreaterThan(compared / 3);
        assertThat(goFailed).as("comparisons where the go command succeeded").isLessThan(compared - compared / 6);
        assertThat(problems).isEmpty();
    }

    /**
     * Where a vendor directory was not used, or {@code -mod=readonly} was asked for, the go command's
     * refusal says so: a go line before 1.14 or none, a {@code vendor/modules.txt} made for a workspace, an
     * explicit {@code -mod}. Each go.mod has a toolchain line before Go 1.21, which the go command would drop.
     */
    @Test
    @Timeout(120)
    void refusalSaysWhyTheVendorDirectoryWasNotUsed() throws IOException {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        Universe u = UniverseGenerator.generate(FIRST_SEED);
        Path proxy = tmp.resolve("vendor-proxy");
        u.writeProxy(proxy);
        String body = GO_LINE.matcher(u.main().goMod()).replaceAll("").replaceAll("(?m)^toolchain .*$", "");
        record Case(String name, String goLine, String modulesTxt, String goflags) {}
        List<Case> cases = List.of(
                new Case("go 1.13 and a vendor directory", "go 1.13\n", null, ""),
                new Case("no go line and a vendor directory", "", null, ""),
                new Case("a vendor directory made for a workspace", "go 1.22\n", "## workspace\n", ""),
                new Case("-mod=readonly asked for", "go 1.13\n", null, "-mod=readonly"),
                new Case("-mod=readonly asked for, vendor directory for a module", "go 1.22\n", "", "-mod=readonly"));
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (Case c : cases) {
            Universe.Layout layout = new Universe.Layout(proxy, tmp.resolve("vendor-" + n++));
            u.writeMain(layout.main());
            Files.writeString(layout.main().resolve("go.mod"), body + "\n" + c.goLine() + "\ntoolchain go1.20\n");
            Files.writeString(layout.main().resolve("go.sum"), everyGoModSum(u));
            Files.createDirectories(layout.main().resolve("vendor"));
            if (c.modulesTxt() != null) {
                Files.writeString(layout.main().resolve("vendor/modules.txt"), c.modulesTxt());
            }
            Commands.Outcome holdfast = Commands.holdfast(
                    layout,
                    tmp.resolve("vendor-hfcache"),
                    Map.of("GOFLAGS", c.goflags()),
                    Commands.in(layout.main(), "list"));
            Commands.Outcome go = Commands.go(
                    sandbox,
                    layout,
                    tmp.resolve("vendor-gocache"),
                    layout.main(),
                    Map.of("GOFLAGS", (c.goflags() + " -modcacherw").strip()),
                    "list",
                    "-m",
                    "all");
            String problem = go.exitCode() == 0 ? "the go command succeeded" : Commands.difference(go, holdfast);
            if (!problem.isEmpty()) {
                problems.add(c.name() + ": " + problem);
            }
        }
        ConformanceReport.record(
                "modload",
                "holdfast list vs go list -m all: why -mod=readonly (vendor directory not used, -mod asked for)",
                cases.size(),
                cases.size() - problems.size());
        assertThat(problems).isEmpty();
    }

    /** A {@code -mod} the go command does not know is refused before anything is loaded, in its words. */
    @Test
    @Timeout(60)
    void unknownModFlag_refusedAsGoListRefusesIt() throws IOException {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        Universe u = UniverseGenerator.generate(FIRST_SEED);
        Universe.Layout layout = u.write(tmp.resolve("unknown-mod"));
        Map<String, String> flags = Map.of("GOFLAGS", "-mod=vendored -modcacherw");
        Commands.Outcome holdfast =
                Commands.holdfast(layout, tmp.resolve("unknown-hfcache"), flags, Commands.in(layout.main(), "list"));
        Commands.Outcome go =
                Commands.go(sandbox, layout, tmp.resolve("unknown-gocache"), layout.main(), flags, "list", "-m", "all");
        String problem = go.exitCode() == 0 ? "the go command succeeded" : Commands.difference(go, holdfast);
        ConformanceReport.record(
                "modload", "holdfast list vs go list -m all: an unknown -mod in GOFLAGS", 1, problem.isEmpty() ? 1 : 0);
        assertThat(problem).isEmpty();
    }

    private Tally universe(GoToolchain.Sandbox sandbox, long seed) throws IOException {
        Universe u = UniverseGenerator.generate(seed);
        Path root = tmp.resolve("u" + seed);
        Path proxy = root.resolve("proxy");
        u.writeProxy(proxy);
        String fullSum = everyGoModSum(u);
        // What the go command writes with -mod=mod: the repaired go.mod and the go.sum lines it needed.
        Universe.Layout repaired = new Universe.Layout(proxy, root.resolve("repaired"));
        u.writeMain(repaired.main());
        Commands.Outcome fix =
                Commands.go(sandbox, repaired, root.resolve("gocache"), repaired.main(), "list", "-m", "all");
        String generated = u.main().goMod();
        String rewritten = Files.readString(repaired.main().resolve("go.mod"));
        List<String> needed = lines(repaired.main().resolve("go.sum"));

        Map<String, String[]> variants = new LinkedHashMap<>(); // name -> go.mod, go.sum (null: none)
        variants.put("as generated, no go.sum", new String[] {generated, null});
        variants.put("as generated, every go.mod hash", new String[] {generated, fullSum});
        if (fix.exitCode() == 0) {
            variants.put("as -mod=mod rewrote it, every go.mod hash", new String[] {rewritten, fullSum});
            Random random = new Random(seed);
            if (!needed.isEmpty()) {
                String dropped = needed.get(random.nextInt(needed.size()));
                String less = String.join(
                        "",
                        fullSum.lines()
                                .filter(l -> !l.equals(dropped))
                                .map(l -> l + "\n")
                                .toList());
                variants.put("as generated, without " + dropped, new String[] {generated, less});
                variants.put("as -mod=mod rewrote it, without " + dropped, new String[] {rewritten, less});
            }
            Matcher go = GO_LINE.matcher(rewritten);
            if (go.find()) {
                variants.put(
                        "rewritten, toolchain line of its own go version",
                        new String[] {rewritten + "\ntoolchain go" + go.group(1) + "\n", fullSum});
            }
            Matcher req = REQUIRE.matcher(rewritten);
            if (req.find()) {
                List<String> others = u.versions(req.group(1)).stream()
                        .filter(v -> !v.equals(req.group(2)))
                        .toList();
                if (!others.isEmpty()) {
                    String other = others.get(random.nextInt(others.size()));
                    variants.put(
                            "rewritten, " + req.group(1) + " also at " + other,
                            new String[] {rewritten + "\nrequire " + req.group(1) + " " + other + "\n", fullSum});
                }
            }
        }
        int compared = 0;
        int agreed = 0;
        int goFailed = 0;
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String[]> v : variants.entrySet()) {
            Universe.Layout layout = new Universe.Layout(proxy, root.resolve("v" + n++));
            u.writeMain(layout.main());
            Path goMod = layout.main().resolve("go.mod");
            Files.writeString(goMod, v.getValue()[0]);
            if (v.getValue()[1] != null) {
                Files.writeString(layout.main().resolve("go.sum"), v.getValue()[1]);
            }
            byte[] before = Files.readAllBytes(goMod);
            Commands.Outcome holdfast = Commands.holdfast(
                    layout, root.resolve("hfcache"), Map.of("GOFLAGS", ""), Commands.in(layout.main(), "list"));
            String problem = Arrays.equals(before, Files.readAllBytes(goMod)) ? "" : "holdfast changed go.mod";
            Commands.Outcome go = Commands.go(
                    sandbox,
                    layout,
                    root.resolve("gocache"),
                    layout.main(),
                    Map.of("GOFLAGS", "-modcacherw"),
                    "list",
                    "-m",
                    "all");
            goFailed += go.exitCode() != 0 ? 1 : 0;
            if (problem.isEmpty()) {
                problem = Commands.difference(go, holdfast);
            }
            compared++;
            if (problem.isEmpty()) {
                agreed++;
            } else {
                problems.add("seed " + seed + ", " + v.getKey() + ": " + problem + "\n--- go.mod:\n" + v.getValue()[0]);
            }
        }
        return new Tally(compared, agreed, goFailed, problems);
    }

    /** Returns a go.sum with the {@code /go.mod} hash of every module version the universe's proxy serves. */
    private static String everyGoModSum(Universe u) {
        StringBuilder b = new StringBuilder();
        for (ModuleSpec m : u.modules()) {
            if (!u.missing().contains(m.id())) {
                String h1 = DirHash.hashGoMod(m.goMod().getBytes(StandardCharsets.UTF_8));
                b.append(m.path())
                        .append(' ')
                        .append(m.version())
                        .append("/go.mod ")
                        .append(h1)
                        .append('\n');
            }
        }
        return b.toString();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
