package dev.holdfast.sumdb;

import dev.holdfast.concurrent.Await;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.sumdb.Tlog.Tree;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The checksum database's answers about a set of module versions, kept so that a go command without a
 * network can still check them: each version's signed lookup answer and every tile a client needs to
 * prove those answers in whatever order it asks for them. The go command proves a record in the largest
 * tree it has seen so far and each new tree against that one, so the files prove every record in every
 * tree at least as large as its own, and every tree a prefix of every larger one. A go command that met an
 * earlier set of proofs remembers the largest tree it saw there, and checks the next tree it meets against
 * it: the trees of earlier sets ({@code earlierTrees}, signed notes) are proved prefixes of the new ones too.
 *
 * <p>Files are named as the go command names them in its module cache ({@code <name>/lookup/<path>@<version>},
 * {@code <name>/tile/...}, under {@code cache/download/sumdb/}), so the same files serve a module cache
 * and a proxy's {@code /sumdb/<name>/}.
 */
public final class SumdbProofs {
    /** How many lookups a collection has in flight at once. */
    private static final int PARALLEL_LOOKUPS = 8;

    private SumdbProofs() {}

    /**
     * Looks up each of {@code versions} that {@code verifier} covers (its GONOSUMDB patterns left out), each
     * asked of the database afresh so that the answers share few signed trees, proves every answer, and
     * returns the files that prove them, by name.
     *
     * @throws SumdbSecurityException if the database forked its log
     * @throws SumdbException if a lookup fails or cannot be proved
     */
    public static Map<String, byte[]> collect(SumdbVerifier verifier, Collection<ModuleVersion> versions)
            throws IOException {
        return collect(verifier, versions, List.of());
    }

    /**
     * Collects proofs as {@link #collect(SumdbVerifier, Collection)} does, which also prove each of {@code
     * earlierTrees} (signed tree notes of the same database, from earlier sets) a prefix of every larger tree.
     *
     * @throws SumdbSecurityException if the database forked its log, or an earlier tree is not in it
     * @throws SumdbException if a lookup fails or cannot be proved, or an earlier tree is not signed by the
     *     database
     */
    public static Map<String, byte[]> collect(
            SumdbVerifier verifier, Collection<ModuleVersion> versions, List<String> earlierTrees) throws IOException {
        SumdbClient world = verifier.client();
        Recording ops = new Recording(world.name(), world.ops());
        SumdbClient client = new SumdbClient(world.key(), ops, world.height());
        Semaphore slots = new Semaphore(PARALLEL_LOOKUPS);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<String>>> lookups = new ArrayList<>();
            for (ModuleVersion mv : versions) {
                if (verifier.covers(mv.path())) {
                    lookups.add(pool.submit(() -> {
                        slots.acquire();
                        try {
                            return client.lookup(mv.path(), mv.version());
                        } finally {
                            slots.release();
                        }
                    }));
                }
            }
            try {
                for (Future<List<String>> f : lookups) {
                    Await.result(f, "looking up the checksum database");
                }
            } catch (IOException | RuntimeException e) {
                pool.shutdownNow(); // one failure fails the collection: the others need not run to their ends
                throw e;
            }
        }
        proveInAnyOrder(client, records(world.key(), ops.files), trees(world.key(), earlierTrees));
        return new TreeMap<>(ops.files);
    }

    /**
     * Checks the proof {@code files} of database {@code key} with nothing but themselves, as a go command
     * without a network would in any order, and returns each looked-up module version's go.sum lines.
     *
     * @throws SumdbSecurityException if the files prove a forked log
     * @throws SumdbException naming the file that is wrong, missing, or not needed by any proof
     */
    public static Map<ModuleVersion, List<String>> verify(NoteKey.Verifier key, Map<String, byte[]> files)
            throws IOException {
        return verify(key, files, List.of(), SumdbClient.TILE_HEIGHT);
    }

    /**
     * Checks proof files as {@link #verify(NoteKey.Verifier, Map)} does, which also prove each of {@code
     * earlierTrees} (signed tree notes) a prefix of every larger tree.
     */
    public static Map<ModuleVersion, List<String>> verify(
            NoteKey.Verifier key, Map<String, byte[]> files, List<String> earlierTrees) throws IOException {
        return verify(key, files, earlierTrees, SumdbClient.TILE_HEIGHT);
    }

    /** Checks proof files as {@link #verify(NoteKey.Verifier, Map, List)} does, with tiles of {@code height}. */
    static Map<ModuleVersion, List<String>> verify(
            NoteKey.Verifier key, Map<String, byte[]> files, List<String> earlierTrees, int height) throws IOException {
        Archived ops = new Archived(key.name(), files);
        SumdbClient client = new SumdbClient(key, ops, height);
        Map<ModuleVersion, List<String>> lines = new LinkedHashMap<>();
        String lookups = key.name() + "/lookup/";
        for (String file : new TreeSet<>(files.keySet())) {
            if (file.startsWith(lookups)) {
                ModuleVersion mv = lookedUp(file.substring(lookups.length()));
                List<String> both = new ArrayList<>(client.lookup(mv.path(), mv.version()));
                both.addAll(client.lookup(mv.path(), mv.version() + "/go.mod"));
                lines.put(mv, both);
            }
        }
        proveInAnyOrder(client, records(key, files), trees(key, earlierTrees));
        for (String file : files.keySet()) {
            if (!ops.used.contains(file)) {
                throw new SumdbException(file + ": not needed to prove any lookup", 0, false, null);
            }
        }
        return lines;
    }

    /**
     * Returns the signed trees of {@code files}' lookup answers and {@code earlierTrees}, each once, as
     * signed notes: what a later set of proofs is to prove prefixes of its own trees.
     *
     * @throws SumdbException if a note is not signed by the database of {@code verifier}
     */
    public static List<String> signedTrees(SumdbVerifier verifier, Map<String, byte[]> files, List<String> earlierTrees)
            throws SumdbException {
        NoteKey.Verifier key = verifier.client().key();
        Set<String> notes = new TreeSet<>(earlierTrees);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (e.getKey().startsWith(key.name() + "/lookup/")) {
                notes.add(new String(Tlog.parseRecord(e.getValue()).rest(), StandardCharsets.UTF_8));
            }
        }
        trees(key, List.copyOf(notes)); // each signed by the database
        return List.copyOf(notes);
    }

    /** Returns the trees of signed notes {@code notes}, each checked against database {@code key}. */
    private static List<Tree> trees(NoteKey.Verifier key, List<String> notes) throws SumdbException {
        List<Tree> trees = new ArrayList<>();
        for (String note : notes) {
            try {
                trees.add(SumdbClient.signedTree(key, note.getBytes(StandardCharsets.UTF_8)));
            } catch (SumdbException e) {
                throw new SumdbException(
                        "an earlier tree is not a tree signed by " + key.name() + ": " + e.getMessage(), 0, false, e);
            }
        }
        return trees;
    }

    /** A lookup answer's record and the signed tree it came with. */
    private record Proved(long id, byte[] text, Tree tree) {}

    /** Parses the lookup answers among {@code files}; the client has proved them already. */
    private static List<Proved> records(NoteKey.Verifier key, Map<String, byte[]> files) throws SumdbException {
        List<Proved> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (e.getKey().startsWith(key.name() + "/lookup/")) {
                Tlog.Record r = Tlog.parseRecord(e.getValue());
                out.add(new Proved(r.id(), r.text(), SumdbClient.signedTree(key, r.rest())));
            }
        }
        return out;
    }

    /**
     * Proves every tree among {@code records} and {@code earlier} a prefix of every larger one, and every
     * record in every tree at least as large as its own: what a go command may ask in whatever order it
     * meets the answers, having met the earlier trees before.
     */
    private static void proveInAnyOrder(SumdbClient client, List<Proved> records, List<Tree> earlier)
            throws IOException {
        List<Tree> trees = java.util.stream.Stream.concat(records.stream().map(Proved::tree), earlier.stream())
                .distinct()
                .sorted(Comparator.comparingLong(Tree::n))
                .toList();
        for (int i = 0; i < trees.size(); i++) {
            for (int j = i + 1; j < trees.size(); j++) {
                client.checkPrefix(trees.get(i), trees.get(j));
            }
        }
        for (Proved r : records) {
            for (Tree t : trees) {
                if (t.n() >= r.tree().n()) {
                    client.checkRecord(r.id(), r.text(), t);
                }
            }
        }
    }

    /** Returns the module version of a lookup file's name after {@code lookup/}: {@code <path>@<version>}. */
    private static ModuleVersion lookedUp(String escaped) throws SumdbException {
        int at = escaped.lastIndexOf('@');
        try {
            if (at <= 0) {
                throw new IllegalArgumentException("no @version");
            }
            return new ModuleVersion(
                    ModulePath.unescape(escaped.substring(0, at)),
                    ModulePath.unescapeVersion(escaped.substring(at + 1)));
        } catch (IllegalArgumentException e) {
            throw new SumdbException("lookup/" + escaped + ": not a module version: " + e.getMessage(), 0, false, e);
        }
    }

    /**
     * The world of a collecting client: lookups always from the database, tiles from the cache when there,
     * and every file read kept. Nothing of the user's latest tree is read or written: the client starts from
     * nothing, as a go command without any history would.
     */
    private static final class Recording extends WithoutHistory {
        private final String name;
        private final SumdbClient.Ops world;
        final Map<String, byte[]> files = new ConcurrentHashMap<>();

        Recording(String name, SumdbClient.Ops world) {
            this.name = name;
            this.world = world;
        }

        @Override
        public byte[] readRemote(String path) throws IOException {
            byte[] data = world.readRemote(path);
            files.put(name + path, data);
            return data;
        }

        @Override
        public Optional<byte[]> readCache(String file) {
            if (file.contains("/lookup/")) {
                return Optional.empty();
            }
            Optional<byte[]> data = world.readCache(file);
            data.ifPresent(d -> files.put(file, d));
            return data;
        }

        @Override
        public void writeCache(String file, byte[] data) {
            world.writeCache(file, data);
        }
    }

    /**
     * A client's world without a record of the database: no latest tree is read or kept, as for a go command
     * that never met the database.
     */
    private abstract static class WithoutHistory implements SumdbClient.Ops {
        @Override
        public byte[] readConfig(String file) {
            return new byte[0];
        }

        @Override
        public void writeConfig(String file, byte[] old, byte[] now) {}
    }

    /**
     * The world of a checking client: the proof files and nothing else, as a proxy without a network serves
     * them; which of them were read is kept.
     */
    static final class Archived extends WithoutHistory {
        private final String name;
        private final Map<String, byte[]> files;
        final Set<String> used = ConcurrentHashMap.newKeySet();

        Archived(String name, Map<String, byte[]> files) {
            this.name = name;
            this.files = files;
        }

        @Override
        public byte[] readRemote(String path) throws IOException {
            byte[] data = files.get(name + path);
            if (data == null) {
                throw new FileNotFoundException(name + path + ": not among the proofs");
            }
            used.add(name + path);
            return data;
        }

        @Override
        public Optional<byte[]> readCache(String file) {
            return Optional.empty();
        }

        @Override
        public void writeCache(String file, byte[] data) {}
    }
}
