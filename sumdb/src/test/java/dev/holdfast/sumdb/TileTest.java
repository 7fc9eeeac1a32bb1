package dev.holdfast.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.sumdb.Tlog.Hash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tiles, their paths (spec 12.3) and reading authenticated hashes through them (spec 12.5). */
class TileTest {
    @ParameterizedTest
    @CsvSource({
        "8,0,0,256,tile/8/0/000",
        "8,0,1234067,256,tile/8/0/x001/x234/067",
        "8,0,1234067,5,tile/8/0/x001/x234/067.p/5",
        "8,-1,3,17,tile/8/data/003.p/17",
        "2,3,1000,4,tile/2/3/x001/000",
    })
    void path_roundTrip(int h, int l, long n, int w, String path) {
        Tile t = new Tile(h, l, n, w);
        assertThat(t.path()).isEqualTo(path);
        assertThat(Tile.parsePath(path)).isEqualTo(t);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tile/8/0/0", "tile/8/0/0000", "tile/8/0/001.p/256", "tile/8/0/001.p/0", "tile/0/0/000",
                "tile/31/0/000", "tile/8/-1/000", "tile/8/0/x000/001", "tile/8/0/001/002", "tiles/8/0/000",
                "tile/8/0", "tile/08/0/000", "tile/8/0/x1000/000"
            })
    void parsePath_bad(String path) {
        assertThatThrownBy(() -> Tile.parsePath(path)).hasMessage("malformed tile path \"" + path + "\"");
    }

    @Test
    void newTiles_smallTree() {
        assertThat(Tile.newTiles(2, 0, 5))
                .containsExactly(new Tile(2, 0, 0, 4), new Tile(2, 0, 1, 1), new Tile(2, 1, 0, 1));
        assertThat(Tile.newTiles(2, 4, 5)).containsExactly(new Tile(2, 0, 1, 1));
    }

    @Test
    void tileHashReader_readsEveryHashOfTheTree() throws IOException {
        List<Hash> stored = TlogTest.build(300);
        for (int size : new int[] {1, 2, 7, 256, 257, 300}) {
            Tlog.Tree tree = new Tlog.Tree(size, TlogTest.mth(0, size));
            TileHashReader r = new TileHashReader(tree, server(stored, 2, false));
            long count = Tlog.storedHashIndex(0, size);
            long[] all = new long[(int) count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            assertThat(r.readHashes(all)).isEqualTo(stored.subList(0, (int) count));
            assertThat(Tlog.treeHash(size, r)).isEqualTo(tree.hash());
        }
    }

    @Test
    void tileHashReader_tamperedTile_inconsistent() throws IOException {
        List<Hash> stored = TlogTest.build(40);
        Tlog.Tree tree = new Tlog.Tree(40, TlogTest.mth(0, 40));
        TileHashReader r = new TileHashReader(tree, server(stored, 2, true));
        assertThatThrownBy(() -> r.readHashes(new long[] {Tlog.storedHashIndex(0, 3)}))
                .hasMessage("downloaded inconsistent tile");
        Tlog.Tree wrongTree = new Tlog.Tree(40, TlogTest.mth(0, 39));
        TileHashReader w = new TileHashReader(wrongTree, server(stored, 2, false));
        assertThatThrownBy(() -> w.readHashes(new long[] {0})).hasMessage("downloaded inconsistent tile");
        assertThatThrownBy(() -> w.readHashes(new long[] {Tlog.storedHashIndex(0, 40)}))
                .hasMessage("indexes not in tree");
    }

    /** Serves tiles of height {@code h} from stored hashes; {@code tamper} flips a bit in level-0 tile 0. */
    private static TileHashReader.TileReader server(List<Hash> stored, int h, boolean tamper) {
        return new TileHashReader.TileReader() {
            @Override
            public int height() {
                return h;
            }

            @Override
            public List<byte[]> readTiles(List<Tile> tiles) throws IOException {
                List<byte[]> out = new ArrayList<>();
                for (Tile t : tiles) {
                    byte[] data = t.readData(TlogTest.reader(stored));
                    if (tamper && t.l() == 0 && t.n() == 0) {
                        data[0] ^= 1;
                    }
                    out.add(data);
                }
                return out;
            }

            @Override
            public void saveTiles(List<Tile> tiles, List<byte[]> data) {}
        };
    }
}
