package dev.holdfast.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The store contract for {@link MemoryStore}. */
class MemoryStoreTest extends StoreContract {
    @Override
    Store store() {
        return new MemoryStore();
    }

    @Override
    byte[] zip(ModuleVersion mv, int seed) throws IOException {
        return TestZips.zip(mv, seed);
    }

    @Test
    void keys_listsWhatWasPut() throws IOException {
        MemoryStore store = new MemoryStore();
        store.put(StoreKey.mod(MV), temp(store, bytes("module example.com/Mod\n")));
        store.put(StoreKey.list(MV.path()), temp(store, bytes("v1.2.3-RC1\n")));
        assertThat(store.keys()).containsExactly("example.com/!mod/@v/list", "example.com/!mod/@v/v1.2.3-!r!c1.mod");
    }
}
