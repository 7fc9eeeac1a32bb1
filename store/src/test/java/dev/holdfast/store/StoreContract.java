package dev.holdfast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Store} promises: put then open and size, replacement, atomicity as seen by a
 * concurrent reader, refusal of bad keys, and concurrent puts of one key. Subclasses supply the
 * store and module zips it can hold.
 */
abstract class StoreContract {
    static final ModuleVersion MV = new ModuleVersion("example.com/Mod", "v1.2.3-RC1");

    /** Returns a new, empty store. */
    abstract Store store() throws IOException;

    /** Returns the bytes of a valid module zip of {@code mv} whose content depends on {@code seed}. */
    abstract byte[] zip(ModuleVersion mv, int seed) throws IOException;

    static Path temp(Store store, byte[] data) throws IOException {
        Path tmp = store.tempFile();
        Files.write(tmp, data);
        return tmp;
    }

    static byte[] read(Store store, String key) throws IOException {
        Optional<InputStream> in = store.open(key);
        assertThat(in).as(key).isPresent();
        try (InputStream s = in.get()) {
            return s.readAllBytes();
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void open_absent() throws IOException {
        Store store = store();
        assertThat(store.open(StoreKey.mod(MV))).isEmpty();
        assertThat(store.size(StoreKey.zip(MV))).isEmpty();
        assertThat(store.open(StoreKey.list(MV.path()))).isEmpty();
    }

    @Test
    void put_thenOpenAndSize() throws IOException {
        Store store = store();
        byte[] zip = zip(MV, 1);
        Path tmp = temp(store, zip);
        store.put(StoreKey.zip(MV), tmp);
        assertThat(read(store, StoreKey.zip(MV))).isEqualTo(zip);
        assertThat(store.size(StoreKey.zip(MV))).contains((long) zip.length);
        assertThat(tmp).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mod", "info", "latest", "list"})
    void put_replacesSmallFiles(String kind) throws IOException {
        Store store = store();
        String key =
                switch (kind) {
                    case "mod" -> StoreKey.mod(MV);
                    case "info" -> StoreKey.info(MV);
                    case "latest" -> StoreKey.latest(MV.path());
                    default -> StoreKey.list(MV.path());
                };
        byte[] first = bytes(kind.equals("list") ? "v1.0.0\n" : "module example.com/Mod\n");
        byte[] second = bytes(kind.equals("list") ? "v1.0.0\nv1.1.0\n" : "module example.com/Mod\n\ngo 1.21\n");
        store.put(key, temp(store, first));
        assertThat(read(store, key)).isEqualTo(first);
        store.put(key, temp(store, second));
        assertThat(read(store, key)).isEqualTo(second);
        assertThat(store.size(key)).contains((long) second.length);
    }

    @Test
    void put_replacesZip() throws IOException {
        Store store = store();
        store.put(StoreKey.zip(MV), temp(store, zip(MV, 1)));
        byte[] second = zip(MV, 2);
        store.put(StoreKey.zip(MV), temp(store, second));
        assertThat(read(store, StoreKey.zip(MV))).isEqualTo(second);
    }

    @Test
    void put_keysAreIndependent() throws IOException {
        Store store = store();
        ModuleVersion other = new ModuleVersion("example.com/mod", "v1.2.3-RC1");
        store.put(StoreKey.mod(MV), temp(store, bytes("module example.com/Mod\n")));
        assertThat(store.open(StoreKey.mod(other))).isEmpty();
        assertThat(store.open(StoreKey.info(MV))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/example.com/m/@v/v1.0.0.mod",
                "../example.com/m/@v/v1.0.0.mod",
                "example.com/../../m/@v/v1.0.0.mod",
                "example.com/m/@v/../../../etc/passwd",
                "example.com/m/@v/v1.0.0.mod/../../x",
                "example.com/m/@v/v1.0.0.ziphash",
                "example.com/m/@v/v1.0.0.lock",
                "example.com/m/@v/v1.0.0",
                "example.com/m/@v/v1.0.mod",
                "example.com/m/@v/master.info",
                "example.com/m/@v/v1.0.0+meta.zip",
                "example.com/M/@v/v1.0.0.mod",
                "example.com/m/@v/v1.0.0-RC.mod",
                "example.com/m/@v/v1.0.0-!r!c.mod/",
                "example.com/m/@v//v1.0.0.mod",
                "example.com//m/@v/v1.0.0.mod",
                "example.com/m/@latest/",
                "example.com/m/@v/list.tmp",
                "example.com\\m/@v/v1.0.0.mod",
                "sumdb/sum.example.com/latest",
                "cache/download/example.com/m/@v/v1.0.0.mod"
            })
    void badKeys_rejected(String key) throws IOException {
        Store store = store();
        Path tmp = temp(store, bytes("x"));
        assertThatThrownBy(() -> store.put(key, tmp)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.size(key)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tmp).exists(); // not consumed
    }

    @Test
    void concurrentReader_seesOldOrNew() throws Exception {
        Store store = store();
        byte[] a = zip(MV, 1);
        byte[] b = zip(MV, 2);
        store.put(StoreKey.zip(MV), temp(store, a));
        AtomicBoolean done = new AtomicBoolean();
        int reads = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    store.put(StoreKey.zip(MV), temp(store, i % 2 == 0 ? b : a));
                }
                done.set(true);
                return null;
            });
            while (!done.get()) {
                byte[] got = read(store, StoreKey.zip(MV));
                assertThat(got).satisfiesAnyOf(g -> assertThat(g).isEqualTo(a), g -> assertThat(g)
                        .isEqualTo(b));
                reads++;
            }
            writer.get();
        }
        assertThat(reads).isPositive();
    }

    @Test
    void concurrentPuts_oneKey_oneWinnerIntact() throws Exception {
        Store store = store();
        List<byte[]> zips = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            zips.add(zip(MV, i));
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> puts = new ArrayList<>();
            for (byte[] z : zips) {
                Path tmp = temp(store, z);
                puts.add(pool.submit(() -> {
                    store.put(StoreKey.zip(MV), tmp);
                    return null;
                }));
            }
            for (Future<?> f : puts) {
                f.get();
            }
        }
        byte[] got = read(store, StoreKey.zip(MV));
        assertThat(zips).anySatisfy(z -> assertThat(z).isEqualTo(got));
    }

    @Test
    void tempFile_isNewAndEmpty() throws IOException {
        Store store = store();
        Path a = store.tempFile();
        Path b = store.tempFile();
        assertThat(a).isNotEqualTo(b).exists().isEmptyFile();
        assertThat(b).exists().isEmptyFile();
    }
}
