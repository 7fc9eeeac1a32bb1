package dev.holdfast.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random module universes ({@link RandomModules}) served as {@code file://} GOPROXYs: every
 * {@code go list -m} check of {@link GoListChecks} and a few {@code go get M@QUERY} runs per universe
 * must give the same answers with Holdfast as with the go command.
 */
class RandomQueryConformanceTest {
    private static final int UNIVERSES = 60;
    private static final int GETS_PER_UNIVERSE = 5;

    @TempDir
    Path tmp;

    @Test
    @Timeout(170)
    void randomUniverses_listAndGetAsTheGoCommand() throws Exception {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        Map<GoListChecks, Tally> total = new EnumMap<>(GoListChecks.class);
        for (GoListChecks c : GoListChecks.values()) {
            total.put(c, new Tally());
        }
        Tally gets = new Tally();
        AtomicInteger warnings = new AtomicInteger();
        AtomicInteger deprecations = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int n = 0; n < UNIVERSES; n++) {
                int u = n;
                runs.add(pool.submit(() -> universe(u, sandbox, total, gets, warnings, deprecations)));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        } finally {
            pool.shutdownNow();
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<GoListChecks, Tally> e : total.entrySet()) {
            Tally t = e.getValue();
            ConformanceReport.record(
                    "query", e.getKey().description + ", " + UNIVERSES + " random universes", t.compared, t.agreed);
            problems.addAll(t.problems);
        }
        ConformanceReport.record(
                "query",
                "go get M@QUERY (resulting version, deprecation and retraction warnings), random universes",
                gets.compared,
                gets.agreed);
        problems.addAll(gets.problems);
        assertThat(problems).isEmpty();
        assertThat(total.get(GoListChecks.QUERY).compared).isGreaterThan(5000);
        assertThat(gets.compared).isEqualTo((long) UNIVERSES * GETS_PER_UNIVERSE);
        assertThat(warnings).as("go get runs warning of a retracted version").hasPositiveValue();
        assertThat(deprecations).as("go get runs reporting a deprecation").hasPositiveValue();
    }

    /**
     * Returns a {@code go get} argument: with {@code fromCurrent}, {@code upgrade} or {@code patch} of a
     * required module (go get keeps its current version even when retracted); otherwise any query of
     * any module that is neither main nor replaced.
     */
    private static String getArgument(QueryScenario s, Random random, boolean fromCurrent) {
        List<String> plain = s.plainPaths();
        List<String> required = plain.stream().filter(s.requires()::containsKey).toList();
        if (fromCurrent && !required.isEmpty()) {
            return required.get(random.nextInt(required.size())) + (random.nextBoolean() ? "@upgrade" : "@patch");
        }
        String path = plain.get(random.nextInt(plain.size()));
        List<String> candidates = s.queries().stream()
                .filter(q -> q.startsWith(path + "@"))
                .filter(q -> !q.endsWith("@none"))
                .toList();
        return candidates.get(random.nextInt(candidates.size()));
    }

    private void universe(
            int n,
            GoToolchain.Sandbox sandbox,
            Map<GoListChecks, Tally> total,
            Tally gets,
            AtomicInteger warnings,
            AtomicInteger deprecations) {
        try {
            Random random = new Random(7_919L * (n + 1));
            QueryScenario s = RandomModules.scenario(random, n);
            Path dir = tmp.resolve("u" + n);
            Map<GoListChecks, Tally> tallies = Tally.goList(s, sandbox, dir);
            tallies.forEach((check, t) -> total.get(check).add(t));
            String url = dir.resolve("proxy").toUri().toString();
            Tally mine = new Tally();
            for (int i = 0; i < GETS_PER_UNIVERSE; i++) {
                String arg = getArgument(s, random, i == 0);
                String go = GoGetCheck.go(s, sandbox, dir.resolve("get" + i), url, arg);
                mine.compare(s.name() + ": go get " + arg, GoGetCheck.holdfast(s, s.holdfast(url), url, arg), go);
                warnings.addAndGet(go.contains("retracted by module author") ? 1 : 0);
                deprecations.addAndGet(go.contains(" is deprecated: ") ? 1 : 0);
            }
            gets.add(mine);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
