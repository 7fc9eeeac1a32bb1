package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.MemoryStore;
import dev.holdfast.store.Store;
import dev.holdfast.store.StoreKey;
import dev.holdfast.sum.GoSum;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read-through caching, verification before storing, TTLs and stale answers of {@link CachingSource}. */
class CachingSourceTest {
    static final ModuleVersion MV = new ModuleVersion("example.com/m", "v1.0.0");

    @TempDir
    Path tmp;

    final CachingUpstream upstream = new CachingUpstream();
    final TestClock clock = new TestClock();
    final MemoryStore store = new MemoryStore(clock);

    /** A clock that moves only when told to. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    CachingSource source(Verifier verifier) {
        return new CachingSource(store, upstream, verifier, clock);
    }

    ZipTarget target() throws IOException {
        return new ZipTarget(Files.createTempFile(tmp, "target", ".zip"));
    }

    static GoSum sums(String text) {
        return GoSum.parse("go.sum", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mod_fetchedOnceThenFromStore() throws IOException {
        upstream.add(MV);
        CachingSource source = source(Verifier.NONE);
        assertThat(source.mod(MV)).isEqualTo(upstream.mods.get(MV));
        assertThat(source.mod(MV)).isEqualTo(upstream.mods.get(MV));
        assertThat(upstream.count("mod " + MV)).isEqualTo(1);
        assertThat(store.keys()).contains(StoreKey.mod(MV));
    }

    @Test
    void backgroundCommits_answerBeforeTheWrite_neverFetchTwice_andStoreOnceWritten() throws Exception {
        upstream.add(MV);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Store slow = new Store() {
            @Override
            public java.util.Optional<java.io.InputStream> open(String key) {
                return store.open(key);
            }

            @Override
            public java.util.Optional<Long> size(String key) {
                return store.size(key);
            }

            @Override
            public void put(String key, Path tmpFile) throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("interrupted");
                }
                store.put(key, tmpFile);
            }

            @Override
            public Path tempFile() throws IOException {
                return store.tempFile();
            }
        };
        CachingSource source = new CachingSource(slow, upstream, Verifier.NONE, clock).withBackgroundCommits();

        assertThat(source.mod(MV)).isEqualTo(upstream.mods.get(MV)); // while the write waits
        assertThat(source.info(MV).version()).isEqualTo("v1.0.0");
        assertThat(store.keys()).isEmpty();
        assertThat(source.mod(MV)).isEqualTo(upstream.mods.get(MV));
        assertThat(source.fillsInFlight(10)).containsExactly(StoreKey.info(MV), StoreKey.mod(MV));

        release.countDown();
        assertThat(source.awaitCommits(Duration.ofSeconds(5))).isTrue();
        assertThat(store.keys()).contains(StoreKey.mod(MV), StoreKey.info(MV));
        assertThat(source.mod(MV)).isEqualTo(upstream.mods.get(MV));
        assertThat(upstream.count("mod " + MV)).isEqualTo(1);
        assertThat(upstream.count("info " + MV)).isEqualTo(1);
    }

    @Test
    void backgroundCommits_verifyBeforeAnswering() throws IOException {
        upstream.add(MV);
        Verifier v =
                GoSumVerifier.of(sums("example.com/m v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"));
        CachingSource source = new CachingSource(store, upstream, v, clock).withBackgroundCommits();
        assertThatThrownBy(() -> source.mod(MV)).isInstanceOf(ChecksumMismatchException.class);
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void mod_mismatch_notStored() throws IOException {
        upstream.add(MV);
        Verifier v =
                GoSumVerifier.of(sums("example.com/m v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"));
        assertThatThrownBy(() -> source(v).mod(MV)).isInstanceOf(ChecksumMismatchException.class);
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void mod_fromStore_checkedAgainstThisVerifier() throws IOException {
        upstream.add(MV);
        source(Verifier.NONE).mod(MV);
        Verifier v =
                GoSumVerifier.of(sums("example.com/m v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"));
        assertThatThrownBy(() -> source(v).mod(MV)).isInstanceOf(ChecksumMismatchException.class);
        assertThat(upstream.count("mod " + MV)).isEqualTo(1);
    }

    @Test
    void mod_fromStore_hashCheckedOnly_asGoReadsItsCache() throws IOException {
        // A go.mod that does not parse, put in the store by someone else (the go command's module cache
        // holds what the upstream sent): read back with its hash checked, its syntax left to the parser.
        byte[] broken = "module example.com/m\nrequire (\n".getBytes(StandardCharsets.UTF_8);
        store.put(StoreKey.mod(MV), Files.write(tmp.resolve("broken.mod"), broken));
        Verifier recorded = GoSumVerifier.of(sums("example.com/m v1.0.0/go.mod " + DirHash.hashGoMod(broken) + "\n"));

        assertThat(source(recorded).mod(MV)).isEqualTo(broken);
        Verifier other =
                GoSumVerifier.of(sums("example.com/m v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"));
        assertThatThrownBy(() -> source(other).mod(MV)).isInstanceOf(ChecksumMismatchException.class);
        assertThat(upstream.count("mod " + MV)).isZero();
    }

    @Test
    void mod_notFound_propagatesAndNothingStored() {
        assertThatThrownBy(() -> source(Verifier.NONE).mod(MV)).isInstanceOf(ModuleNotFoundException.class);
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void info_canonical_cachedForever() throws IOException {
        upstream.add(MV);
        CachingSource source = source(Verifier.NONE);
        RevInfo first = source.info(MV);
        clock.advance(Duration.ofDays(365));
        assertThat(source.info(MV)).isEqualTo(first);
        assertThat(upstream.count("info " + MV)).isEqualTo(1);
        assertThat(first.time()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void info_query_askedEveryTime_resolvedVersionStored() throws IOException {
        upstream.add(MV);
        CachingSource source = source(Verifier.NONE);
        ModuleVersion query = new ModuleVersion(MV.path(), "main");
        assertThat(source.info(query).version()).isEqualTo("v1.0.0");
        assertThat(source.info(query).version()).isEqualTo("v1.0.0");
        assertThat(upstream.count("info " + query)).isEqualTo(2);
        assertThat(source.info(MV).time()).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
        assertThat(upstream.count("info " + MV)).isZero();
    }

    @Test
    void zip_downloadedOnceVerifiedStoredThenCopied() throws IOException {
        byte[] zip = upstream.add(MV);
        CachingSource source = source(Verifier.NONE);
        ZipTarget t1 = target();
        source.zip(MV, t1);
        ZipTarget t2 = target();
        Files.writeString(t2.file(), "leftover from an earlier attempt");
        source.zip(MV, t2);
        assertThat(t1.file()).hasBinaryContent(zip);
        assertThat(t2.file()).hasBinaryContent(zip);
        assertThat(upstream.count("zip " + MV)).isEqualTo(1);
        assertThat(store.keys()).containsExactly(StoreKey.zip(MV));
    }

    @Test
    void zip_mismatch_nothingStoredTargetEmptied() throws IOException {
        upstream.add(MV);
        Verifier v = GoSumVerifier.of(sums("example.com/m v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"));
        ZipTarget t = target();
        assertThatThrownBy(() -> source(v).zip(MV, t)).isInstanceOf(ChecksumMismatchException.class);
        assertThat(store.keys()).isEmpty();
        assertThat(t.length()).isZero();
    }

    @Test
    void zip_everyFlippedByte_rejectedOrSameContent() throws IOException {
        byte[] zip = upstream.add(MV);
        Path good = Files.write(tmp.resolve("good.zip"), zip);
        String h1 = DirHash.hashZip(good);
        Verifier v = GoSumVerifier.of(sums("example.com/m v1.0.0 " + h1 + "\n"));
        int rejected = 0;
        for (int i = 0; i < zip.length; i++) {
            int at = i;
            upstream.zipFilter = b -> {
                b[at] ^= 0x20;
                return b;
            };
            MemoryStore fresh = new MemoryStore();
            CachingSource source = new CachingSource(fresh, upstream, v, clock);
            try {
                source.zip(MV, target());
                // Bytes the hash does not cover (times, local headers): the stored content is still h1.
                Path stored = Files.write(
                        tmp.resolve("stored.zip"),
                        fresh.open(StoreKey.zip(MV)).orElseThrow().readAllBytes());
                assertThat(DirHash.hashZip(stored)).as("byte %d", at).isEqualTo(h1);
            } catch (ChecksumMismatchException | UpstreamException e) {
                rejected++;
                assertThat(fresh.keys()).as("byte %d", at).isEmpty();
            }
        }
        assertThat(rejected).isGreaterThan(zip.length / 3);
    }

    @Test
    void zip_corruptDataWithoutGoSum_invalidZip() throws IOException {
        byte[] zip = upstream.add(MV);
        // the first entry's data follows its 30-byte local header, name and extra field
        int data = 30 + (zip[26] & 0xff | (zip[27] & 0xff) << 8) + (zip[28] & 0xff | (zip[29] & 0xff) << 8);
        upstream.zipFilter = b -> {
            b[data + 1] ^= 0x55;
            return b;
        };
        assertThatThrownBy(() -> source(Verifier.NONE).zip(MV, target()))
                .isInstanceOf(UpstreamException.class)
                .satisfies(e -> assertThat(FetchErrors.isTransient(e)).isFalse());
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void zip_fromStore_checkedAgainstThisVerifier() throws IOException {
        upstream.add(MV);
        source(Verifier.NONE).zip(MV, target());
        Verifier v = GoSumVerifier.of(sums("example.com/m v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"));
        ZipTarget t = target();
        assertThatThrownBy(() -> source(v).zip(MV, t)).isInstanceOf(ChecksumMismatchException.class);
        assertThat(t.length()).isZero();
    }

    @Test
    void list_freshWithinTtl_thenRefetched() throws IOException {
        upstream.add(MV);
        CachingSource source = source(Verifier.NONE).withTtl(Duration.ofSeconds(30));
        assertThat(source.listAnswer(MV.path()))
                .isEqualTo(new CachingSource.Answer.Fresh<>(List.of("v1.0.0"), clock.instant()));
        upstream.add(new ModuleVersion(MV.path(), "v1.1.0"));
        clock.advance(Duration.ofSeconds(29));
        assertThat(source.list(MV.path())).containsExactly("v1.0.0");
        clock.advance(Duration.ofSeconds(1));
        assertThat(source.list(MV.path())).containsExactly("v1.0.0", "v1.1.0");
        assertThat(upstream.count("list " + MV.path())).isEqualTo(2);
    }

    @Test
    void sharedAnswers_aListAnotherInstanceStoredWithinTheTtl_isFreshWithoutAskingTheUpstream() throws IOException {
        upstream.add(MV);
        MemoryStore bucket = new MemoryStore(clock);
        CachingSource first = new CachingSource(bucket, upstream, Verifier.NONE, clock).withSharedAnswers();
        Instant fetched = clock.instant();
        assertThat(first.list(MV.path())).containsExactly("v1.0.0");
        upstream.add(new ModuleVersion(MV.path(), "v1.1.0"));
        clock.advance(Duration.ofSeconds(59));

        CachingSource second = new CachingSource(bucket, upstream, Verifier.NONE, clock).withSharedAnswers();
        assertThat(second.listAnswer(MV.path()))
                .isEqualTo(new CachingSource.Answer.Fresh<>(List.of("v1.0.0"), fetched));
        assertThat(upstream.count("list " + MV.path())).isEqualTo(1);

        CachingSource unshared = new CachingSource(bucket, upstream, Verifier.NONE, clock);
        assertThat(unshared.list(MV.path())).as("not told the store is shared").containsExactly("v1.0.0", "v1.1.0");
        assertThat(upstream.count("list " + MV.path())).isEqualTo(2);

        clock.advance(Duration.ofSeconds(60));
        CachingSource third = new CachingSource(bucket, upstream, Verifier.NONE, clock).withSharedAnswers();
        assertThat(third.list(MV.path())).as("stored a minute ago: asked again").containsExactly("v1.0.0", "v1.1.0");
        assertThat(upstream.count("list " + MV.path())).isEqualTo(3);
    }

    @Test
    void list_transientFailure_staleAnswer() throws IOException {
        upstream.add(MV);
        CachingSource source = source(Verifier.NONE);
        Instant fetched = clock.instant();
        source.list(MV.path());
        clock.advance(Duration.ofMinutes(5));
        SocketTimeoutException timeout = new SocketTimeoutException("timed out");
        upstream.failure = timeout;
        CachingSource.Answer<List<String>> answer = source.listAnswer(MV.path());
        assertThat(answer).isEqualTo(new CachingSource.Answer.Stale<>(List.of("v1.0.0"), fetched, timeout));
        assertThat(answer.isStale()).isTrue();
        assertThat(source.list(MV.path())).containsExactly("v1.0.0");
    }

    @Test
    void list_permanentFailure_notHidden() throws IOException {
        upstream.add(MV);
        CachingSource source = source(Verifier.NONE);
        source.list(MV.path());
        clock.advance(Duration.ofMinutes(5));
        upstream.failure = new ModuleNotFoundException("gone");
        assertThatThrownBy(() -> source.list(MV.path())).isInstanceOf(ModuleNotFoundException.class);
        upstream.failure = new UpstreamException("403 Forbidden", 403, false);
        assertThatThrownBy(() -> source.list(MV.path())).isInstanceOf(UpstreamException.class);
    }

    @Test
    void list_transientFailureNothingKnown_thrown() {
        upstream.failure = new UpstreamException("503 Service Unavailable", 503, true);
        assertThatThrownBy(() -> source(Verifier.NONE).list(MV.path())).hasMessage("503 Service Unavailable");
    }

    @Test
    void latest_staleFromStoreAfterRestart() throws IOException {
        upstream.add(MV);
        Instant stored = clock.instant();
        RevInfo latest = source(Verifier.NONE).latest(MV.path());
        upstream.failure = new IOException("connection reset");
        clock.advance(Duration.ofMinutes(2));
        CachingSource restarted = source(Verifier.NONE);
        CachingSource.Answer<RevInfo> answer = restarted.latestAnswer(MV.path());
        assertThat(answer.value()).isEqualTo(latest);
        assertThat(answer).isInstanceOfSatisfying(CachingSource.Answer.Stale.class, s -> {
            assertThat(s.fetched()).as("the time the store gives").isEqualTo(stored);
            assertThat(s.failure()).hasMessage("connection reset");
        });
    }

    @Test
    void withTtl_negative_rejected() {
        assertThatThrownBy(() -> source(Verifier.NONE).withTtl(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describe_namesUpstream() {
        assertThat(source(Verifier.NONE).describe()).isEqualTo("cache of test upstream");
    }
}
