package dev.holdfast.sumdb;

import dev.holdfast.module.ModulePath;
import dev.holdfast.sumdb.Tlog.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory checksum database for client tests, answering {@link SumdbClient.Ops#readRemote} as
 * x/mod's sumdb.Server would, with an in-memory configuration and cache, and switches to lie.
 */
final class TestLog implements SumdbClient.Ops {
    final NoteKey.Pair key;
    final List<byte[]> records = new ArrayList<>();
    final List<Hash> hashes = new ArrayList<>();
    final Map<String, Integer> ids = new HashMap<>();
    final Map<String, byte[]> config = new ConcurrentHashMap<>();
    final Map<String, byte[]> cache = new ConcurrentHashMap<>();
    final AtomicInteger remoteReads = new AtomicInteger();
    /** Set to make lookups answer this text instead of the logged one. */
    volatile String lookupTextOverride;
    /** Set to sign tree notes with this key instead. */
    volatile NoteKey.Signer signerOverride;
    /** Set to flip a bit in every hash tile served. */
    volatile boolean tamperTiles;

    TestLog() {
        this(NoteKey.generate("sum.example.com", new SecureRandom()));
    }

    /** Returns a log signed by {@code key} (two logs with one key make a fork). */
    TestLog(NoteKey.Pair key) {
        this.key = key;
    }

    synchronized int add(String path, String version, String text) throws IOException {
        int id = records.size();
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        records.add(data);
        hashes.addAll(Tlog.storedHashesForRecordHash(id, Tlog.recordHash(data), TlogTest.reader(hashes)));
        ids.put(path + "@" + version, id);
        return id;
    }

    synchronized Tlog.Tree tree() throws IOException {
        return new Tlog.Tree(records.size(), Tlog.treeHash(records.size(), TlogTest.reader(hashes)));
    }

    synchronized byte[] signedTree() throws IOException {
        NoteKey.Signer signer = signerOverride == null ? key.signer() : signerOverride;
        return Note.of(new String(tree().format(), StandardCharsets.UTF_8)).sign(signer);
    }

    SumdbClient client() {
        return new SumdbClient(key.verifier(), this, 2); // height 2: many tiles even in small logs
    }

    /** How a test's database answers {@link SumdbClient.Ops#readRemote}. */
    @FunctionalInterface
    interface Remote {
        byte[] read(String path) throws IOException;
    }

    /** Returns this log's configuration and cache with the answers of {@code remote}. */
    SumdbClient.Ops withRemote(Remote remote) {
        TestLog log = this;
        return new SumdbClient.Ops() {
            @Override
            public byte[] readRemote(String path) throws IOException {
                return remote.read(path);
            }

            @Override
            public byte[] readConfig(String file) {
                return log.readConfig(file);
            }

            @Override
            public void writeConfig(String file, byte[] old, byte[] now) throws IOException {
                log.writeConfig(file, old, now);
            }

            @Override
            public Optional<byte[]> readCache(String file) {
                return log.readCache(file);
            }

            @Override
            public void writeCache(String file, byte[] data) {
                log.writeCache(file, data);
            }
        };
    }

    @Override
    public synchronized byte[] readRemote(String path) throws IOException {
        remoteReads.incrementAndGet();
        if (path.equals("/latest")) {
            return signedTree();
        }
        if (path.startsWith("/lookup/")) {
            String[] mv = path.substring("/lookup/".length()).split("@", 2);
            Integer id = ids.get(ModulePath.unescape(mv[0]) + "@" + ModulePath.unescapeVersion(mv[1]));
            if (id == null) {
                throw new SumdbException("reading " + path + ": 404 Not Found", 404, false, null);
            }
            byte[] text =
                    lookupTextOverride == null ? records.get(id) : lookupTextOverride.getBytes(StandardCharsets.UTF_8);
            byte[] head = Tlog.formatRecord(id, text);
            byte[] tree = signedTree();
            byte[] out = new byte[head.length + tree.length];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(tree, 0, out, head.length, tree.length);
            return out;
        }
        Tile t = Tile.parsePath(path.substring(1));
        if ((t.n() << t.h()) + t.w() > (records.size() >> (t.l() * t.h()))) {
            throw new SumdbException("reading " + path + ": 404 Not Found", 404, false, null);
        }
        byte[] data = t.readData(TlogTest.reader(hashes));
        if (tamperTiles) {
            data[data.length - 1] ^= 1;
        }
        return data;
    }

    @Override
    public byte[] readConfig(String file) {
        return config.getOrDefault(file, new byte[0]);
    }

    @Override
    public synchronized void writeConfig(String file, byte[] old, byte[] now) throws IOException {
        byte[] have = config.get(file);
        if (have != null && have.length > 0 && !java.util.Arrays.equals(have, old)) {
            throw new SumdbClient.WriteConflictException();
        }
        config.put(file, now);
    }

    @Override
    public Optional<byte[]> readCache(String file) {
        return Optional.ofNullable(cache.get(file));
    }

    @Override
    public void writeCache(String file, byte[] data) {
        cache.put(file, data);
    }
}
