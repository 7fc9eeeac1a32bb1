package dev.holdfast.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.module.PseudoVersion;
import dev.holdfast.query.AllowedVersions;
import dev.holdfast.query.VersionQuery;
import dev.holdfast.semver.Semver;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code go get M@LOW} where the main module also requires A, whose versions each require some version
 * of M: go get steps A down with {@code previousVersion} (listed versions only, retracted and excluded
 * ones skipped, pseudo-versions never) until A no longer needs more than LOW of M, or removes A. The
 * version of A that Holdfast's {@link VersionQuery#previousVersion} reaches must be the one go get
 * writes to go.mod.
 */
class PreviousVersionConformanceTest {
    private static final int CASES = 30;
    private static final List<String> A_POOL =
            List.of("v0.9.0", "v1.0.0", "v1.1.0-rc.1", "v1.1.0", "v1.2.0", "v1.3.0", "v1.4.0-beta", "v1.5.0");
    private static final List<String> M_POOL = List.of("v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0", "v1.4.0");

    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void goGetDowngrade_stepsDownAsPreviousVersion() throws IOException {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        Tally tally = new Tally();
        int removed = 0;
        int skipped = 0;
        for (int n = 0; n < CASES; n++) {
            Random random = new Random(104_729L * (n + 1));
            Case c = generate(random, n);
            Path dir = tmp.resolve("c" + n);
            c.scenario.write(dir.resolve("proxy"), dir.resolve("work"));
            String url = dir.resolve("proxy").toUri().toString();
            Path work = dir.resolve("work");
            GoToolchain.Run run = sandbox.run(work, Map.of("GOPROXY", url), "get", c.m + "@" + c.low);
            String go = run.exitCode() != 0 ? "failed: " + run.stderr().strip() : requiredVersion(work, c.a);
            VersionQuery vq = c.scenario.holdfast(url);
            String mine = holdfast(c, vq, vq.allowed(Set.copyOf(c.scenario.excludes())));
            removed += mine.equals("none") ? 1 : 0;
            skipped += mine.equals(holdfast(c, vq, AllowedVersions.all())) ? 0 : 1;
            tally.compare(
                    c.scenario.name() + ": go get " + c.m + "@" + c.low + " with " + c.scenario.goMod(), mine, go);
        }
        ConformanceReport.record(
                "query",
                "previousVersion vs the version go get M@LOW steps a requirer down to (random cases)",
                tally.compared,
                tally.agreed);
        assertThat(tally.problems).isEmpty();
        assertThat(removed).as("cases where A is removed").isPositive().isLessThan(CASES);
        assertThat(skipped)
                .as("cases where excluded or retracted versions were stepped over")
                .isPositive();
    }

    /** One case: A's versions and what they require of M, and the lower version of M go get asks for. */
    private record Case(QueryScenario scenario, String a, String m, String low, Map<String, String> aRequiresM) {}

    /** Returns the version of A Holdfast steps down to: previousVersion until A needs at most LOW of M. */
    private static String holdfast(Case c, VersionQuery vq, AllowedVersions allowed) throws IOException {
        ModuleVersion a = new ModuleVersion(c.a, c.scenario.requires().get(c.a));
        while (!a.version().equals("none") && Semver.compare(c.aRequiresM.get(a.version()), c.low) > 0) {
            a = vq.previousVersion(a, allowed);
        }
        return a.version();
    }

    private static String requiredVersion(Path work, String path) throws IOException {
        GoModFile f = GoModFile.parse("go.mod", Files.readAllBytes(work.resolve("go.mod")), null);
        return f.requires().stream()
                .filter(r -> r.path().equals(path))
                .map(GoModFile.Require::version)
                .findFirst()
                .orElse("none");
    }

    private static Case generate(Random random, int n) {
        String prefix = "example.com/down" + n;
        String a = prefix + "/a";
        String m = prefix + "/m";
        List<String> aVersions = new ArrayList<>(A_POOL);
        Collections.shuffle(aVersions, random);
        aVersions = new ArrayList<>(aVersions.subList(0, 3 + random.nextInt(A_POOL.size() - 2)));
        aVersions.sort(Semver.ORDER);
        String top = aVersions.getLast();
        if (random.nextBoolean()) {
            aVersions.add(
                    PseudoVersion.pseudoVersion("v1", top, Instant.ofEpochSecond(1_600_000_000L), "abcdefabcdef"));
        }
        Map<String, String> needs = new HashMap<>();
        for (String v : aVersions) {
            needs.put(v, M_POOL.get(random.nextInt(M_POOL.size())));
        }
        String current = aVersions.getLast();
        String mCurrent = M_POOL.getLast();
        String low = lowerThan(needs.get(current), random);
        List<ModuleVersion> excludes = new ArrayList<>();
        StringBuilder retract = new StringBuilder();
        for (String v : aVersions) {
            if (!v.equals(current) && !PseudoVersion.isPseudoVersion(v)) {
                switch (random.nextInt(5)) {
                    case 0 -> excludes.add(new ModuleVersion(a, v));
                    case 1 -> retract.append("retract ").append(v).append(" // bad\n");
                    default -> {}
                }
            }
        }
        String latestTagged = aVersions.stream()
                .filter(v -> !PseudoVersion.isPseudoVersion(v))
                .reduce((x, y) -> Semver.compare(x, y) >= 0 ? x : y)
                .orElseThrow();
        Map<String, ProxyModule.VersionFiles> aFiles = new TreeMap<>(Semver.ORDER);
        List<String> listed = new ArrayList<>();
        for (String v : aVersions) {
            String mod = "module " + a + "\n\ngo 1.16\n\nrequire " + m + " " + needs.get(v) + "\n"
                    + (v.equals(latestTagged) ? "\n" + retract : "");
            aFiles.put(v, files(a, v, mod));
            if (!PseudoVersion.isPseudoVersion(v)) {
                listed.add(v);
            }
        }
        Map<String, ProxyModule.VersionFiles> mFiles = new TreeMap<>(Semver.ORDER);
        for (String v : M_POOL) {
            mFiles.put(v, files(m, v, "module " + m + "\n\ngo 1.16\n"));
        }
        Map<String, String> requires = new LinkedHashMap<>();
        requires.put(a, current);
        requires.put(m, mCurrent);
        QueryScenario s = new QueryScenario(
                "downgrade case " + n,
                List.of(new ProxyModule(a, listed, aFiles, null), new ProxyModule(m, M_POOL, mFiles, null)),
                prefix + "/main",
                requires,
                excludes,
                Map.of(),
                List.of(),
                List.of(),
                List.of());
        return new Case(s, a, m, low, needs);
    }

    /** Returns a version of M's pool below {@code v}, or the lowest when none is. */
    private static String lowerThan(String v, Random random) {
        List<String> lower =
                M_POOL.stream().filter(x -> Semver.compare(x, v) < 0).toList();
        return lower.isEmpty() ? M_POOL.getFirst() : lower.get(random.nextInt(lower.size()));
    }

    private static ProxyModule.VersionFiles files(String path, String v, String mod) {
        byte[] bytes = mod.getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> zip = new LinkedHashMap<>();
        zip.put("go.mod", bytes);
        return new ProxyModule.VersionFiles(ProxyModule.info(v, "2020-01-02T03:04:05Z"), bytes, zip);
    }
}
