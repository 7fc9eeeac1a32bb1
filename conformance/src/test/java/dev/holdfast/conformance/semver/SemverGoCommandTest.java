package dev.holdfast.conformance.semver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.module.FileProxy;
import dev.holdfast.module.PseudoVersion;
import dev.holdfast.semver.Semver;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks {@link Semver#sort} against the order in which the real go command lists a module's versions
 * ({@code go list -m -versions}) when a {@code file://} proxy serves them in random order.
 *
 * <p>The go command keeps the {@code @v/list} entries whose first field is a valid semantic version
 * that is not a pseudo-version, then sorts with {@code semver.Sort} (spec §8.2); the expectation applies
 * the same filter with Holdfast's functions.
 */
class SemverGoCommandTest {

    private static final String[] PRE_IDENTS = {
        "0", "1", "2", "9", "10", "11", "alpha", "beta", "rc", "RC", "Rc1", "rc1", "a-b", "-", "--", "0a", "x", "X",
        "pre"
    };

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void listVersions_printsSemverSortOrder(long seed) {
        Random random = new Random(seed);
        String path = "example.com/order/m" + seed;
        List<String> entries = new ArrayList<>(generateVersions(random, 60));
        // The go command resolves "latest" first (to read retractions from its go.mod) and fails if that
        // is a version with build metadata ("version passed to GoMod is not canonical"). A canonical
        // release above every generated v0/v1 keeps "latest" well-defined; +incompatible versions do not
        // count while the latest compatible version has a go.mod.
        entries.add("v1.200.0");
        // Entries the go command must drop: not semantic versions, or pseudo-versions.
        entries.addAll(List.of(
                "bad",
                "1.0.0",
                "v1.02.0",
                "v1.0.0-01",
                "v0.0.0-20200101000000-abcdefabcdef",
                "v1.2.4-0.20200101000000-abcdefabcdef"));
        Collections.shuffle(entries, random);

        FileProxy proxy = new FileProxy(tmp.resolve("proxy"));
        List<String> lines = new ArrayList<>();
        for (String v : entries) {
            // Some lines carry the optional second field (a time), which must not matter.
            lines.add(random.nextInt(4) == 0 ? v + " 2020-01-02T03:04:05Z" : v);
            if (Semver.isValid(v)) {
                proxy.writeInfoAndMod(path, v);
            }
        }
        proxy.writeList(path, lines);

        List<String> want = Semver.sort(entries.stream()
                .filter(v -> Semver.isValid(v) && !PseudoVersion.isPseudoVersion(v))
                .toList());
        List<String> got = goListVersions(path, proxy);

        int agreed = 0;
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            agreed += want.get(i).equals(got.get(i)) ? 1 : 0;
        }
        ConformanceReport.record("semver", "go list -m -versions order (versions), seed " + seed, want.size(), agreed);
        assertThat(got).isEqualTo(want);
    }

    private List<String> goListVersions(String path, FileProxy proxy) {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        GoToolchain.Run run = sandbox.run(
                        tmp,
                        Map.of("GOPROXY", proxy.url(), "GOFLAGS", "-mod=mod -modcacherw"),
                        "list",
                        "-m",
                        "-versions",
                        path)
                .checkSuccess();
        List<String> fields = Arrays.asList(run.stdout().strip().split(" "));
        assertThat(fields.getFirst()).as(run.describe()).isEqualTo(path);
        return fields.subList(1, fields.size());
    }

    /**
     * Returns {@code n} distinct shorthand-free versions: releases, pre-releases, build metadata (also on
     * otherwise equal versions, so that ties must be broken by string order) and {@code +incompatible}
     * for majors 2 and up.
     */
    static Set<String> generateVersions(Random random, int n) {
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < n) {
            boolean incompatible = random.nextInt(5) == 0;
            int major = incompatible ? 2 + random.nextInt(11) : random.nextInt(2);
            String v = "v" + major + "." + number(random) + "." + number(random);
            if (random.nextInt(3) == 0) {
                v += "-" + prerelease(random);
            }
            if (incompatible) {
                v += "+incompatible";
            } else if (random.nextInt(6) == 0) {
                v += random.nextBoolean() ? "+meta" : "+build." + random.nextInt(20);
            }
            out.add(v);
            if (random.nextInt(10) == 0 && !incompatible) {
                out.add(Semver.canonical(v) + "+dup"); // equal by precedence, different string
            }
        }
        return out;
    }

    private static int number(Random random) {
        return random.nextInt(4) == 0 ? random.nextInt(120) : random.nextInt(3);
    }

    private static String prerelease(Random random) {
        int idents = 1 + random.nextInt(3);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < idents; i++) {
            parts.add(PRE_IDENTS[random.nextInt(PRE_IDENTS.length)]);
        }
        return String.join(".", parts);
    }
}
