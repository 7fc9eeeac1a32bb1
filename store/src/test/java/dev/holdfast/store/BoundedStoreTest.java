package dev.holdfast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract for {@link BoundedStore} under a bound it never reaches, and its eviction: least
 * recently used zips go first, small files never, nothing in use or being written, the order survives a
 * restart, and its count of bytes is what the disk holds, also under concurrent use.
 */
class BoundedStoreTest extends StoreContract {
    @TempDir
    Path tmp;

    /** A clock in nanoseconds that tests move by hand. */
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    @Override
    Store store() throws IOException {
        return bounded(Long.MAX_VALUE, Duration.ZERO);
    }

    @Override
    byte[] zip(ModuleVersion mv, int seed) throws IOException {
        return TestZips.zip(mv, seed);
    }

    private Path root;

    private BoundedStore bounded(long max, Duration inUse) throws IOException {
        root = Files.createDirectories(tmp.resolve("cache" + System.nanoTime()));
        return reopen(max, inUse);
    }

    private BoundedStore reopen(long max, Duration inUse) throws IOException {
        return BoundedStore.over(DiskStore.of(root).withExtraction(false), max, inUse, now::get);
    }

    private static ModuleVersion mv(int i) {
        return new ModuleVersion("example.com/m" + i, "v1.0.0");
    }

    /** Puts a zip of about {@code files} * 40 bytes for {@code mv}, with its .mod and .info. */
    private static void putModule(Store store, ModuleVersion mv, int files) throws IOException {
        store.put(StoreKey.mod(mv), temp(store, bytes("module " + mv.path() + "\n")));
        store.put(StoreKey.info(mv), temp(store, bytes("{\"Version\":\"" + mv.version() + "\"}")));
        store.put(StoreKey.zip(mv), temp(store, TestZips.zip(mv, 1, files)));
    }

    /** Returns the bytes under the download area as the file system counts them (locks are empty). */
    private long onDisk() throws IOException {
        try (Stream<Path> files = Files.walk(CachePaths.downloadDir(root))) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        }
    }

    private boolean holdsZip(Store store, int i) throws IOException {
        return store.size(StoreKey.zip(mv(i))).isPresent();
    }

    @Test
    void overTheBound_evictsLeastRecentlyUsedZipsOnly() throws IOException {
        BoundedStore store = bounded(Long.MAX_VALUE, Duration.ZERO);
        putModule(store, mv(0), 50);
        long one = store.bytes();
        store = bounded(one * 3 + one / 2, Duration.ZERO);
        for (int i = 0; i < 6; i++) {
            putModule(store, mv(i), 50);
            now.addAndGet(1_000);
        }
        assertThat(store.bytes()).isLessThanOrEqualTo(store.maxBytes()).isEqualTo(onDisk());
        assertThat(List.of(holdsZip(store, 0), holdsZip(store, 1), holdsZip(store, 2)))
                .containsOnly(false);
        assertThat(List.of(holdsZip(store, 3), holdsZip(store, 4), holdsZip(store, 5)))
                .containsOnly(true);
        assertThat(store.evictions()).isEqualTo(3);
        for (int i = 0; i < 6; i++) {
            assertThat(store.size(StoreKey.mod(mv(i)))).as("mod %d", i).isPresent();
            assertThat(store.size(StoreKey.info(mv(i)))).as("info %d", i).isPresent();
        }
        assertThat(Files.exists(new CachePaths(root, mv(0)).ziphash())).isFalse();
        assertThat(store.usage()).contains(new StoreUsage(3 * 2 + 6 * 3, 3, store.bytes()));
    }

    @Test
    void aZipUsedRecently_outlivesOneStoredEarlierButNotUsed() throws IOException {
        BoundedStore store = bounded(Long.MAX_VALUE, Duration.ZERO);
        putModule(store, mv(0), 50);
        long one = store.bytes();
        store = bounded(one * 2 + one / 2, Duration.ZERO);
        putModule(store, mv(0), 50);
        now.addAndGet(1_000);
        putModule(store, mv(1), 50);
        now.addAndGet(1_000);
        try (StoredContent c = store.content(StoreKey.zip(mv(0))).orElseThrow()) {
            assertThat(c.size()).isPositive();
        }
        now.addAndGet(1_000);
        putModule(store, mv(2), 50);
        assertThat(holdsZip(store, 0)).isTrue();
        assertThat(holdsZip(store, 1)).isFalse();
        assertThat(holdsZip(store, 2)).isTrue();
    }

    @Test
    void zipsInUse_areNotEvicted_untilTheirUseIsOver() throws IOException {
        BoundedStore store = bounded(1, Duration.ofMinutes(1));
        putModule(store, mv(0), 20);
        putModule(store, mv(1), 20);
        assertThat(holdsZip(store, 0)).isTrue();
        assertThat(holdsZip(store, 1)).isTrue();
        assertThat(store.bytes()).isGreaterThan(store.maxBytes());
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        putModule(store, mv(2), 20);
        assertThat(holdsZip(store, 0)).isFalse();
        assertThat(holdsZip(store, 1)).isFalse();
        assertThat(holdsZip(store, 2)).as("just written").isTrue();
    }

    @Test
    void overTheBoundWithEverythingInUse_looksAgainWhenTheUseIsOver() throws Exception {
        root = Files.createDirectories(tmp.resolve("recheck"));
        BoundedStore store = BoundedStore.over(
                DiskStore.of(root).withExtraction(false), 1, Duration.ofMillis(300), System::nanoTime);
        store.put(StoreKey.zip(mv(0)), temp(store, TestZips.zip(mv(0), 1, 5)));
        store.put(StoreKey.zip(mv(1)), temp(store, TestZips.zip(mv(1), 1, 5)));
        assertThat(store.evictions()).as("both in use").isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.evictions() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(store.evictions()).isEqualTo(2);
        assertThat(store.bytes()).isEqualTo(onDisk()).isEqualTo(0);
    }

    @Test
    void anOpenZip_isReadWholeAfterItIsEvicted() throws IOException {
        BoundedStore store = bounded(Long.MAX_VALUE, Duration.ZERO);
        byte[] expected = TestZips.zip(mv(0), 1, 20);
        putModule(store, mv(0), 20);
        try (InputStream in = store.open(StoreKey.zip(mv(0))).orElseThrow()) {
            BoundedStore.over(DiskStore.of(root).withExtraction(false), 1, Duration.ZERO, now::get); // evicts
            assertThat(Files.exists(new CachePaths(root, mv(0)).zip())).isFalse();
            assertThat(in.readAllBytes()).isEqualTo(expected);
        }
    }

    @Test
    void restart_countsWhatIsOnDisk_andEvictsInTheOrderOfUse() throws IOException {
        BoundedStore store = bounded(Long.MAX_VALUE, Duration.ZERO);
        for (int i = 0; i < 4; i++) {
            putModule(store, mv(i), 50);
        }
        long all = store.bytes();
        long start = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        int[] order = {2, 0, 3, 1}; // used in this order, 1 last
        for (int n = 0; n < order.length; n++) {
            FileTime t = FileTime.fromMillis(start + n * 60_000L);
            Files.getFileAttributeView(new CachePaths(root, mv(order[n])).zip(), BasicFileAttributeView.class)
                    .setTimes(t, t, null);
        }
        long zip = Files.size(new CachePaths(root, mv(0)).zip());
        BoundedStore reopened = reopen(all - zip - zip / 2, Duration.ZERO);
        assertThat(reopened.bytes()).isEqualTo(onDisk()).isLessThanOrEqualTo(reopened.maxBytes());
        assertThat(holdsZip(reopened, 2)).isFalse();
        assertThat(holdsZip(reopened, 0)).isFalse();
        assertThat(holdsZip(reopened, 3)).isTrue();
        assertThat(holdsZip(reopened, 1)).isTrue();
    }

    @Test
    void use_writesTheAccessTimeToDisk_atMostEveryTenMinutes() throws IOException {
        BoundedStore store = bounded(Long.MAX_VALUE, Duration.ZERO);
        putModule(store, mv(0), 5);
        Path zip = new CachePaths(root, mv(0)).zip();
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.getFileAttributeView(zip, BasicFileAttributeView.class).setTimes(old, old, null);
        store.size(StoreKey.zip(mv(0)));
        assertThat(Files.readAttributes(zip, BasicFileAttributes.class).lastAccessTime())
                .isEqualTo(old);
        now.addAndGet(BoundedStore.TOUCH_EVERY.toNanos());
        store.size(StoreKey.zip(mv(0)));
        assertThat(Files.readAttributes(zip, BasicFileAttributes.class).lastAccessTime())
                .isGreaterThan(old);
    }

    @Test
    void aZipPutThereByAnotherWriter_isCountedWhenFirstUsed() throws IOException {
        BoundedStore store = bounded(Long.MAX_VALUE, Duration.ZERO);
        DiskStore other = DiskStore.of(root).withExtraction(false);
        other.put(StoreKey.zip(mv(7)), temp(other, TestZips.zip(mv(7), 1, 5)));
        assertThat(store.bytes()).isZero();
        store.content(StoreKey.zip(mv(7))).orElseThrow().close();
        assertThat(store.bytes()).isEqualTo(Files.size(new CachePaths(root, mv(7)).zip()));
    }

    @Test
    void concurrentWritersAndReaders_keepTheCountTrue_andNeverReadAPart() throws Exception {
        BoundedStore store = bounded(Long.MAX_VALUE, Duration.ZERO);
        putModule(store, mv(0), 30);
        long one = store.bytes();
        BoundedStore bounded = bounded(one * 5, Duration.ZERO);
        List<byte[]> zips = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            zips.add(TestZips.zip(mv(i), 1, 30));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                done.add(pool.submit(() -> {
                    for (int n = 0; n < 150; n++) {
                        int i = ThreadLocalRandom.current().nextInt(zips.size());
                        String key = StoreKey.zip(mv(i));
                        Optional<InputStream> in = bounded.open(key);
                        if (in.isPresent()) {
                            byte[] read;
                            try (InputStream s = in.get()) {
                                read = s.readAllBytes();
                            }
                            assertThat(read).as(key).isEqualTo(zips.get(i));
                        } else {
                            putModule(bounded, mv(i), 30);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(bounded.evictions()).isPositive();
        assertThat(bounded.bytes()).isEqualTo(onDisk()).isLessThanOrEqualTo(bounded.maxBytes());
    }

    @Test
    void aBoundThatIsNotPositive_isRefused() {
        assertThatThrownBy(() -> bounded(0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
    }
}
