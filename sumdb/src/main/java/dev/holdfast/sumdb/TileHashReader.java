package dev.holdfast.sumdb;

import dev.holdfast.sumdb.Tlog.Hash;
import dev.holdfast.sumdb.Tlog.Tree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads stored hashes of a tree from tiles and authenticates every tile against the tree's signed
 * hash before trusting it (x/mod {@code tlog.TileHashReader}): the tiles holding the tree's maximal
 * subtrees must fold to the tree hash, and every other tile must hash to the entry in its parent
 * tile. Only authenticated tiles are handed to {@link TileReader#saveTiles}.
 */
public final class TileHashReader implements Tlog.HashReader {
    /** Where tiles come from: a cache or a server. */
    public interface TileReader {
        /** Returns the tile height. */
        int height();

        /** Returns the data of each tile, in order. */
        List<byte[]> readTiles(List<Tile> tiles) throws IOException;

        /** Takes note that the tiles have been authenticated (for example, to cache them). */
        void saveTiles(List<Tile> tiles, List<byte[]> data);
    }

    private final Tree tree;
    private final TileReader reader;

    /** Returns a reader of {@code tree}'s hashes through {@code reader}. */
    public TileHashReader(Tree tree, TileReader reader) {
        this.tree = tree;
        this.reader = reader;
    }

    @Override
    public List<Hash> readHashes(long[] indexes) throws IOException {
        int h = reader.height();
        Map<Tile, Integer> order = new HashMap<>();
        List<Tile> tiles = new ArrayList<>();

        // The tiles that hold the tree's maximal subtrees: they authenticate against the tree hash.
        List<Long> stx = Tlog.subTreeIndex(0, tree.n(), new ArrayList<>());
        int[] stxTile = new int[stx.size()];
        for (int i = 0; i < stx.size(); i++) {
            Tile tile = Tile.forIndex(h, stx.get(i)).parent(0, tree.n());
            stxTile[i] = order.computeIfAbsent(tile, t -> {
                tiles.add(t);
                return tiles.size() - 1;
            });
        }

        // Each index's tile, and its ancestors up to one already planned.
        int[] indexTile = new int[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            long x = indexes[i];
            if (x >= Tlog.storedHashIndex(0, tree.n())) {
                throw new SumdbException("indexes not in tree", 0, false, null);
            }
            Tile tile = Tile.forIndex(h, x);
            int k = 0;
            for (; ; k++) {
                Integer j = order.get(tile.parent(k, tree.n()));
                if (j != null) {
                    if (k == 0) {
                        indexTile[i] = j;
                    }
                    break;
                }
            }
            for (k--; k >= 0; k--) {
                Tile p = tile.parent(k, tree.n());
                if (p.w() != 1 << p.h()) {
                    throw new SumdbException(
                            "bad math in tileHashReader: " + tree.n() + " " + x + " " + p, 0, false, null);
                }
                order.put(p, tiles.size());
                if (k == 0) {
                    indexTile[i] = tiles.size();
                }
                tiles.add(p);
            }
        }

        List<byte[]> data = reader.readTiles(List.copyOf(tiles));
        if (data.size() != tiles.size()) {
            throw new SumdbException(
                    "TileReader returned bad result slice (len=" + data.size() + ", want " + tiles.size() + ")",
                    0,
                    false,
                    null);
        }
        for (int i = 0; i < tiles.size(); i++) {
            if (data.get(i).length != tiles.get(i).w() * Tlog.HASH_SIZE) {
                throw new SumdbException(
                        "TileReader returned bad result slice (" + tiles.get(i).path() + " len=" + data.get(i).length
                                + ", want " + tiles.get(i).w() * Tlog.HASH_SIZE + ")",
                        0,
                        false,
                        null);
            }
        }
        authenticate(tiles, data, stx, stxTile, order);
        reader.saveTiles(List.copyOf(tiles), data);

        List<Hash> hashes = new ArrayList<>(indexes.length);
        for (int i = 0; i < indexes.length; i++) {
            int j = indexTile[i];
            hashes.add(tiles.get(j).hashAt(data.get(j), indexes[i]));
        }
        return hashes;
    }

    private void authenticate(
            List<Tile> tiles, List<byte[]> data, List<Long> stx, int[] stxTile, Map<Tile, Integer> order)
            throws IOException {
        Hash th = null;
        for (int i = stx.size() - 1; i >= 0; i--) {
            Hash sub = hashAt(tiles.get(stxTile[i]), data.get(stxTile[i]), stx.get(i));
            th = th == null ? sub : Tlog.nodeHash(sub, th);
        }
        if (th == null || !th.equals(tree.hash())) {
            throw inconsistent();
        }
        for (int i = stxTile[stx.size() - 1] + 1; i < tiles.size(); i++) {
            Tile tile = tiles.get(i);
            Tile p = tile.parent(1, tree.n());
            Integer j = order.get(p);
            if (j == null) {
                throw new SumdbException("bad math in tileHashReader: lost parent of " + tile.path(), 0, false, null);
            }
            Hash want = hashAt(p, data.get(j), Tlog.storedHashIndex(p.l() * p.h(), tile.n()));
            if (!want.equals(Tile.subtreeHash(data.get(i), 0, data.get(i).length))) {
                throw inconsistent();
            }
        }
    }

    private static SumdbException inconsistent() {
        return new SumdbException("downloaded inconsistent tile", 0, false, null);
    }

    /** Reads a hash from a tile; a tile that does not hold it is as bad as a wrong one. */
    private static Hash hashAt(Tile tile, byte[] data, long index) throws IOException {
        try {
            return tile.hashAt(data, index);
        } catch (IllegalArgumentException e) {
            throw new SumdbException(e.getMessage(), 0, false, e);
        }
    }
}
