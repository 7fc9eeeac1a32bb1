package dev.holdfast.mvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The build list reads requirements concurrently, but its answers never depend on timing. */
class ParallelWalkTest {

    /** Delays every read by up to {@code maxDelayMillis} and records how many reads overlap. */
    private static final class SlowReqs implements Reqs {
        private final MapReqs map;
        private final int maxDelayMillis;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger maxInFlight = new AtomicInteger();

        SlowReqs(MapReqs map, int maxDelayMillis) {
            this.map = map;
            this.maxDelayMillis = maxDelayMillis;
        }

        @Override
        public List<ModuleVersion> required(ModuleVersion m) throws IOException {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(maxDelayMillis + 1));
                return map.required(m);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public String max(String path, String v1, String v2) {
            return map.max(path, v1, v2);
        }
    }

    @Test
    void buildList_readsOverlapAtMostTen() throws IOException {
        MapReqs map = new MapReqs();
        List<ModuleVersion> wide = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ModuleVersion m = new ModuleVersion("example.com/m" + i, "v1");
            map.put(m, List.of());
            wide.add(m);
        }
        ModuleVersion main = new ModuleVersion("example.com/main", "");
        map.put(main, wide);
        SlowReqs reqs = new SlowReqs(map, 20);

        assertThat(Mvs.buildList(List.of(main), reqs)).hasSize(41);
        assertThat(reqs.maxInFlight.get()).isBetween(2, 10);
    }

    @Test
    void buildList_sameAnswerWhateverTheTiming() throws IOException {
        Random random = new Random(42);
        int errors = 0;
        for (int universe = 0; universe < 20; universe++) {
            MapReqs map = randomGraph(random, universe % 4 == 0);
            List<ModuleVersion> main = List.of(new ModuleVersion("main", ""));
            String expected = outcome(main, map);
            errors += expected.startsWith("error: ") ? 1 : 0;
            for (int run = 0; run < 3; run++) {
                assertThat(outcome(main, new SlowReqs(map, 3))).isEqualTo(expected);
            }
        }
        assertThat(errors).as("universes whose walk fails").isPositive();
    }

    /** Returns the build list, or the error message, as text. */
    private static String outcome(List<ModuleVersion> targets, Reqs reqs) {
        try {
            return Mvs.buildList(targets, reqs).toString();
        } catch (IOException e) {
            return "error: " + e.getMessage();
        }
    }

    /** Returns a random graph of paths a..h with versions 1..4, cycles allowed; some versions missing. */
    private static MapReqs randomGraph(Random random, boolean withMissing) {
        MapReqs map = new MapReqs();
        List<ModuleVersion> all = new ArrayList<>();
        for (char p = 'a'; p <= 'h'; p++) {
            for (int v = 1; v <= 4; v++) {
                all.add(new ModuleVersion(String.valueOf(p), String.valueOf(v)));
            }
        }
        for (ModuleVersion m : all) {
            if (withMissing && random.nextInt(6) == 0) {
                continue; // requirements of m cannot be read
            }
            map.put(m, pick(random, all, 3));
        }
        map.put(new ModuleVersion("main", ""), pick(random, all, 4));
        return map;
    }

    private static List<ModuleVersion> pick(Random random, List<ModuleVersion> all, int max) {
        List<ModuleVersion> picked = new ArrayList<>();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            picked.add(all.get(random.nextInt(all.size())));
        }
        return picked;
    }

    @Test
    void buildList_interrupted() {
        MapReqs map = new MapReqs();
        ModuleVersion main = new ModuleVersion("main", "");
        map.put(main, List.of());
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Mvs.buildList(List.of(main), new SlowReqs(map, 5_000)))
                    .isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted(); // leave the test thread clean
        }
    }
}
