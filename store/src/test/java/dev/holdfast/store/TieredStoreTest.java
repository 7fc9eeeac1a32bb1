package dev.holdfast.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract for {@link TieredStore}, and its tiers: writes reach both, lists and {@code @latest}
 * only the shared store, a file only the shared store holds is made local on its first read (a zip only
 * when its hash is the one kept beside it), and an evicted zip comes back from the shared store.
 */
class TieredStoreTest extends StoreContract {
    @TempDir
    Path tmp;

    private DiskStore shared;
    private DiskStore local;

    @Override
    Store store() throws IOException {
        return tiered(Long.MAX_VALUE);
    }

    @Override
    byte[] zip(ModuleVersion mv, int seed) throws IOException {
        return TestZips.zip(mv, seed);
    }

    private TieredStore tiered(long max) throws IOException {
        long n = System.nanoTime();
        shared =
                DiskStore.of(Files.createDirectories(tmp.resolve("shared" + n))).withExtraction(false);
        local = DiskStore.of(Files.createDirectories(tmp.resolve("local" + n))).withExtraction(false);
        return TieredStore.of(BoundedStore.over(local, max, Duration.ZERO, System::nanoTime), shared);
    }

    @Test
    void put_reachesBothTiers_butListsAndLatestOnlyTheSharedOne() throws IOException {
        TieredStore store = tiered(Long.MAX_VALUE);
        store.put(StoreKey.mod(MV), temp(store, bytes("module example.com/Mod\n")));
        store.putZip(
                StoreKey.zip(MV),
                temp(store, zip(MV, 1)),
                dev.holdfast.dirhash.DirHash.hashZip(temp(store, zip(MV, 1))));
        store.put(StoreKey.latest(MV.path()), temp(store, bytes("{\"Version\":\"v1.2.3-RC1\"}")));
        for (String key : new String[] {StoreKey.mod(MV), StoreKey.zip(MV)}) {
            assertThat(local.size(key)).as(key).isPresent();
            assertThat(shared.size(key)).as(key).isPresent();
        }
        assertThat(shared.size(StoreKey.latest(MV.path()))).isPresent();
        assertThat(local.size(StoreKey.latest(MV.path()))).isEmpty();
        assertThat(read(store, StoreKey.list(MV.path()))).isEqualTo(read(shared, StoreKey.list(MV.path())));
    }

    @Test
    void aFileOnlyTheSharedStoreHolds_isMadeLocalOnItsFirstRead() throws IOException {
        TieredStore store = tiered(Long.MAX_VALUE);
        shared.put(StoreKey.zip(MV), temp(shared, zip(MV, 3)));
        shared.put(StoreKey.mod(MV), temp(shared, bytes("module example.com/Mod\n")));
        try (StoredContent c = store.content(StoreKey.zip(MV)).orElseThrow()) {
            assertThat(c).isInstanceOf(StoredContent.OnDisk.class);
            assertThat(((StoredContent.OnDisk) c).file()).startsWith(local.root());
            assertThat(c.h1()).startsWith("h1:");
        }
        assertThat(read(store, StoreKey.mod(MV))).isEqualTo(bytes("module example.com/Mod\n"));
        assertThat(read(local, StoreKey.zip(MV))).isEqualTo(zip(MV, 3));
        assertThat(local.size(StoreKey.mod(MV))).isPresent();
    }

    @Test
    void aDamagedZipInTheSharedStore_isNotMadeLocal() throws IOException {
        TieredStore store = tiered(Long.MAX_VALUE);
        shared.put(StoreKey.zip(MV), temp(shared, zip(MV, 3)));
        Files.write(shared.file(StoreKey.zip(MV)), zip(MV, 4)); // other bytes, same .ziphash
        try (StoredContent c = store.content(StoreKey.zip(MV)).orElseThrow()) {
            assertThat(((StoredContent.OnDisk) c).file()).startsWith(shared.root());
        }
        assertThat(local.size(StoreKey.zip(MV))).isEmpty();
    }

    @Test
    void aZipEvictedFromTheLocalTier_comesBackFromTheSharedStore() throws IOException {
        TieredStore store = tiered(1);
        store.put(StoreKey.zip(MV), temp(store, zip(MV, 5)));
        assertThat(local.size(StoreKey.zip(MV)))
                .as("evicted at once: the bound is one byte")
                .isEmpty();
        assertThat(read(store, StoreKey.zip(MV))).isEqualTo(zip(MV, 5));
        assertThat(store.bound().orElseThrow().evictions())
                .as("after the put and after the copy of the read")
                .isEqualTo(2);
    }
}
