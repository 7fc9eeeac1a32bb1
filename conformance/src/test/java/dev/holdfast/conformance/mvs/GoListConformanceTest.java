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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random module universes of go 1.16 modules (so the go command does not prune the graph), served as a
 * {@code file://} GOPROXY: Holdfast's build list must equal {@code go list -m all} line for line. Cycles,
 * requirements on lower versions of already-required modules and diamond shapes all occur.
 */
class GoListConformanceTest {

    private static final int UNIVERSES = 40;
    private static final int PATHS = 8;
    private static final List<String> VERSIONS = List.of("v1.0.0", "v1.1.0", "v1.2.0", "v1.10.0");

    @TempDir
    Path tmp;

    /** A universe's requirement graph; the main module has version "". Orders versions as semver. */
    private record Universe(ModuleVersion main, Map<ModuleVersion, List<ModuleVersion>> reqs) implements Reqs {
        @Override
        public List<ModuleVersion> required(ModuleVersion m) throws IOException {
            List<ModuleVersion> r = reqs.get(m);
            if (r == null) {
                throw new IOException("missing " + m);
            }
            return r;
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
        for (int u = 0; u < UNIVERSES; u++) {
            Universe universe = generate(random, "example.com/u" + u);
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
            String theirs = run.exitCode() == 0 ? run.stdout() : "go failed: " + run.describe();
            if (mine.equals(theirs)) {
                agreed++;
            } else {
                problems.add("universe " + u + ":\n" + mine + "!=\n" + theirs);
            }
        }
        ConformanceReport.record("mvs", "build list vs go list -m all (random go 1.16 universes)", UNIVERSES, agreed);
        assertThat(problems).isEmpty();
    }

    /** Returns a universe of {@link #PATHS} modules with every version requiring up to three others. */
    private static Universe generate(Random random, String prefix) {
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
        return new Universe(main, reqs);
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
            Files.writeString(mod, goMod(m.path(), e.getValue()));
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
