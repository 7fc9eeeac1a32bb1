package dev.holdfast.conformance.down;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.universe.Universe;
import dev.holdfast.conformance.universe.UniverseGenerator;
import dev.holdfast.semver.Semver;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of seeded random universes: a module of the build list and a lower version of it (sometimes
 * {@code none}, a retracted, excluded or unlisted version, or one that does not exist) are picked, then
 * {@code go get M@V} runs in one copy of the main module and {@code holdfast down M@V} in another. Both
 * must leave byte-identical go.mod and go.sum files; when the go command fails, Holdfast must fail too
 * and leave both files untouched, and for version conflicts say what the go command says.
 */
class DownConformanceTest {

    private static final int UNIVERSES = Integer.getInteger("downUniverses", 300);
    private static final long FIRST_SEED = 7_000;
    private static final int PARALLEL = 2;
    private static final int DEFAULT_UNIVERSES = Integer.getInteger("downDefaultUniverses", 60);

    @TempDir
    Path tmp;

    /** What a universe exercised, so the test can insist its random cases cover each rule it claims. */
    enum Feature {
        SUCCESS,
        GO_FAILED,
        CONFLICT,
        OTHER_LOWERED_OR_REMOVED,
        RAISED_OR_ADDED,
        UNPRUNED_MAIN,
        NO_GO_LINE,
        GO_SUM_BEFORE,
        GO_SUM_UNTOUCHED,
        REMOVE_NONE,
        /** go.sum gained the zip hash of a module other than the requested one (its old zip hash was there). */
        OTHER_ZIP_SUM_ADDED
    }

    /** One universe's outcome; {@code compared} is false when its build list has no module to lower. */
    private record Result(
            long seed, boolean compared, boolean agreed, int reported, Set<Feature> features, String difference) {}

    @Test
    @Timeout(600)
    void down_leavesFilesOfGoGet() throws Exception {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        List<Result> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            List<Future<Result>> futures = new ArrayList<>();
            for (long seed = FIRST_SEED; seed < FIRST_SEED + UNIVERSES; seed++) {
                long s = seed;
                futures.add(pool.submit(() -> compare(sandbox, s)));
            }
            for (Future<Result> f : futures) {
                results.add(f.get());
            }
        }
        long compared = results.stream().filter(Result::compared).count();
        long agreed = results.stream().filter(r -> r.compared() && r.agreed()).count();
        ConformanceReport.record("down", "go get M@V", compared, agreed);
        long reported = results.stream().mapToLong(Result::reported).sum();
        ConformanceReport.record(
                "down",
                "plan lists each version change go get reports (go: downgraded/upgraded/added/removed)",
                reported,
                reported
                        - results.stream()
                                .filter(r -> r.difference().contains("not in the plan"))
                                .count());
        List<String> differences = results.stream()
                .filter(r -> !r.agreed())
                .map(Result::difference)
                .toList();
        assertThat(differences).isEmpty();
        Set<Feature> seen = EnumSet.noneOf(Feature.class);
        results.forEach(r -> seen.addAll(r.features()));
        assertThat(seen).as("rules the random universes exercised").containsAll(EnumSet.allOf(Feature.class));
        long successes = results.stream()
                .filter(r -> r.features().contains(Feature.SUCCESS))
                .count();
        assertThat(successes).as("universes where go get succeeded").isGreaterThan(compared / 2);
    }

    /**
     * {@code holdfast down M} without a version must pick the highest release of the selected version's
     * major below it among the versions {@code go list -m -versions M} shows (which hides retracted and
     * excluded ones), or say there is none.
     */
    @Test
    @Timeout(300)
    void downWithoutVersion_picksHighestListedReleaseBelow() throws Exception {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        List<String> differences = new ArrayList<>();
        int compared = 0;
        int none = 0;
        for (long seed = 9_000; seed < 9_000 + DEFAULT_UNIVERSES; seed++) {
            Universe universe = UniverseGenerator.generate(seed);
            DownWorld world = DownWorld.write(universe, tmp.resolve("d" + seed));
            DownWorld.Outcome list =
                    world.holdfast("hf", "list", "-C", world.layout().main().toString());
            List<String[]> deps = list.stdout()
                    .lines()
                    .skip(1)
                    .map(l -> l.split(" "))
                    .filter(f -> f.length >= 2)
                    .toList();
            if (list.exitCode() != 0 || deps.isEmpty()) {
                continue;
            }
            String[] pick = deps.get(new Random(seed).nextInt(deps.size()));
            Path goDir = world.copy("go", null);
            GoToolchain.Run versions = world.go(sandbox, goDir, "gocache", "list", "-m", "-versions", pick[0]);
            String expected = "none";
            for (String v : versions.checkSuccess().stdout().strip().split(" ")) {
                if (Semver.isValid(v)
                        && Semver.prerelease(v).isEmpty()
                        && Semver.major(v).equals(Semver.major(pick[1]))
                        && Semver.compare(v, pick[1]) < 0
                        && (expected.equals("none") || Semver.compare(v, expected) > 0)) {
                    expected = v;
                }
            }
            Path hfDir = world.copy("hf", null);
            DownWorld.Outcome hf = world.holdfast("hfcache", "down", pick[0], "--dry-run", "-C", hfDir.toString());
            // The chosen version is announced first; planning the move may still fail (a conflict).
            String prefix = "holdfast down: lowering " + pick[0] + " to ";
            String mine = hf.stderr().startsWith(prefix)
                    ? hf.stderr().substring(prefix.length()).split(",")[0]
                    : hf.stderr().contains("no release of " + pick[0]) ? "none" : "error: " + hf.stderr();
            compared++;
            none += expected.equals("none") ? 1 : 0;
            if (!mine.equals(expected)) {
                differences.add("seed " + seed + " " + pick[0] + " " + pick[1] + ": go list -m -versions "
                        + versions.stdout().strip() + " => " + expected + ", holdfast " + mine);
            }
        }
        ConformanceReport.record(
                "down", "down M (no version) vs go list -m -versions", compared, compared - differences.size());
        assertThat(differences).isEmpty();
        assertThat(none)
                .as("universes with no version to default to")
                .isPositive()
                .isLessThan(compared);
    }

    private Result compare(GoToolchain.Sandbox sandbox, long seed) {
        try {
            Universe universe = UniverseGenerator.generate(seed);
            DownWorld world = DownWorld.write(universe, tmp.resolve("u" + seed));
            Random random = new Random(seed);
            DownWorld.Outcome list =
                    world.holdfast("hf", "list", "-C", world.layout().main().toString());
            if (list.exitCode() != 0) {
                // A universe whose graph does not load: down must refuse it, as go get does.
                String path = universe.paths().getFirst();
                return compareRun(
                        sandbox,
                        world,
                        seed,
                        random,
                        path,
                        universe.versions(path).getFirst(),
                        Map.of());
            }
            List<String[]> deps = list.stdout()
                    .lines()
                    .skip(1)
                    .map(l -> l.split(" "))
                    .filter(f -> f.length >= 2)
                    .toList();
            if (deps.isEmpty()) {
                return new Result(seed, false, true, 0, Set.of(), ""); // nothing to lower (every requirement excluded)
            }
            String[] pick = deps.get(random.nextInt(deps.size()));
            Map<String, String> selected = new HashMap<>();
            deps.forEach(d -> selected.put(d[0], d[1]));
            return compareRun(
                    sandbox, world, seed, random, pick[0], version(universe, pick[0], pick[1], random), selected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Picks a version of {@code path} below {@code selected}: usually an existing one (listed or not,
     * retracted and excluded ones included), sometimes none, a range query or a missing one.
     */
    private static String version(Universe universe, String path, String selected, Random random) {
        List<String> lower = universe.versions(path).stream()
                .filter(v -> Semver.compare(v, selected) < 0)
                .toList();
        int dice = random.nextInt(20);
        if (dice == 0) {
            return Semver.major(selected) + ".0.0-missing";
        }
        if (dice == 1) {
            return "<" + selected; // a range query: the highest allowed version below
        }
        if (lower.isEmpty() || dice < 3) {
            return "none";
        }
        return lower.get(random.nextInt(lower.size()));
    }

    private Result compareRun(
            GoToolchain.Sandbox sandbox,
            DownWorld world,
            long seed,
            Random random,
            String path,
            String version,
            Map<String, String> selected)
            throws IOException {
        Universe universe = world.universe();
        String goSum = random.nextBoolean() ? world.randomGoSum(random) : null;
        Path goDir = world.copy("go", goSum);
        Path hfDir = world.copy("hf", goSum);
        byte[] goModBefore = DownWorld.read(hfDir.resolve("go.mod"));
        String arg = path + "@" + version;
        GoToolchain.Run go = world.go(sandbox, goDir, "gocache", "get", arg);
        DownWorld.Outcome hf = world.holdfast("hfcache", "down", arg, "-q", "-C", hfDir.toString());

        Set<Feature> features = EnumSet.noneOf(Feature.class);
        int reported = 0;
        byte[] goMod = DownWorld.read(goDir.resolve("go.mod"));
        byte[] goSumAfter = DownWorld.read(goDir.resolve("go.sum"));
        byte[] myGoMod = DownWorld.read(hfDir.resolve("go.mod"));
        byte[] myGoSum = DownWorld.read(hfDir.resolve("go.sum"));
        String main = universe.main().goVersion();
        if (main == null || main.equals("1.16")) {
            features.add(main == null ? Feature.NO_GO_LINE : Feature.UNPRUNED_MAIN);
        }
        if (goSum != null) {
            features.add(Feature.GO_SUM_BEFORE);
        }
        if ("none".equals(version)) {
            features.add(Feature.REMOVE_NONE);
        }
        StringBuilder difference = new StringBuilder();
        if (go.exitCode() == 0) {
            features.add(Feature.SUCCESS);
            if (hf.exitCode() != 0) {
                difference
                        .append("go get succeeded, holdfast down exited ")
                        .append(hf.exitCode())
                        .append(":\n")
                        .append(hf.stderr());
            } else {
                compareFile("go.mod", goMod, myGoMod, difference);
                compareFile("go.sum", goSumAfter, myGoSum, difference);
                features.addAll(changes(hf.stdout()));
                reported = reportedChanges(go.stderr(), selected, hf.stdout(), difference);
                if (newZipSums(goSum, goSumAfter, path)) {
                    features.add(Feature.OTHER_ZIP_SUM_ADDED);
                }
                if (goSum != null
                        && Arrays.equals(goSumAfter, goSum.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                    features.add(Feature.GO_SUM_UNTOUCHED);
                }
            }
        } else {
            features.add(Feature.GO_FAILED);
            String theirs = DownWorld.lastGoError(go.stderr());
            if (theirs.contains("requires") && theirs.contains(", not ")) {
                features.add(Feature.CONFLICT);
                String mine = hf.stderr().strip().replaceFirst("^holdfast down: ", "");
                if (!mine.equals(theirs)) {
                    difference
                            .append("conflict message differs:\ngo: ")
                            .append(theirs)
                            .append("\nholdfast: ")
                            .append(mine);
                }
            }
            if (hf.exitCode() == 0) {
                difference.append("go get failed (").append(theirs).append("), holdfast down succeeded");
            }
            compareFile("go.mod (untouched)", goModBefore, myGoMod, difference);
            compareFile(
                    "go.sum (untouched)",
                    goSum == null ? null : goSum.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    myGoSum,
                    difference);
        }
        if (!difference.isEmpty()) {
            difference.insert(0, "seed " + seed + ": " + arg + "\n");
            difference.append("\n--- go stderr:\n").append(go.stderr());
            difference.append("--- holdfast:\n").append(hf.stdout()).append(hf.stderr());
            difference.append("--- main go.mod:\n").append(universe.main().goMod());
        }
        return new Result(seed, true, difference.isEmpty(), reported, features, difference.toString());
    }

    /**
     * Checks that every change go get reports on a module whose old version is the one selected before
     * (go also reports go.mod lines it merely rewrites) is in the plan with the same versions; returns how
     * many reports were checked.
     */
    private static int reportedChanges(
            String goStderr, Map<String, String> selected, String plan, StringBuilder difference) {
        Set<String> planned = new HashSet<>();
        Matcher line =
                Pattern.compile("(?m)^  (\\w+) +(\\S+) +(\\S+)(?: => (\\S+))?").matcher(plan);
        while (line.find()) {
            String to = line.group(4) != null ? line.group(4) : line.group(1).equals("added") ? line.group(3) : "none";
            String from = line.group(1).equals("added") ? "none" : line.group(3);
            planned.add(line.group(2) + " " + from + " " + to);
        }
        int checked = 0;
        Matcher go = Pattern.compile("(?m)^go: (downgraded|upgraded|added|removed) (\\S+) (\\S+)(?: => (\\S+))?$")
                .matcher(goStderr);
        while (go.find()) {
            String path = go.group(2);
            if (path.equals("toolchain") || path.equals("go")) {
                continue; // go diffs the go and toolchain lines of go.mod, not selected versions
            }
            String from = go.group(1).equals("added") ? "none" : go.group(3);
            String to =
                    go.group(1).equals("added") ? go.group(3) : go.group(1).equals("removed") ? "none" : go.group(4);
            if (!from.equals("none") && !from.equals(selected.get(path))) {
                continue; // a go.mod line go rewrote to the version already selected
            }
            checked++;
            if (!planned.contains(path + " " + from + " " + to)) {
                difference.append("go reported " + go.group() + ", not in the plan\n");
            }
        }
        return checked;
    }

    /** Reports whether go.sum gained a zip hash for a module other than {@code target}. */
    private static boolean newZipSums(String before, byte[] after, String target) {
        if (before == null || after == null) {
            return false;
        }
        Set<String> old = new HashSet<>(before.lines().toList());
        return new String(after, java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !old.contains(l))
                .map(l -> l.split(" "))
                .anyMatch(f -> !f[1].endsWith("/go.mod") && !f[0].equals(target));
    }

    private static Set<Feature> changes(String plan) {
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        List<String> lines =
                plan.lines().skip(1).filter(l -> l.startsWith("  ")).toList();
        // The first changed line for the requested module is "requested"; any other change counts.
        for (String l : lines) {
            if (l.contains("(requested)")) {
                continue;
            }
            String kind = l.strip().split(" +")[0];
            if (kind.equals("lowered") || kind.equals("removed")) {
                features.add(Feature.OTHER_LOWERED_OR_REMOVED);
            } else if (kind.equals("raised") || kind.equals("added")) {
                features.add(Feature.RAISED_OR_ADDED);
            }
        }
        return features;
    }

    private static void compareFile(String name, byte[] theirs, byte[] mine, StringBuilder difference) {
        if (!Arrays.equals(theirs, mine)) {
            difference
                    .append(name)
                    .append(" differs:\n--- go:\n")
                    .append(
                            theirs == null
                                    ? "(no file)\n"
                                    : new String(theirs, java.nio.charset.StandardCharsets.UTF_8))
                    .append("--- holdfast:\n")
                    .append(mine == null ? "(no file)\n" : new String(mine, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
