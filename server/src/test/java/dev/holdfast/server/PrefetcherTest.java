package dev.holdfast.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.fetch.BreakerPolicy;
import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.ModuleSource;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.MemoryStore;
import dev.holdfast.store.StoreKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What is fetched ahead, in what order, and when nothing is: against an in-memory upstream and store. */
@Timeout(30)
class PrefetcherTest {
    private static final Instant T = Instant.parse("2024-01-02T03:04:05Z");
    private static final ModuleVersion APP = new ModuleVersion("example.com/app", "v1.0.0");
    private static final ModuleVersion LIB = new ModuleVersion("example.com/lib", "v1.2.0");
    private static final ModuleVersion DEEP = new ModuleVersion("example.com/deep", "v0.1.0");

    private final StubSource upstream = new StubSource();
    private final MemoryStore store = new MemoryStore();
    private final UpstreamBreakers breakers = new UpstreamBreakers(BreakerPolicy.defaults(), Clock.systemUTC());
    private final ModuleSource guarded = breakers.guard(upstream);
    private final CachingSource source = new CachingSource(store, guarded, Verifier.NONE, Clock.systemUTC());
    private Prefetcher prefetcher;

    @AfterEach
    void close() {
        if (prefetcher != null) {
            prefetcher.close();
        }
    }

    private Prefetcher prefetcher(int concurrency) {
        prefetcher = new Prefetcher(source, breakers, Clock.systemUTC(), concurrency);
        return prefetcher;
    }

    private static byte[] goMod(String module, String go, ModuleVersion... requires) {
        StringBuilder b = new StringBuilder("module ")
                .append(module)
                .append("\n\ngo ")
                .append(go)
                .append('\n');
        for (ModuleVersion r : requires) {
            b.append("require ")
                    .append(r.path())
                    .append(' ')
                    .append(r.version())
                    .append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Gives the upstream APP (go 1.21), which requires LIB (go 1.21). */
    private void appRequiringLib() throws IOException {
        upstream.add(APP, T, goMod(APP.path(), "1.21", LIB));
        upstream.add(LIB, T, goMod(LIB.path(), "1.21"));
    }

    /** Serves {@code mv}'s go.mod to a client as the handler does, and returns it. */
    private byte[] serveMod(Prefetcher p, ModuleVersion mv, boolean miss) throws IOException {
        byte[] mod = source.mod(mv);
        p.servedMod(mv, mod, miss);
        return mod;
    }

    private static void awaitIdle(Prefetcher p) throws InterruptedException {
        while (p.counts().queued() > 0 || p.counts().inFlight() > 0) {
            Thread.sleep(10);
        }
        Thread.sleep(50); // a worker may have taken the last task without counting it in flight yet
        while (p.counts().queued() > 0 || p.counts().inFlight() > 0) {
            Thread.sleep(10);
        }
    }

    @Test
    void aMissedGoMod_fetchesTheRequirementsGoModsFirst_thenItsInfo_notItsZip() throws Exception {
        appRequiringLib();
        Prefetcher p = prefetcher(1);

        serveMod(p, APP, true);
        awaitIdle(p);

        assertThat(upstream.log).containsExactly("mod " + APP, "mod " + LIB, "info " + APP);
        assertThat(store.keys()).contains(StoreKey.mod(LIB), StoreKey.info(APP)).doesNotContain(StoreKey.zip(APP));
        assertThat(p.counts().fetched()).isEqualTo(2);
    }

    @Test
    void close_waitsForTheFetchesInFlight_soNothingIsStoredAfterItReturns() throws Exception {
        appRequiringLib();
        upstream.slowness = Duration.ofMillis(400);
        Prefetcher p = prefetcher(1);
        serveMod(p, APP, true);
        while (p.counts().inFlight() == 0) {
            Thread.sleep(5);
        }

        p.close(Duration.ofSeconds(10));
        java.util.Set<String> atClose = java.util.Set.copyOf(store.keys());
        Thread.sleep(600);

        assertThat(p.counts().inFlight()).isZero();
        assertThat(store.keys()).as("stored after close returned").isEqualTo(atClose);
    }

    @Test
    void aPrefetchedGoMod_servedLater_leadsOnToItsOwnInfo() throws Exception {
        appRequiringLib();
        Prefetcher p = prefetcher(1);
        serveMod(p, APP, true);
        awaitIdle(p);

        serveMod(p, LIB, false); // a hit, but one the prefetcher made
        awaitIdle(p);

        assertThat(upstream.log).endsWith("info " + LIB).doesNotContain("zip " + LIB);
        assertThat(upstream.log).doesNotHaveDuplicates();
    }

    @Test
    void aPrefetchedInfo_servedLater_leadsOnToItsZip() throws Exception {
        appRequiringLib();
        Prefetcher p = prefetcher(1);
        serveMod(p, APP, true);
        awaitIdle(p);

        p.servedInfo(APP, false); // a hit, but one the prefetcher made: the go command is downloading APP
        awaitIdle(p);

        assertThat(upstream.log).endsWith("info " + APP, "zip " + APP).doesNotHaveDuplicates();
        assertThat(store.keys()).contains(StoreKey.zip(APP));
    }

    @Test
    void aHitInfo_thatWasNotPrefetched_fetchesNothing() throws Exception {
        appRequiringLib();
        source.info(APP);
        Prefetcher p = prefetcher(1);

        p.servedInfo(APP, false);
        awaitIdle(p);

        assertThat(upstream.log).containsExactly("info " + APP);
    }

    @Test
    void anUnprunedGoMod_leadsOnToItsRequirementsGoMods_asGraphLoadingWill_aPrunedOneDoesNot() throws Exception {
        ModuleVersion old = new ModuleVersion("example.com/old", "v1.0.0");
        upstream.add(APP, T, goMod(APP.path(), "1.21", LIB, old));
        upstream.add(LIB, T, goMod(LIB.path(), "1.21", DEEP)); // pruned: DEEP's go.mod is not read through it
        upstream.add(old, T, goMod(old.path(), "1.16", DEEP)); // unpruned: it is
        upstream.add(DEEP, T, goMod(DEEP.path(), "1.16"));
        Prefetcher p = prefetcher(1);

        serveMod(p, APP, true);
        awaitIdle(p);

        assertThat(upstream.log).contains("mod " + LIB, "mod " + old, "mod " + DEEP);
        assertThat(upstream.log.indexOf("mod " + DEEP)).isGreaterThan(upstream.log.indexOf("mod " + old));
        assertThat(upstream.log).doesNotContain("zip " + LIB, "zip " + old, "zip " + DEEP);
    }

    @Test
    void aHit_thatWasNotPrefetched_fetchesNothing() throws Exception {
        appRequiringLib();
        source.mod(APP);
        Prefetcher p = prefetcher(2);

        serveMod(p, APP, false);
        awaitIdle(p);

        assertThat(upstream.log).containsExactly("mod " + APP);
        assertThat(p.counts().fetched()).isZero();
    }

    @Test
    void aZip_isSkipped_onceAClientWasServedAHigherVersionsGoMod() throws Exception {
        ModuleVersion lib11 = new ModuleVersion(LIB.path(), "v1.1.0");
        upstream.add(lib11, T, goMod(LIB.path(), "1.21"));
        upstream.add(LIB, T, goMod(LIB.path(), "1.21"));
        Prefetcher p = prefetcher(1);

        p.servedMod(LIB, source.mod(LIB), false); // v1.2.0 is what the build selects
        serveMod(p, lib11, true);
        awaitIdle(p);
        p.servedInfo(lib11, false);
        awaitIdle(p);

        assertThat(upstream.log).contains("info " + lib11).doesNotContain("zip " + lib11);
        assertThat(p.counts().skipped()).isEqualTo(1);
    }

    @Test
    void eachFile_isQueuedOnce() throws Exception {
        appRequiringLib();
        Prefetcher p = prefetcher(2);

        byte[] mod = serveMod(p, APP, true);
        p.servedMod(APP, mod, true);
        p.servedInfo(APP, true);
        awaitIdle(p);

        assertThat(upstream.log).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void whileAnUpstreamsBreakerIsOpen_nothingIsFetchedAhead() throws Exception {
        appRequiringLib();
        byte[] mod = source.mod(APP);
        upstream.down = true;
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> guarded.info(LIB)).isInstanceOf(IOException.class);
        }
        assertThat(breakers.states()).containsValue(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
        upstream.log.clear();
        Prefetcher p = prefetcher(2);

        p.servedMod(APP, mod, true);
        awaitIdle(p);

        assertThat(upstream.log).isEmpty();
        assertThat(p.counts().dropped()).isEqualTo(2); // LIB's go.mod, APP's .info
    }

    @Test
    void aTransientFailure_dropsWhatIsQueued() throws Exception {
        appRequiringLib();
        byte[] mod = source.mod(APP);
        upstream.down = true; // refused, but the breaker is still closed
        Prefetcher p = prefetcher(1);

        p.servedMod(APP, mod, true);
        awaitIdle(p);

        assertThat(p.counts().failed()).isEqualTo(1); // LIB's go.mod
        assertThat(p.counts().dropped()).isEqualTo(1); // APP's .info, queued behind it
        assertThat(p.counts().fetched()).isZero();
    }

    @Test
    void turnedOff_fetchesNothing() throws Exception {
        upstream.add(APP, T, goMod(APP.path(), "1.21", LIB));
        Prefetcher p = prefetcher(0);

        serveMod(p, APP, true);
        p.servedInfo(APP, true);
        Thread.sleep(100);

        assertThat(upstream.log).containsExactly("mod " + APP);
        assertThat(p.counts()).isEqualTo(new Prefetcher.Counts(0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void requirements_leaveOutGoAndToolchain_andAnUnreadableGoModPlansNothing() {
        PrefetchPlan.Requirements r = PrefetchPlan.requirements(
                APP,
                "module example.com/app\n\ngo 1.22\n\ntoolchain go1.22.1\n\nrequire example.com/lib v1.2.0\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(r.requires()).containsExactly(LIB);
        assertThat(r.pruned()).isTrue();
        assertThat(PrefetchPlan.requirements(APP, "module example.com/app\n".getBytes(StandardCharsets.UTF_8))
                        .pruned())
                .isFalse();
        assertThat(PrefetchPlan.requirements(APP, "require (\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(PrefetchPlan.Requirements.NONE);
        assertThat(List.of(PrefetchPlan.Kind.values()))
                .containsExactly(PrefetchPlan.Kind.MOD, PrefetchPlan.Kind.INFO, PrefetchPlan.Kind.ZIP);
        assertThat(Duration.ofMinutes(30)).isEqualTo(Prefetcher.REMEMBERED);
    }
}
