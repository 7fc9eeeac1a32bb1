package dev.holdfast.conformance.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.module.PathPattern;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.XmodOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link PathPattern} with the go command's own {@code pkgpattern.MatchPattern} (copied from
 * GOROOT into the oracle when it is built) on seeded pairs of pattern and path: wildcards inside and
 * at the ends of elements, a trailing {@code /...}, {@code vendor} elements, regular-expression
 * characters. Half the paths are made from their pattern, so that both matches and misses are common.
 */
class PathPatternConformanceTest {
    private static final long SEED = 20261208L;
    private static final int PAIRS = 6_000;
    private static final String[] PATTERN_ELEMENTS = {
        "example.com", "x", "y", "vendor", "a.b", "(x)", "...", "x...", "...y", "vendor...", "é", "[a]", "x+y", ""
    };
    private static final String[] NAME_ELEMENTS = {
        "example.com", "x", "y", "xy", "vendor", "vendorx", "a.b", "aXb", "(x)", "é", "[a]", "x+y", "xxy", ""
    };

    @Test
    void matcher_agreesWithTheGoCommand() {
        XmodOracle oracle = XmodOracle.get();
        Random random = new Random(SEED);
        List<String> disagreements = new ArrayList<>();
        int matched = 0;
        for (int i = 0; i < PAIRS; i++) {
            String pattern = path(random, PATTERN_ELEMENTS);
            String name = random.nextBoolean()
                    ? path(random, NAME_ELEMENTS)
                    : pattern.replace(
                            "...",
                            NAME_ELEMENTS[random.nextInt(NAME_ELEMENTS.length)]
                                    + (random.nextBoolean()
                                            ? "/" + NAME_ELEMENTS[random.nextInt(NAME_ELEMENTS.length)]
                                            : ""));
            boolean want = oracle.call("pkgpattern.MatchPattern", pattern, name).asBoolean();
            boolean got = PathPattern.matcher(pattern).test(name);
            matched += want ? 1 : 0;
            if (got != want) {
                disagreements.add(pattern + " ~ " + name + ": go " + want + ", holdfast " + got);
            }
        }
        ConformanceReport.record(
                "module",
                "... patterns over module paths (pkgpattern.MatchPattern), seed " + SEED,
                PAIRS,
                PAIRS - disagreements.size());
        assertThat(disagreements).as("seed " + SEED).isEmpty();
        assertThat(matched).as("pairs that match").isBetween(PAIRS / 10, PAIRS - PAIRS / 10);
    }

    private static String path(Random random, String[] elements) {
        int n = 1 + random.nextInt(4);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(elements[random.nextInt(elements.length)]);
        }
        return b.toString();
    }
}
