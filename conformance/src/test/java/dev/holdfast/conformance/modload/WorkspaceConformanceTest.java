package dev.holdfast.conformance.modload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.universe.ModuleSpec;
import dev.holdfast.conformance.universe.Universe;
import dev.holdfast.conformance.universe.UniverseGenerator;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workspace mode against the go command: seeded random workspaces built from the random universes of
 * {@link UniverseConformanceTest} — the universe's main module, a local checkout of one of its
 * dependencies, sometimes a third module, and a go.work with {@code use} lines, its own go and toolchain
 * lines and replacements (by version and by directory) — where {@code holdfast list}, {@code holdfast
 * graph} and {@code holdfast list --json} must print what {@code go list -m all}, {@code go mod graph}
 * and {@code go list -m -json all} print in a workspace module's directory, or fail with the same
 * message.
 */
class WorkspaceConformanceTest {

    private static final int WORKSPACES = Integer.getInteger("workspaces", 80);
    private static final long FIRST_SEED = Long.getLong("firstSeed", 9_000);
    private static final int PARALLEL = 3;
    private static final int DOWNLOADS = Integer.getInteger("workspaceDownloads", 12);
    private static final String[] WORK_GO = {null, "1.18", "1.21", "1.22", "1.23", "1.24"};
    private static final String[] EXTRA_GO = {null, "1.16", "1.17", "1.21", "1.22"};

    @TempDir
    Path tmp;

    private record Result(
            long seed, boolean agreed, boolean goFailed, boolean replaced, String difference, OutputChecks.Tally why) {}

    @Test
    @Timeout(600)
    void listAndGraph_inWorkspaceMode_equalGoCommand() throws Exception {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        List<Result> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            List<Future<Result>> futures = new ArrayList<>();
            for (long seed = FIRST_SEED; seed < FIRST_SEED + WORKSPACES; seed++) {
                long s = seed;
                futures.add(pool.submit(() -> compare(sandbox, s)));
            }
            for (Future<Result> f : futures) {
                results.add(f.get());
            }
        }
        long agreed = results.stream().filter(Result::agreed).count();
        ConformanceReport.record(
                "modload",
                "holdfast why chains in workspace mode: shortest paths from a workspace module along go mod graph edges",
                results.stream().mapToLong(r -> r.why().compared()).sum(),
                results.stream().mapToLong(r -> r.why().agreed()).sum());
        ConformanceReport.record(
                "modload",
                "holdfast list, graph and list --json vs the go command in workspace mode (random go.work files)",
                WORKSPACES,
                agreed);
        assertThat(results.stream().filter(r -> !r.agreed()).map(Result::difference))
                .isEmpty();
        assertThat(results.stream().mapToInt(r -> r.why().compared()).sum())
                .as("why chains checked")
                .isGreaterThan(WORKSPACES * 5);
        assertThat(results.stream().filter(Result::goFailed).count())
                .as("workspaces where the go command failed")
                .isLessThan(WORKSPACES / 4);
        assertThat(results.stream().filter(r -> r.replaced() && !r.goFailed()).count())
                .as("loadable workspaces with a go.work replace")
                .isGreaterThan(WORKSPACES / 5);
    }

    @Test
    @Timeout(600)
    void download_fetchesWhatGoModDownloadFetches_andGoThenWorksOffline() throws Exception {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        int compared = 0;
        int agreed = 0;
        int zips = 0;
        List<String> differences = new ArrayList<>();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + DOWNLOADS; seed++) {
            Universe universe = UniverseGenerator.generate(seed);
            Path root = tmp.resolve("d" + seed);
            Universe.Layout layout = universe.write(root);
            writeWorkspace(universe, new Random(seed), root);
            Commands.Outcome theirs =
                    go(sandbox, layout, root.resolve("gocache"), layout.main(), "mod", "download", "-json");
            if (theirs.exitCode() != 0) {
                continue; // a workspace the go command refuses: the list test compares the refusal
            }
            compared++;
            Path hfCache = root.resolve("hfcache");
            Commands.Outcome ours = holdfast(layout, hfCache, Commands.in(layout.main(), "download", "--json"));
            Set<String> want = downloaded(theirs.stdout());
            Set<String> got = downloaded(ours.stdout());
            zips += want.size();
            GoToolchain.Run again = sandbox.run(
                    layout.main(),
                    Map.of("GOPROXY", "off", "GOMODCACHE", hfCache.toString(), "GOFLAGS", "-modcacherw", "GOWORK", ""),
                    "mod",
                    "download");
            if (ours.exitCode() == 0 && want.equals(got) && again.exitCode() == 0) {
                agreed++;
            } else {
                differences.add("seed " + seed + ": holdfast exited " + ours.exitCode() + " (" + ours.error()
                        + "), offline go mod download exited " + again.exitCode() + " ("
                        + again.stderr().strip()
                        + ")\n--- go:\n" + want + "\n--- holdfast:\n" + got);
            }
        }
        ConformanceReport.record(
                "modload",
                "holdfast download vs go mod download in workspace mode (the same zips; go then works offline)",
                compared,
                agreed);
        assertThat(differences).isEmpty();
        assertThat(compared).as("workspaces the go command downloads").isGreaterThan(DOWNLOADS / 2);
        assertThat(zips).as("zips the go command downloaded").isGreaterThan(compared * 3);
    }

    @Test
    @Timeout(300)
    void verify_findsWhatGoModVerifyFinds_inAWorkspace() throws Exception {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        int checked = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + DOWNLOADS && checked < 3; seed++) {
            Universe universe = UniverseGenerator.generate(seed);
            Path root = tmp.resolve("v" + seed);
            Universe.Layout layout = universe.write(root);
            writeWorkspace(universe, new Random(seed), root);
            Path cache = root.resolve("cache");
            Commands.Outcome download = go(sandbox, layout, cache, layout.main(), "mod", "download", "-json");
            List<com.fasterxml.jackson.databind.JsonNode> dirs = OutputChecks.objects(download.stdout()).stream()
                    .filter(n -> n.has("Dir"))
                    .toList();
            if (download.exitCode() != 0 || dirs.isEmpty()) {
                continue;
            }
            checked++;
            Commands.Outcome goClean = go(sandbox, layout, cache, layout.main(), "mod", "verify");
            Commands.Outcome ours = holdfast(layout, cache, Commands.in(layout.main(), "verify"));
            assertThat(goClean.stdout()).as(goClean.stderr()).isEqualTo("all modules verified\n");
            assertThat(ours.exitCode()).as(ours.stderr()).isZero();
            assertThat(ours.stdout()).isEqualTo(goClean.stdout());

            // Tamper with the last module the go command downloaded (a dependency only some module reaches).
            Path dir = Path.of(dirs.getLast().get("Dir").asText());
            Files.writeString(dir.resolve("x.go"), "package tampered\n");
            Commands.Outcome goTampered = go(sandbox, layout, cache, layout.main(), "mod", "verify");
            Commands.Outcome oursTampered = holdfast(layout, cache, Commands.in(layout.main(), "verify"));
            assertThat(goTampered.exitCode()).isNotZero();
            assertThat(goTampered.stderr()).contains("dir has been modified");
            assertThat(oursTampered.exitCode()).isEqualTo(1);
            // The go command reports on standard error, Holdfast its findings on standard output.
            assertThat(oursTampered.stdout().lines().sorted().toList())
                    .isEqualTo(goTampered.stderr().lines().sorted().toList());
        }
        assertThat(checked).as("workspaces verified").isEqualTo(3);
    }

    @Test
    @Timeout(300)
    void down_inAWorkspace_editsTheModuleAsGoGetDoes() throws Exception {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        int compared = 0;
        List<String> differences = new ArrayList<>();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + 60 && compared < 8; seed++) {
            Universe universe = UniverseGenerator.generate(seed);
            Random random = new Random(seed);
            Path root = tmp.resolve("g" + seed);
            Universe.Layout layout = universe.write(root);
            writeWorkspace(universe, random, root);
            if (go(sandbox, layout, root.resolve("gocache"), layout.main(), "list", "-m", "all")
                            .exitCode()
                    != 0) {
                continue;
            }
            String target = lowerTarget(universe, random);
            if (target == null) {
                continue;
            }
            compared++;
            Path ours = copyWorkspace(root, root.resolve("hf-ws"));
            Path theirs = copyWorkspace(root, root.resolve("go-ws"));
            Commands.Outcome got = holdfast(
                    layout,
                    root.resolve("hfcache"),
                    "down",
                    target,
                    "-C",
                    ours.resolve("main").toString());
            Commands.Outcome want = go(sandbox, layout, root.resolve("gocache"), theirs.resolve("main"), "get", target);
            boolean same = (got.exitCode() == 0) == (want.exitCode() == 0)
                    && Files.readString(ours.resolve("main/go.mod"))
                            .equals(Files.readString(theirs.resolve("main/go.mod")))
                    && Files.readString(ours.resolve("go.work")).equals(Files.readString(theirs.resolve("go.work")));
            if (!same) {
                differences.add("seed " + seed + " " + target + ": go exited " + want.exitCode() + " (" + want.error()
                        + "), holdfast " + got.exitCode() + " (" + got.error() + ")\n--- go:\n"
                        + Files.readString(theirs.resolve("main/go.mod")) + "--- holdfast:\n"
                        + Files.readString(ours.resolve("main/go.mod")));
            }
        }
        ConformanceReport.record(
                "down",
                "holdfast down M@V vs go get M@V in a workspace module (go.mod and go.work after)",
                compared,
                compared - differences.size());
        assertThat(differences).isEmpty();
        assertThat(compared).as("downgrades compared").isGreaterThanOrEqualTo(5);
    }

    @Test
    @Timeout(300)
    void status_reportsUpdatesAndRetractionsAsGoListDoesInTheWorkspace() throws Exception {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        int compared = 0;
        int modules = 0;
        List<String> differences = new ArrayList<>();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + 30 && compared < 10; seed++) {
            Universe universe = UniverseGenerator.generate(seed);
            Path root = tmp.resolve("s" + seed);
            Universe.Layout layout = universe.write(root);
            writeWorkspace(universe, new Random(seed), root);
            Commands.Outcome go = go(
                    sandbox,
                    layout,
                    root.resolve("gocache"),
                    layout.main(),
                    "list",
                    "-m",
                    "-u",
                    "-retracted",
                    "-json",
                    "all");
            if (go.exitCode() != 0) {
                continue;
            }
            compared++;
            Commands.Outcome ours =
                    holdfast(layout, root.resolve("hfcache"), Commands.in(layout.main(), "status", "--json"));
            Map<String, String> theirs = new java.util.TreeMap<>();
            for (var m : OutputChecks.objects(go.stdout())) {
                if (!m.path("Main").asBoolean()) {
                    theirs.put(m.get("Path").asText(), statusFields(m));
                }
            }
            Map<String, String> mine = new java.util.TreeMap<>();
            for (var m : OutputChecks.objects(ours.stdout()).getFirst().path("Modules")) {
                mine.put(m.get("Path").asText(), statusFields(m));
            }
            modules += theirs.size();
            if (ours.exitCode() != 0 || !mine.equals(theirs)) {
                differences.add("seed " + seed + ": holdfast exited " + ours.exitCode() + " " + ours.error()
                        + "\n--- go:\n" + theirs + "\n--- holdfast:\n" + mine);
            }
        }
        ConformanceReport.record(
                "degraded",
                "holdfast status --json vs go list -m -u -retracted -json all in workspace mode (workspaces)",
                compared,
                compared - differences.size());
        assertThat(differences).isEmpty();
        assertThat(compared).isGreaterThanOrEqualTo(8);
        assertThat(modules).as("modules compared").isGreaterThan(compared * 3);
    }

    @Test
    @Timeout(300)
    void drift_inAWorkspace_checksEachModuleOnItsOwn_namingFilesFromTheGoWork() throws Exception {
        int findings = 0;
        int checked = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + 30 && checked < 3; seed++) {
            Universe universe = UniverseGenerator.generate(seed);
            Path root = tmp.resolve("f" + seed);
            Universe.Layout layout = universe.write(root);
            writeWorkspace(universe, new Random(seed), root);
            Path cache = root.resolve("hfcache");
            if (holdfast(layout, cache, Commands.in(layout.main(), "list")).exitCode() != 0) {
                continue; // a workspace the go command refuses too (the list test compares the refusals)
            }
            checked++;
            Commands.Outcome whole =
                    holdfast(layout, cache, Commands.in(root, "drift", "--format", "json", "--fail-on", "none"));
            assertThat(whole.exitCode()).as(whole.stderr()).isZero();
            List<String> want = new ArrayList<>();
            for (String module : List.of("main", "dep", "extra")) {
                if (!Files.isDirectory(root.resolve(module))) {
                    continue;
                }
                Commands.Outcome one = holdfast(
                        layout,
                        cache,
                        Commands.in(root.resolve(module), "drift", "--format", "json", "--fail-on", "none"),
                        Map.of("GOWORK", "off"));
                assertThat(one.exitCode()).as(one.stderr()).isZero();
                for (var f : OutputChecks.objects(one.stdout()).getFirst().path("Findings")) {
                    want.add(module + "/" + f.path("File").asText() + ":"
                            + f.path("Line").asInt() + " " + f.path("Kind").asText() + " "
                            + f.path("Message").asText());
                }
            }
            List<String> got = new ArrayList<>();
            for (var f : OutputChecks.objects(whole.stdout()).getFirst().path("Findings")) {
                got.add(f.path("File").asText() + ":" + f.path("Line").asInt() + " "
                        + f.path("Kind").asText() + " " + f.path("Message").asText());
            }
            assertThat(got).containsExactlyInAnyOrderElementsOf(want);
            findings += got.size();
        }
        assertThat(checked).isEqualTo(3);
        assertThat(findings).as("findings compared").isGreaterThan(5);
    }

    private static String statusFields(com.fasterxml.jackson.databind.JsonNode m) {
        return "version=" + m.path("Version").asText() + " update="
                + m.path("Update").path("Version").asText()
                + " retracted=" + m.path("Retracted") + " deprecated="
                + m.path("Deprecated").asText() + " error="
                + m.path("Error").path("Err").asText();
    }

    /** Returns {@code path@version} for a version below one the main module requires, or null if there is none. */
    private static String lowerTarget(Universe universe, Random random) {
        List<String> candidates = new ArrayList<>();
        for (var r : universe.main().requires()) {
            for (String v : universe.versions(r.module().path())) {
                if (dev.holdfast.semver.Semver.compare(v, r.module().version()) < 0) {
                    candidates.add(r.module().path() + "@" + v);
                }
            }
        }
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    /** Copies the workspace under {@code root} (go.work and the module directories) to {@code to}. */
    private static Path copyWorkspace(Path root, Path to) throws IOException {
        Files.createDirectories(to);
        Files.copy(root.resolve("go.work"), to.resolve("go.work"));
        for (String dir : List.of("main", "dep", "extra", "replaced")) {
            Path from = root.resolve(dir);
            if (!Files.isDirectory(from)) {
                continue;
            }
            try (var files = Files.walk(from)) {
                for (Path f : files.toList()) {
                    Path target = to.resolve(dir).resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
        }
        return to;
    }

    /** Returns {@code path@version} of every object of {@code go mod download -json} output without an Error. */
    private static Set<String> downloaded(String json) {
        Set<String> out = new java.util.TreeSet<>();
        for (com.fasterxml.jackson.databind.JsonNode n : OutputChecks.objects(json)) {
            if (n.has("Path") && n.has("Version") && !n.has("Error")) {
                out.add(n.get("Path").asText() + "@" + n.get("Version").asText());
            }
        }
        return out;
    }

    private Result compare(GoToolchain.Sandbox sandbox, long seed) {
        try {
            Universe universe = UniverseGenerator.generate(seed);
            Random random = new Random(seed);
            Path root = tmp.resolve("w" + seed);
            Universe.Layout layout = universe.write(root);
            boolean replaced = writeWorkspace(universe, random, root);
            Path goCache = root.resolve("gocache");
            Path hfCache = root.resolve("hfcache");
            StringBuilder difference = new StringBuilder();
            boolean goFailed = false;
            Map<String, String> outputs = new HashMap<>();
            for (String[] args :
                    List.of(new String[] {"list", "-m", "all"}, new String[] {"mod", "graph"}, new String[] {
                        "list", "-m", "-json", "all"
                    })) {
                Commands.Outcome theirs = go(sandbox, layout, goCache, layout.main(), args);
                Commands.Outcome ours = holdfast(layout, hfCache, ours(args, layout.main()));
                goFailed |= theirs.exitCode() != 0;
                outputs.put(String.join(" ", args), theirs.stdout());
                boolean same = args.length == 4 && theirs.exitCode() == 0
                        ? OutputChecks.compareListJson(theirs.stdout(), ours.stdout(), true)
                                .isEmpty()
                        : comparable(theirs, "go: ").equals(comparable(ours, "holdfast " + ours(args, root)[0] + ": "));
                if (!same) {
                    difference
                            .append("seed ")
                            .append(seed)
                            .append(' ')
                            .append(String.join(" ", args))
                            .append(": go exited ")
                            .append(theirs.exitCode())
                            .append(", holdfast ")
                            .append(ours.exitCode())
                            .append("\n--- go:\n")
                            .append(comparable(theirs, "go: "))
                            .append("\n--- holdfast:\n")
                            .append(ours.comparable())
                            .append('\n');
                }
            }
            OutputChecks.Tally why = goFailed
                    ? new OutputChecks.Tally(0, 0, List.of())
                    : checkWhy(layout, hfCache, outputs.get("mod graph"), outputs.get("list -m all"));
            why.problems().forEach(p -> difference
                    .append("seed ")
                    .append(seed)
                    .append(' ')
                    .append(p)
                    .append('\n'));
            if (!difference.isEmpty()) {
                difference.append("go.work:\n").append(Files.readString(root.resolve("go.work")));
            }
            return new Result(seed, difference.isEmpty(), goFailed, replaced, difference.toString(), why);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks holdfast why every module of go's build list but the workspace's is needed, and checks the chains. */
    private static OutputChecks.Tally checkWhy(Universe.Layout layout, Path hfCache, String goGraph, String goList) {
        List<String> args = new ArrayList<>(List.of("why", "--json"));
        Set<String> mains = new HashSet<>();
        goList.lines().map(l -> l.split(" ")).forEach(f -> (f.length == 1 ? mains : args).add(f[0]));
        if (args.size() == 2) {
            return new OutputChecks.Tally(0, 0, List.of());
        }
        Commands.Outcome why = holdfast(layout, hfCache, Commands.in(layout.main(), args.toArray(String[]::new)));
        return OutputChecks.checkWhy(goGraph, goList, why.stdout(), mains);
    }

    /**
     * Writes a go.work at {@code root} using the universe's main module (in {@code main}), a checkout of
     * one of its dependencies (in {@code dep}) and sometimes a third module (in {@code extra}), with
     * replacements; returns whether the go.work replaces anything.
     */
    private static boolean writeWorkspace(Universe universe, Random random, Path root) throws IOException {
        List<String> paths = universe.paths();
        List<String> uses = new ArrayList<>(List.of("./main"));
        String depPath = paths.get(random.nextInt(paths.size()));
        List<String> depVersions = universe.versions(depPath);
        ModuleSpec checkout = universe.module(new ModuleVersion(depPath, depVersions.getLast()))
                .orElseThrow();
        writeModule(root.resolve("dep"), checkout.goMod(), checkout.packageName());
        uses.add("./dep");
        List<String> goVersions = new ArrayList<>();
        goVersions.add(universe.main().goVersion());
        goVersions.add(checkout.goVersion());
        if (random.nextBoolean()) {
            String go = EXTRA_GO[random.nextInt(EXTRA_GO.length)];
            StringBuilder mod = new StringBuilder("module example.com/extra\n");
            if (go != null) {
                mod.append("\ngo ").append(go).append('\n');
            }
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                String p = paths.get(random.nextInt(paths.size()));
                List<String> vs = universe.versions(p);
                mod.append("\nrequire ")
                        .append(p)
                        .append(' ')
                        .append(vs.get(random.nextInt(vs.size())))
                        .append(random.nextBoolean() ? " // indirect\n" : "\n");
            }
            writeModule(root.resolve("extra"), mod.toString(), "extra");
            uses.add(random.nextBoolean() ? "extra" : "./extra/");
            goVersions.add(go);
        }
        String workGo = WORK_GO[random.nextInt(WORK_GO.length)];
        if (random.nextInt(8) != 0) { // now and then too old for a module, which the go command refuses
            for (String go : goVersions) {
                if (go != null && (workGo == null || compareGo(go, workGo) > 0)) {
                    workGo = go;
                }
            }
        }
        StringBuilder work = new StringBuilder();
        if (workGo != null) {
            work.append("go ").append(workGo).append("\n\n");
        }
        if (random.nextInt(5) == 0) {
            work.append("toolchain go1.25.1\n\n");
        }
        work.append("use (\n");
        uses.forEach(u -> work.append('\t').append(u).append('\n'));
        work.append(")\n");
        boolean replaced = false;
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            String p = paths.get(random.nextInt(paths.size()));
            List<String> vs = universe.versions(p);
            String target = vs.get(random.nextInt(vs.size()));
            if (random.nextBoolean()) {
                String old = random.nextBoolean() ? p : p + " " + vs.get(random.nextInt(vs.size()));
                work.append("\nreplace ")
                        .append(old)
                        .append(" => ")
                        .append(p)
                        .append(' ')
                        .append(target)
                        .append('\n');
            } else {
                String dir = "./replaced/r" + i;
                ModuleSpec spec = universe.module(new ModuleVersion(p, target)).orElseThrow();
                writeModule(root.resolve(dir), spec.goMod(), spec.packageName());
                work.append("\nreplace ").append(p).append(" => ").append(dir).append('\n');
            }
            replaced = true;
        }
        Files.writeString(root.resolve("go.work"), work.toString());
        return replaced;
    }

    private static void writeModule(Path dir, String goMod, String packageName) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), goMod);
        Files.writeString(dir.resolve("x.go"), "package " + packageName + "\n");
    }

    private static int compareGo(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(
                    i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The settings of both commands in a workspace: GOWORK unset, no {@code -mod} (workspace mode refuses -mod=mod). */
    private static final Map<String, String> WORKSPACE_ENV =
            Map.of("GOFLAGS", "-modcacherw", "GOWORK", "", "GOTOOLCHAIN", "local");

    /** The go command in {@code dir}, in workspace mode. */
    private static Commands.Outcome go(
            GoToolchain.Sandbox sandbox, Universe.Layout layout, Path modCache, Path dir, String... args) {
        return Commands.go(sandbox, layout, modCache, dir, WORKSPACE_ENV, args);
    }

    /** Holdfast with the same settings as {@link #go}. */
    private static Commands.Outcome holdfast(Universe.Layout layout, Path modCache, String... args) {
        return Commands.holdfast(layout, modCache, WORKSPACE_ENV, args);
    }

    /** Holdfast with the same settings as {@link #go}, and {@code extra}. */
    private static Commands.Outcome holdfast(
            Universe.Layout layout, Path modCache, String[] args, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(WORKSPACE_ENV);
        env.putAll(extra);
        return Commands.holdfast(layout, modCache, env, args);
    }

    /**
     * Returns the output on success, else every error: the go command reports each of several problems
     * with a go.work on a line of its own, Holdfast in one message of several lines.
     */
    private static String comparable(Commands.Outcome outcome, String prefix) {
        if (outcome.exitCode() == 0) {
            return outcome.stdout();
        }
        return "error: "
                + outcome.stderr()
                        .strip()
                        .lines()
                        .map(l -> l.startsWith(prefix) ? l.substring(prefix.length()) : l)
                        .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static String[] ours(String[] goArgs, Path dir) {
        String command = goArgs[0].equals("mod") ? "graph" : "list";
        List<String> args = new ArrayList<>(List.of(command));
        if (List.of(goArgs).contains("-json")) {
            args.add("--json");
        }
        return Commands.in(dir, args.toArray(String[]::new));
    }
}
