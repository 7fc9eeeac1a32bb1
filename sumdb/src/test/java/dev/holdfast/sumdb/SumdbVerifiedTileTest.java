package dev.holdfast.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SumdbClient#verifiedTile}: what a proxy keeps of a database's tiles is what its signed tree proves. */
class SumdbVerifiedTileTest {
    private TestLog log;

    @BeforeEach
    void fill() throws IOException {
        log = new TestLog();
        for (int i = 0; i < 40; i++) {
            log.add("example.com/m" + i, "v1.0.0", "example.com/m" + i + " v1.0.0 h1:x=\n");
        }
    }

    @Test
    void verifiedTile_honestTile_returnedAndCached() throws IOException {
        Tile tile = Tile.parsePath("tile/2/0/003");
        SumdbClient client = log.client();

        byte[] data = client.verifiedTile(tile);

        assertThat(data).hasSize(4 * 32).isEqualTo(tile.readData(TlogTest.reader(log.hashes)));
        assertThat(log.cache).containsKey("sum.example.com/tile/2/0/003");
        assertThat(client.verifiedTile(Tile.parsePath("tile/2/1/001"))).hasSize(4 * 32);
    }

    @Test
    void verifiedTile_tamperedTile_refusedAndNeverCached() {
        log.tamperTiles = true;

        assertThatThrownBy(() -> log.client().verifiedTile(Tile.parsePath("tile/2/0/003")))
                .isInstanceOf(SumdbException.class)
                .hasMessageStartingWith("sum.example.com/tile/2/0/003: ");
        assertThat(log.cache.keySet()).noneMatch(k -> k.contains("/tile/"));
    }

    @Test
    void verifiedTile_beyondTheSignedTree_notFound() {
        assertThatThrownBy(() -> log.client().verifiedTile(Tile.parsePath("tile/2/0/010")))
                .isInstanceOf(SumdbException.class)
                .hasMessageContaining("beyond the signed tree of 40 records");
    }

    @Test
    void verifiedTile_partialOrDataTile_refused() {
        assertThatThrownBy(() -> log.client().verifiedTile(Tile.parsePath("tile/2/0/003.p/2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.client().verifiedTile(Tile.parsePath("tile/2/data/003")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
