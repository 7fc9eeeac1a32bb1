package dev.holdfast.sumdb;

import dev.holdfast.sumdb.Tlog.Hash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A tile of the log (x/mod {@code tlog.Tile}): the hashes at level {@code h·l} numbered {@code n·2^h}
 * to {@code n·2^h + w − 1}, served as {@code w × 32} bytes at {@link #path()}. A tile of width
 * {@code 2^h} is complete and never changes; a narrower one is a prefix of it. Level −1 is a data
 * tile: the record texts themselves.
 *
 * @param h the height, 1 to 30 (the go command uses 8)
 * @param l the level in the tiling, −1 for data
 * @param n the number within the level
 * @param w the width, 1 to {@code 2^h}
 */
public record Tile(int h, int l, long n, int w) {
    private static final int PATH_BASE = 1000;

    /** Returns the tile of height {@code h} that stores the hash at storage index {@code index}. */
    public static Tile forIndex(int h, long index) {
        return locate(h, index).tile();
    }

    /** A tile and the byte range of one hash's subtree inside it. */
    private record Located(Tile tile, int start, int end) {}

    private static Located locate(int h, long index) {
        long[] split = Tlog.splitStoredHashIndex(index);
        int level = (int) split[0];
        long n = split[1];
        int tl = level / h;
        level -= tl * h; // level within the tile
        long tn = n << level >> h;
        n -= tn << h >> level; // n within the tile at that level
        int w = (int) ((n + 1) << level);
        return new Located(
                new Tile(h, tl, tn, w), (int) (n << level) * Tlog.HASH_SIZE, (int) ((n + 1) << level) * Tlog.HASH_SIZE);
    }

    /**
     * Returns the hash at storage index {@code index} from this tile's {@code data}.
     *
     * @throws IllegalArgumentException if the tile is invalid, the data short, or the index elsewhere
     */
    public Hash hashAt(byte[] data, long index) {
        if (h < 1 || h > 30 || l < 0 || l >= 64 || w < 1 || w > 1 << h) {
            throw new IllegalArgumentException("invalid tile " + path());
        }
        if (data.length < w * Tlog.HASH_SIZE) {
            throw new IllegalArgumentException("data len " + data.length + " too short for tile " + path());
        }
        Located at = locate(h, index);
        if (l != at.tile().l() || n != at.tile().n() || w < at.tile().w()) {
            throw new IllegalArgumentException(
                    "index " + index + " is in " + at.tile().path() + " not " + path());
        }
        return subtreeHash(data, at.start(), at.end());
    }

    /** Returns the root hash of the hashes in {@code data[from, to)} (a power-of-two count of them). */
    static Hash subtreeHash(byte[] data, int from, int to) {
        if (to - from == Tlog.HASH_SIZE) {
            return new Hash(java.util.Arrays.copyOfRange(data, from, to));
        }
        int mid = from + (to - from) / 2;
        return Tlog.nodeHash(subtreeHash(data, from, mid), subtreeHash(data, mid, to));
    }

    /**
     * Returns the tiles that must be published when the tree grows from {@code oldSize} to {@code
     * newSize} records (x/mod {@code NewTiles}).
     */
    public static List<Tile> newTiles(int h, long oldSize, long newSize) {
        List<Tile> tiles = new ArrayList<>();
        for (int level = 0; newSize >> (h * level) > 0; level++) {
            long oldN = oldSize >> (h * level);
            long newN = newSize >> (h * level);
            if (oldN == newN) {
                continue;
            }
            for (long k = oldN >> h; k < newN >> h; k++) {
                tiles.add(new Tile(h, level, k, 1 << h));
            }
            long k = newN >> h;
            int rest = (int) (newN - (k << h));
            if (rest > 0) {
                tiles.add(new Tile(h, level, k, rest));
            }
        }
        return tiles;
    }

    /** Returns this (hash) tile's bytes, reading its hashes from {@code r} (x/mod {@code ReadTileData}). */
    public byte[] readData(Tlog.HashReader r) throws IOException {
        long start = n << h;
        long[] indexes = new long[w];
        for (int i = 0; i < w; i++) {
            indexes[i] = Tlog.storedHashIndex(h * l, start + i);
        }
        List<Hash> hashes = r.readHashes(indexes);
        if (hashes.size() != w) {
            throw new IOException("tlog: ReadHashes(" + w + " indexes) = " + hashes.size() + " hashes");
        }
        byte[] data = new byte[w * Tlog.HASH_SIZE];
        for (int i = 0; i < w; i++) {
            System.arraycopy(hashes.get(i).bytes(), 0, data, i * Tlog.HASH_SIZE, Tlog.HASH_SIZE);
        }
        return data;
    }

    /** Returns the complete tile this one is a prefix of. */
    public Tile full() {
        return new Tile(h, l, n, 1 << h);
    }

    /**
     * Returns the tile's path, {@code tile/H/L/NNN[.p/W]}: N in base-1000 groups of three digits, all
     * but the last prefixed {@code x}; {@code .p/W} for a partial tile; {@code data} for level −1.
     */
    public String path() {
        long k = n;
        StringBuilder digits = new StringBuilder(String.format("%03d", k % PATH_BASE));
        while (k >= PATH_BASE) {
            k /= PATH_BASE;
            digits.insert(0, String.format("x%03d/", k % PATH_BASE));
        }
        String partial = w != 1 << h ? ".p/" + w : "";
        String level = l == -1 ? "data" : Integer.toString(l);
        return "tile/" + h + "/" + level + "/" + digits + partial;
    }

    /**
     * Parses a tile path; it must be exactly what {@link #path()} would write.
     *
     * @throws IllegalArgumentException {@code malformed tile path "..."}
     */
    public static Tile parsePath(String path) {
        String[] f = path.split("/", -1);
        if (f.length < 4 || !f[0].equals("tile")) {
            throw badPath(path);
        }
        boolean data = f[2].equals("data");
        int h = atoi(f[1], path);
        int l = data ? 0 : atoi(f[2], path);
        if (h < 1 || l < 0 || h > 30) {
            throw badPath(path);
        }
        int w = 1 << h;
        int end = f.length;
        String lastGroup = f[end - 1];
        if (f[end - 2].endsWith(".p")) {
            int ww = atoi(f[end - 1], path);
            if (ww <= 0 || ww >= w) {
                throw badPath(path);
            }
            w = ww;
            lastGroup = f[end - 2].substring(0, f[end - 2].length() - 2);
            end--;
        }
        long n = 0;
        for (int i = 3; i < end; i++) {
            String s = i == end - 1 ? lastGroup : f[i];
            int nn = atoi(s.startsWith("x") ? s.substring(1) : s, path);
            if (nn < 0 || nn >= PATH_BASE) {
                throw badPath(path);
            }
            n = n * PATH_BASE + nn;
        }
        Tile t = new Tile(h, data ? -1 : l, n, w);
        if (!path.equals(t.path())) {
            throw badPath(path);
        }
        return t;
    }

    /** Go's strconv.Atoi for what tile paths hold: an optional sign and decimal digits. */
    private static int atoi(String s, String path) {
        try {
            if (s.isEmpty() || s.length() > 10) {
                throw badPath(path);
            }
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw badPath(path);
        }
    }

    private static IllegalArgumentException badPath(String path) {
        return new IllegalArgumentException("malformed tile path " + dev.holdfast.module.GoStrings.quote(path));
    }

    /**
     * Returns the parent tile {@code k} levels up of this tile in a tree of {@code size} records,
     * trimmed to the hashes that tree has, or null if the tree has none there (x/mod {@code tileParent}).
     */
    Tile parent(int k, long size) {
        int pl = l + k;
        long pn = n >> (k * h);
        int pw = 1 << h;
        long max = size >> (pl * h);
        if ((pn << h) + pw >= max) {
            if ((pn << h) >= max) {
                return null;
            }
            pw = (int) (max - (pn << h));
        }
        return new Tile(h, pl, pn, pw);
    }
}
