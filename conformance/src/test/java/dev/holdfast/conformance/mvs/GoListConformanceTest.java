package dev.holdfast.conformance.mvs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.module.FileProxy;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.mvs.Mvs;
import dev.holdfast.mvs.Reqs;
import dev.holdfast.semver.Semver;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random module universes of go 1.16 modules (so the go command does not prune the graph), served as a
 * {@code file://} GOPROXY: Holdfast's build list must equal {@code go list -m all} line for line. Cycles,
 * requirements on lower versions of already-required modules and diamond shapes all occur. In every
 * third universe some go.mod files are missing from the proxy; when one is reachable, the requirement
 * chain of the error must be the go command's (the go command picks the erroring module the same way,
 * by a breadth-first search of the graph).
 */
class GoListConformanceTest {

    private static final int UNIVERSES = 60;
    private static final int PATHS = 8;
    private static final List<String> VERSIONS = List.of("v1.0.0", "v1.1.0", "v1.2.0", "v1.10.0");

    @TempDir
    Path tmp;

    /** A universe's requirement graph; the main module has version "". Orders versions as semver. */
    private record Universe(
            ModuleVersion main, Map<ModuleVersion, List<ModuleVersion>> reqs, Set<ModuleVersion> missing, String proxy)
            implements Reqs {
        @Override
        public List<ModuleVersion> required(ModuleVersion m) throws IOException {
            if (missing.contains(m)) {
                // The reason as the go command's file:// proxy client words it; the chain is what is compared.
                throw new IOException(
                        "reading " + proxy + "/" + m.path() + "/@v/" + m.version() + ".mod: no such file or directory");
            }
            return reqs.get(m);
        }

        @Override
        public String max(String path, String v1, String v2) {
            // cmd/go's cmpVersion: "" (the main module) above all, otherwise semver ("none" lowest).
            if (v2.isEmpty()) {
                return v2;
            }
            if (v1.isEmpty()) {
                return v1;
            }
            return Semver.compare(v1, v2) < 0 ? v2 : v1;
        }
    }

    @Test
    void buildList_equalsGoListMAll() throws IOException {
        GoToolchain go = GoToolchain.get();
        GoToolchain.Sandbox sandbox = go.sandbox(tmp.resolve("sandbox"));
        FileProxy proxy = new FileProxy(tmp.resolve("proxy"));
        Random random = new Random(1_000_003);
        List<String> problems = new ArrayList<>();
        int agreed = 0;
        int failures = 0;
        int agreedFailures = 0;
        for (int u = 0; u < UNIVERSES; u++) {
            Universe universe = generate(random, "example.com/u" + u, u % 3 == 2 ? 4 : 0, proxy.url());
            Path work = write(universe, proxy, tmp.resolve("work" + u));
            GoToolchain.Run run = sandbox.run(work, Map.of("GOPROXY", proxy.url()), "list", "-m", "all");
            String mine;
            try {
                mine = Mvs.buildList(List.of(universe.main()), universe).stream()
                        .map(m -> m.version().isEmpty() ? m.path() : m.path() + " " + m.version())
                        .collect(Collectors.joining("\n", "", "\n"));
            } catch (IOException e) {
                mine = "error: " + e.getMessage();
            }
            String theirs = run.exitCode() == 0 ? run.stdout() : "error: " + lastError(run.stderr());
            failures += theirs.startsWith("error: ") ? 1 : 0;
            if (mine.equals(theirs)) {
                agreed++;
                agreedFailures += theirs.startsWith("error: ") ? 1 : 0;
            } else {
                problems.add("universe " + u + ":\n" + mine + "!=\n" + theirs);
            }
        }
        ConformanceReport.record("mvs", "build list vs go list -m all (random go 1.16 universes)", UNIVERSES, agreed);
        ConformanceReport.record(
                "mvs", "error chain vs go list -m all (universes with missing go.mod)", failures, agreedFailures);
        assertThat(problems).isEmpty();
        assertThat(failures)
                .as("universes where the go command reports a broken graph")
                .isPositive();
    }

    /** Returns the go command's last error message, without its {@code go: } prefix. */
    private static String lastError(String stderr) {
        int start = stderr.lastIndexOf("go: ");
        return start < 0 ? stderr : stderr.substring(start + "go: ".length()).strip();
    }

    /**
     * Returns a universe of {@link #PATHS} modules with every version requiring up to three others, and
     * {@code missing} randomly chosen versions whose go.mod the proxy does not have.
     */
    private static Universe generate(Random random, String prefix, int missing, String proxy) {
        List<ModuleVersion> all = new ArrayList<>();
        for (int p = 0; p < PATHS; p++) {
            for (String v : VERSIONS) {
                all.add(new ModuleVersion(prefix + "/m" + p, v));
            }
        }
        Map<ModuleVersion, List<ModuleVersion>> reqs = new HashMap<>();
        ModuleVersion main = new ModuleVersion(prefix + "/main", "");
        reqs.put(main, pick(random, all, main, 3));
        for (ModuleVersion m : all) {
            reqs.put(m, pick(random, all, m, 3));
        }
        Set<ModuleVersion> gone = new HashSet<>();
        for (int i = 0; i < missing; i++) {
            gone.add(all.get(random.nextInt(all.size())));
        }
        return new Universe(main, reqs, gone, proxy);
    }

    /** Picks up to {@code max} requirements for {@code m}, at most one per path, never m's own path. */
    private static List<ModuleVersion> pick(Random random, List<ModuleVersion> all, ModuleVersion m, int max) {
        Map<String, ModuleVersion> byPath = new HashMap<>();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            ModuleVersion r = all.get(random.nextInt(all.size()));
            if (!r.path().equals(m.path())) {
                byPath.putIfAbsent(r.path(), r);
            }
        }
        return byPath.values().stream()
                .sorted((a, b) -> a.path().compareTo(b.path()))
                .toList();
    }

    /** Writes every module version to the proxy and the main module to {@code dir}; returns {@code dir}. */
    private static Path write(Universe universe, FileProxy proxy, Path dir) throws IOException {
        for (Map.Entry<ModuleVersion, List<ModuleVersion>> e : universe.reqs().entrySet()) {
            ModuleVersion m = e.getKey();
            if (m.equals(universe.main())) {
                continue;
            }
            proxy.writeInfoAndMod(m.path(), m.version()); // .info, and a placeholder .mod replaced below
            Path mod = proxy.versionDir(m.path()).resolve(m.version() + ".mod");
            if (universe.missing().contains(m)) {
                Files.delete(mod);
            } else {
                Files.writeString(mod, goMod(m.path(), e.getValue()));
            }
        }
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("go.mod"),
                goMod(universe.main().path(), universe.reqs().get(universe.main())));
        return dir;
    }

    private static String goMod(String path, List<ModuleVersion> reqs) {
        StringBuilder b = new StringBuilder("module " + path + "\n\ngo 1.16\n");
        for (ModuleVersion r : reqs) {
            b.append("\nrequire ")
                    .append(r.path())
                    .append(' ')
                    .append(r.version())
                    .append('\n');
        }
        return b.toString();
    }
}
