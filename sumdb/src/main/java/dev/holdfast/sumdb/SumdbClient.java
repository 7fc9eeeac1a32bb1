package dev.holdfast.sumdb;

import dev.holdfast.concurrent.Await;
import dev.holdfast.fetch.FetchErrors;
import dev.holdfast.module.ModulePath;
import dev.holdfast.sumdb.Tlog.Hash;
import dev.holdfast.sumdb.Tlog.Tree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A checksum-database client (x/mod {@code sumdb.Client}): looks up the go.sum lines of a module
 * version and accepts them only when the record is proved to be in the latest signed tree, and that
 * tree is proved to extend every tree seen before (kept in {@code <name>/latest}). Two trees that
 * cannot both be true are a {@link SumdbSecurityException}.
 *
 * <p>Verified lookups and tiles are cached through {@link Ops}; concurrent requests for one lookup or
 * tile share one fetch. Thread-safe.
 */
public final class SumdbClient {
    /** The go command's tile height. */
    public static final int TILE_HEIGHT = 8;

    /** The outside world of a client: the server, the configuration files, the cache. Thread-safe. */
    public interface Ops {
        /** Returns what the server has at {@code path} ({@code /lookup/...} or {@code /tile/...}). */
        byte[] readRemote(String path) throws IOException;

        /** Returns configuration file {@code file} ({@code <name>/latest}); empty when there is none. */
        byte[] readConfig(String file) throws IOException;

        /**
         * Replaces configuration file {@code file} by {@code now} if it still holds {@code old} (or
         * nothing).
         *
         * @throws WriteConflictException if it holds something else
         */
        void writeConfig(String file, byte[] old, byte[] now) throws IOException;

        /** Returns cache file {@code file} ({@code <name>/lookup/...}, {@code <name>/tile/...}), if any. */
        Optional<byte[]> readCache(String file);

        /** Writes cache file {@code file}; failures are ignored (the cache is only a cache). */
        void writeCache(String file, byte[] data);
    }

    /** Says a configuration file changed since it was read; the client merges and tries again. */
    public static final class WriteConflictException extends IOException {
        private static final long serialVersionUID = 1L;

        /** Returns the exception. */
        public WriteConflictException() {
            super("write conflict");
        }
    }

    private static final Hash EMPTY = emptyTreeHash();

    /** How many verified tree notes a client remembers (each a few hundred bytes). */
    private static final int MAX_OPENED_TREES = 4096;

    private enum When {
        PAST,
        NOW,
        FUTURE
    }

    private final NoteKey.Verifier key;
    private final Ops ops;
    private final int height;
    private final Map<String, CompletableFuture<byte[]>> records = new ConcurrentHashMap<>();
    private final Map<Tile, CompletableFuture<byte[]>> tiles = new ConcurrentHashMap<>();
    private final Map<Tile, Boolean> tilesSaved = new ConcurrentHashMap<>();
    /** Signed tree notes already verified, by their bytes; at most {@link #MAX_OPENED_TREES}. */
    private final Map<String, Tree> openedTrees = new ConcurrentHashMap<>();

    private final TileReaderImpl tileReader = new TileReaderImpl();
    private final Object initLock = new Object();
    private volatile boolean initialized;
    private Tree latest;
    private byte[] latestMsg = new byte[0];

    /** Returns a client of the database with {@code key}, reaching the world through {@code ops}. */
    public SumdbClient(NoteKey.Verifier key, Ops ops) {
        this(key, ops, TILE_HEIGHT);
    }

    /** Returns a client as {@link #SumdbClient(NoteKey.Verifier, Ops)} with tile height {@code height}. */
    public SumdbClient(NoteKey.Verifier key, Ops ops, int height) {
        if (height <= 0) {
            throw new IllegalArgumentException("invalid tile height " + height);
        }
        this.key = key;
        this.ops = ops;
        this.height = height;
        this.latest = new Tree(0, EMPTY);
    }

    /** Returns the database name. */
    public String name() {
        return key.name();
    }

    /** Returns the latest tree this client has verified (after reading {@code <name>/latest}). */
    public Tree latest() throws IOException {
        init();
        synchronized (this) {
            return latest;
        }
    }

    /**
     * Asks the server for its latest signed tree and merges it: proves that the tree this client knew
     * is a prefix of it, and remembers it. The go command never does this on its own (it learns new
     * trees only from lookups); an audit does, so that a fork since the last lookup is caught even
     * when every lookup comes from the cache.
     *
     * @throws SumdbSecurityException if the database forked its log
     * @throws SumdbException if the tree cannot be fetched or proved
     */
    public Tree refresh() throws IOException {
        try {
            init();
            mergeLatest(ops.readRemote("/latest"));
        } catch (SumdbSecurityException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw wrap(name() + "/latest: ", e);
        }
        return latest();
    }

    /**
     * Returns the bytes of a complete hash tile ({@code tile/H/L/N}, not a partial or a data tile) after
     * authenticating them against a signed tree of this database, as the go command would before using
     * them; the tile then goes to the cache. A tile the latest known tree does not cover yet makes the
     * client fetch and prove a newer tree first. A proxy uses this before it keeps a tile for good.
     *
     * @throws IllegalArgumentException if {@code tile} is partial, a data tile or of another height
     * @throws SumdbSecurityException if the database forked its log
     * @throws SumdbException if the tile does not match the signed tree, or cannot be fetched
     */
    public byte[] verifiedTile(Tile tile) throws IOException {
        if (tile.l() < 0 || tile.h() != height || tile.w() != 1 << height) {
            throw new IllegalArgumentException("not a complete hash tile of height " + height + ": " + tile.path());
        }
        // The tile holds the hashes at level h·l numbered n·2^h on: the tree must have those leaves.
        long leaves = (tile.n() + 1) << (height * (tile.l() + 1));
        try {
            init();
            Tree tree = latest();
            if (tree.n() < leaves) {
                tree = refresh();
            }
            if (tree.n() < leaves) {
                throw new SumdbException(
                        tile.path() + ": beyond the signed tree of " + tree.n() + " records", 404, false, null);
            }
            long first = Tlog.storedHashIndex(height * tile.l(), tile.n() << height);
            new TileHashReader(tree, tileReader).readHashes(new long[] {first});
            return readTile(tile);
        } catch (SumdbSecurityException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw wrap(name() + "/" + tile.path() + ": ", e);
        }
    }

    /**
     * Returns the go.sum lines the database has for {@code path} at {@code version} ({@code V} for the
     * zip hash, {@code V/go.mod} for the go.mod hash), after proving them.
     *
     * @throws SumdbSecurityException if the database forked its log
     * @throws SumdbException if the lookup failed; message {@code path@version: reason}
     */
    public List<String> lookup(String path, String version) throws IOException {
        String prefix = path + "@" + version + ": ";
        byte[] text;
        try {
            init();
            String remote = "/lookup/" + ModulePath.escape(path) + "@"
                    + ModulePath.escapeVersion(version.replaceFirst("/go\\.mod$", ""));
            String file = name() + remote;
            text = once(records, file, () -> fetchRecord(file, remote));
        } catch (SumdbSecurityException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw wrap(prefix, e);
        }
        List<String> lines = new ArrayList<>();
        String want = path + " " + version + " ";
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.startsWith(want)) {
                lines.add(line);
            }
        }
        return lines;
    }

    private byte[] fetchRecord(String file, String remote) throws IOException {
        Optional<byte[]> cached = ops.readCache(file);
        byte[] data = cached.isPresent() ? cached.get() : ops.readRemote(remote);
        Tlog.Record record = Tlog.parseRecord(data);
        mergeLatest(record.rest());
        checkRecord(record.id(), record.text());
        if (cached.isEmpty()) {
            ops.writeCache(file, data); // only once proved
        }
        return record.text();
    }

    private void init() throws IOException {
        if (initialized) {
            return;
        }
        synchronized (initLock) {
            if (initialized) {
                return;
            }
            try {
                mergeLatest(ops.readConfig(name() + "/latest"));
            } catch (IOException | RuntimeException e) {
                throw wrap("initializing sumdb.Client: ", e);
            }
            initialized = true;
        }
    }

    /** Merges tree note {@code msg} into the latest tree and writes it back when it moved forward. */
    private void mergeLatest(byte[] msg) throws IOException {
        if (mergeLatestMem(msg) != When.FUTURE) {
            return;
        }
        // Flush the newer tree to the configuration file, merging what others wrote meanwhile.
        while (true) {
            byte[] stored = ops.readConfig(name() + "/latest");
            if (mergeLatestMem(stored) != When.PAST) {
                return;
            }
            byte[] mine;
            synchronized (this) {
                mine = latestMsg;
            }
            try {
                ops.writeConfig(name() + "/latest", stored, mine);
                return;
            } catch (WriteConflictException e) {
                // somebody else wrote: read and merge again
            }
        }
    }

    /**
     * Returns the tree of signed note {@code msg}, its signature verified with the database's key once per
     * distinct note: the lookups of one run carry a few trees between them, and the JDK's Ed25519 took
     * about a millisecond a verification, a tenth of {@code verify}'s CPU on a 1,156-line go.sum when
     * each lookup's note was verified again.
     */
    private Tree openTree(byte[] msg) throws SumdbException {
        String bytes = new String(msg, StandardCharsets.ISO_8859_1); // one char a byte: equal notes, equal keys
        Tree opened = openedTrees.get(bytes);
        if (opened != null) {
            return opened;
        }
        Tree tree = signedTree(key, msg);
        if (openedTrees.size() < MAX_OPENED_TREES) {
            openedTrees.put(bytes, tree);
        }
        return tree;
    }

    /**
     * Returns the tree of signed note {@code msg}, its signature checked with {@code key}.
     *
     * @throws SumdbException naming what is wrong with the note or the tree in it
     */
    static Tree signedTree(NoteKey.Verifier key, byte[] msg) throws SumdbException {
        Note note;
        try {
            note = Note.open(msg, List.of(key));
        } catch (IllegalArgumentException e) {
            throw new SumdbException("reading tree note: " + e.getMessage() + "\nnote:\n" + utf8(msg), 0, false, e);
        }
        try {
            return Tree.parse(note.text().getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new SumdbException("reading tree: " + e.getMessage() + "\ntree:\n" + note.text(), 0, false, e);
        }
    }

    private When mergeLatestMem(byte[] msg) throws IOException {
        Tree known;
        byte[] knownMsg;
        synchronized (this) {
            known = latest;
            knownMsg = latestMsg;
        }
        if (msg.length == 0) {
            return known.n() == 0 ? When.NOW : When.PAST; // the empty, unsigned timeline
        }
        Tree tree = openTree(msg);
        while (true) {
            if (tree.n() <= known.n()) {
                checkTrees(tree, msg, known, knownMsg);
                return tree.n() < known.n() ? When.PAST : When.NOW;
            }
            checkTrees(known, knownMsg, tree, msg);
            synchronized (this) {
                if (latest.equals(known)) {
                    latest = tree;
                    latestMsg = msg;
                    return When.FUTURE;
                }
                known = latest;
                knownMsg = latestMsg;
            }
        }
    }

    /** Proves {@code older} a prefix of {@code newer}, reading the tiles of {@code newer}; a fork is a security error. */
    void checkPrefix(Tree older, Tree newer) throws IOException {
        checkTrees(older, new byte[0], newer, new byte[0]);
    }

    /** Returns the key of the database, which signs its trees. */
    NoteKey.Verifier key() {
        return key;
    }

    /** Returns the height of the tiles this client reads. */
    int height() {
        return height;
    }

    /** Returns how this client reaches the world. */
    Ops ops() {
        return ops;
    }

    /** Checks that {@code older} is a prefix of {@code newer}; a fork is a security error. */
    private void checkTrees(Tree older, byte[] olderNote, Tree newer, byte[] newerNote) throws IOException {
        TileHashReader thr = new TileHashReader(newer, tileReader);
        Hash h;
        try {
            h = Tlog.treeHash(older.n(), thr);
        } catch (IOException e) {
            String what = older.n() == newer.n()
                    ? "checking tree#" + older.n()
                    : "checking tree#" + older.n() + " against tree#" + newer.n();
            throw new SumdbException(what + ": " + e.getMessage(), status(e), FetchErrors.isTransient(e), e);
        }
        if (h.equals(older.hash())) {
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append("SECURITY ERROR\ngo.sum database server misbehavior detected!\n\n");
        b.append("old database:\n\t").append(indent(olderNote)).append('\n');
        b.append("new database:\n\t").append(indent(newerNote)).append('\n');
        b.append("proof of misbehavior:\n\t").append(h);
        try {
            List<Hash> proof = Tlog.proveTree(newer.n(), older.n(), thr);
            Tlog.checkTree(proof, newer.n(), newer.hash(), older.n(), h);
            for (Hash p : proof) {
                b.append("\n\t").append(p);
            }
        } catch (IOException | IllegalArgumentException e) {
            b.append("\tinternal error: ").append(e.getMessage()).append('\n');
        }
        throw new SumdbSecurityException(b.toString());
    }

    private void checkRecord(long id, byte[] text) throws IOException {
        Tree tree;
        synchronized (this) {
            tree = latest;
        }
        checkRecord(id, text, tree);
    }

    /** Proves that record {@code id} holds {@code text} in {@code tree}, reading the tiles of {@code tree}. */
    void checkRecord(long id, byte[] text, Tree tree) throws IOException {
        if (id >= tree.n()) {
            throw new SumdbException("cannot validate record " + id + " in tree of size " + tree.n(), 0, false, null);
        }
        Hash h = new TileHashReader(tree, tileReader)
                .readHashes(new long[] {Tlog.storedHashIndex(0, id)})
                .getFirst();
        if (!h.equals(Tlog.recordHash(text))) {
            throw new SumdbException("cannot authenticate record data in server response", 0, false, null);
        }
    }

    /** Tiles from the cache or the server; authenticated ones go to the cache. */
    private final class TileReaderImpl implements TileHashReader.TileReader {
        @Override
        public int height() {
            return height;
        }

        @Override
        public List<byte[]> readTiles(List<Tile> wanted) throws IOException {
            if (wanted.size() == 1) {
                return List.of(readTile(wanted.getFirst()));
            }
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<byte[]>> futures = new ArrayList<>();
                for (Tile t : wanted) {
                    futures.add(pool.submit(() -> readTile(t)));
                }
                List<byte[]> data = new ArrayList<>();
                for (Future<byte[]> f : futures) {
                    data.add(join(f));
                }
                return data;
            }
        }

        @Override
        public void saveTiles(List<Tile> saved, List<byte[]> data) {
            for (int i = 0; i < saved.size(); i++) {
                if (tilesSaved.putIfAbsent(saved.get(i), true) == null) {
                    ops.writeCache(name() + "/" + saved.get(i).path(), data.get(i));
                }
            }
        }
    }

    private byte[] readTile(Tile tile) throws IOException {
        return once(tiles, tile, () -> {
            Optional<byte[]> cached = ops.readCache(name() + "/" + tile.path());
            if (cached.isPresent()) {
                tilesSaved.put(tile, true);
                return cached.get();
            }
            Tile full = tile.full();
            if (!tile.equals(full)) {
                Optional<byte[]> fullCached = ops.readCache(name() + "/" + full.path());
                if (fullCached.isPresent()) {
                    tilesSaved.put(tile, true); // the full tile is cached: never save the prefix
                    return prefix(fullCached.get(), full, tile);
                }
            }
            try {
                return ops.readRemote("/" + tile.path());
            } catch (IOException e) {
                if (!tile.equals(full)) {
                    try {
                        // A partial tile may be gone once the tile is complete.
                        return prefix(ops.readRemote("/" + full.path()), full, tile);
                    } catch (IOException ignored) {
                        if (ignored != e) { // a remembered failure (no server found) comes back as itself
                            e.addSuppressed(ignored);
                        }
                    }
                }
                throw e;
            }
        });
    }

    private static byte[] prefix(byte[] data, Tile full, Tile tile) {
        return Arrays.copyOf(data, Math.min(data.length, data.length / full.w() * tile.w()));
    }

    /** Runs {@code work} once for {@code key} at a time; successes are remembered, failures are not. */
    private static <K> byte[] once(Map<K, CompletableFuture<byte[]>> map, K key, Work work) throws IOException {
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> theirs = map.putIfAbsent(key, mine);
        if (theirs != null) {
            try {
                return theirs.join();
            } catch (CompletionException e) {
                throw Await.rethrow(e.getCause());
            }
        }
        try {
            byte[] result = work.run();
            mine.complete(result);
            return result;
        } catch (IOException | RuntimeException e) {
            map.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    @FunctionalInterface
    private interface Work {
        byte[] run() throws IOException;
    }

    private static byte[] join(Future<byte[]> f) throws IOException {
        return Await.result(f, "reading tiles");
    }

    /** Prefixes a failure's message, keeping whether it is worth retrying. */
    private static IOException wrap(String prefix, Exception e) {
        if (e instanceof SumdbSecurityException s) {
            return s;
        }
        if (e instanceof UncheckedIOException u) {
            e = u.getCause();
        }
        boolean again = e instanceof IOException io && FetchErrors.isTransient(io);
        return new SumdbException(prefix + e.getMessage(), status(e), again, e);
    }

    private static int status(Exception e) {
        return e instanceof dev.holdfast.fetch.UpstreamException u ? u.status() : 0;
    }

    private static Hash emptyTreeHash() {
        try {
            return Tlog.treeHash(0, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String indent(byte[] note) {
        return utf8(note).replace("\n", "\n\t");
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
