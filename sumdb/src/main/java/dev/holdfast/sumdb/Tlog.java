package dev.holdfast.sumdb;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.GoStrings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The checksum database's transparent log (x/mod's {@code sumdb/tlog}): an RFC 6962 Merkle tree whose
 * leaves are records, its hashes in their dense storage order, tree hashes, record (inclusion) and
 * tree (consistency) proofs, and the text forms of a tree head and of a lookup answer.
 *
 * <p>Storage order: record {@code n} stores its leaf hash and then the hash of every subtree it
 * completes, so hash {@code (level, n)} lives at {@link #storedHashIndex}. A tree of {@code N} records is
 * the maximal power-of-two subtrees of {@code [0, N)} from left to right, folded from the right.
 */
public final class Tlog {
    /** The size of a hash in bytes. */
    public static final int HASH_SIZE = 32;

    private static final byte[] TREE_PREFIX = "go.sum database tree\n".getBytes(StandardCharsets.UTF_8);

    private Tlog() {}

    /**
     * A SHA-256 hash in the log. Equal by content; {@link #toString} is standard base64, as the
     * tree note writes it.
     *
     * @param bytes the 32 bytes (copied in and out)
     */
    public record Hash(byte[] bytes) {
        /** Checks the length and copies the bytes. */
        public Hash {
            if (bytes.length != HASH_SIZE) {
                throw new IllegalArgumentException("malformed hash");
            }
            bytes = bytes.clone();
        }

        /** Returns a copy of the bytes. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** Parses standard base64 into a hash, throwing {@code malformed hash} otherwise. */
        public static Hash parse(String base64) {
            byte[] data = Note.decode(base64); // padding required, as Go's StdEncoding does
            if (data == null || data.length != HASH_SIZE) {
                throw new IllegalArgumentException("malformed hash");
            }
            return new Hash(data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return Base64.getEncoder().encodeToString(bytes);
        }
    }

    /**
     * A tree head: the number of records and the root hash.
     *
     * @param n the number of records, at least 0
     * @param hash the tree hash
     */
    public record Tree(long n, Hash hash) {
        /** Returns the tree's note text: {@code go.sum database tree\nN\nHASH\n}. */
        public byte[] format() {
            return ("go.sum database tree\n" + n + "\n" + hash + "\n").getBytes(StandardCharsets.UTF_8);
        }

        /**
         * Parses a tree note's text; lines after the hash are ignored, as by x/mod.
         *
         * @throws IllegalArgumentException {@code malformed tree note}
         */
        public static Tree parse(byte[] text) {
            if (!startsWith(text, TREE_PREFIX) || count(text, (byte) '\n') < 3 || text.length > 1_000_000) {
                throw malformed("malformed tree note");
            }
            String[] lines = new String(text, StandardCharsets.UTF_8).split("\n", 4);
            long n;
            try {
                n = Long.parseLong(lines[1]);
            } catch (NumberFormatException e) {
                throw malformed("malformed tree note");
            }
            if (n < 0 || !lines[1].equals(Long.toString(n))) {
                throw malformed("malformed tree note");
            }
            try {
                return new Tree(n, Hash.parse(lines[2]));
            } catch (IllegalArgumentException e) {
                throw malformed("malformed tree note");
            }
        }
    }

    /** Reads stored hashes by index; implementations may fetch and authenticate them. */
    @FunctionalInterface
    public interface HashReader {
        /** Returns the hashes at {@code indexes}, in that order. */
        List<Hash> readHashes(long[] indexes) throws IOException;
    }

    /**
     * A lookup answer's parts (x/mod {@code ParseRecord}).
     *
     * @param id the record number
     * @param text the record text, ending in one newline
     * @param rest what follows the blank line: the signed tree note
     */
    public record Record(long id, byte[] text, byte[] rest) {}

    /** Returns the hash of a record: SHA-256 of a zero byte and the record text. */
    public static Hash recordHash(byte[] data) {
        MessageDigest sha = sha256();
        sha.update((byte) 0);
        sha.update(data);
        return new Hash(sha.digest());
    }

    /** Returns the hash of an interior node: SHA-256 of a one byte, the left hash and the right hash. */
    public static Hash nodeHash(Hash left, Hash right) {
        MessageDigest sha = sha256();
        sha.update((byte) 1);
        sha.update(left.bytes);
        sha.update(right.bytes);
        return new Hash(sha.digest());
    }

    /** Returns the index in storage order of the hash of level {@code level}, number {@code n}. */
    public static long storedHashIndex(int level, long n) {
        for (int l = level; l > 0; l--) {
            n = 2 * n + 1;
        }
        long i = 0;
        for (; n > 0; n >>= 1) {
            i += n;
        }
        return i + level;
    }

    /**
     * Returns the level and number of the hash at storage index {@code index}: the inverse of
     * {@link #storedHashIndex}, as {@code long[] {level, n}}.
     */
    public static long[] splitStoredHashIndex(long index) {
        long n = index / 2; // at most about this many records before index
        long indexN = storedHashIndex(0, n);
        while (true) {
            long next = indexN + 1 + Long.numberOfTrailingZeros(n + 1);
            if (next > index) {
                break;
            }
            n++;
            indexN = next;
        }
        int level = (int) (index - indexN);
        return new long[] {level, n >> level};
    }

    /** Returns how many hashes a tree of {@code n} records stores. */
    public static long storedHashCount(long n) {
        if (n == 0) {
            return 0;
        }
        long count = storedHashIndex(0, n - 1) + 1;
        for (long i = n - 1; (i & 1) != 0; i >>= 1) {
            count++;
        }
        return count;
    }

    /**
     * Returns the hashes to append when record {@code n}, whose hash is {@code h}, is added: its leaf
     * hash and the hash of every subtree it completes, reading the left siblings from {@code r}.
     */
    public static List<Hash> storedHashesForRecordHash(long n, Hash h, HashReader r) throws IOException {
        int m = Long.numberOfTrailingZeros(n + 1);
        long[] indexes = new long[m];
        for (int i = 0; i < m; i++) {
            indexes[m - 1 - i] = storedHashIndex(i, (n >> i) - 1);
        }
        List<Hash> old = read(r, indexes);
        List<Hash> hashes = new ArrayList<>(m + 1);
        hashes.add(h);
        for (int i = 0; i < m; i++) {
            h = nodeHash(old.get(m - 1 - i), h);
            hashes.add(h);
        }
        return hashes;
    }

    /** Returns the hash of the tree of the first {@code n} records, reading stored hashes from {@code r}. */
    public static Hash treeHash(long n, HashReader r) throws IOException {
        if (n == 0) {
            return new Hash(sha256().digest());
        }
        List<Long> indexes = subTreeIndex(0, n, new ArrayList<>());
        List<Hash> hashes = read(r, toArray(indexes));
        return subTreeHash(0, n, new Cursor(hashes));
    }

    /** Returns the storage indexes of the maximal subtrees that make up {@code [lo, hi)}, appended to need. */
    static List<Long> subTreeIndex(long lo, long hi, List<Long> need) {
        while (lo < hi) {
            int level = maxPow2Level(hi - lo + 1);
            long k = 1L << level;
            need.add(storedHashIndex(level, lo >> level));
            lo += k;
        }
        return need;
    }

    /** Folds the subtree hashes of {@code [lo, hi)}, read in {@link #subTreeIndex} order, into one hash. */
    private static Hash subTreeHash(long lo, long hi, Cursor hashes) {
        List<Hash> parts = new ArrayList<>();
        while (lo < hi) {
            parts.add(hashes.next());
            lo += 1L << maxPow2Level(hi - lo + 1);
        }
        Hash h = parts.getLast();
        for (int i = parts.size() - 2; i >= 0; i--) {
            h = nodeHash(parts.get(i), h);
        }
        return h;
    }

    /** Returns the level of the largest power of two less than {@code n} (x/mod's maxpow2). */
    private static int maxPow2Level(long n) {
        int l = 0;
        while ((1L << (l + 1)) < n) {
            l++;
        }
        return l;
    }

    /**
     * Returns the proof that record {@code n} is in the tree of size {@code t}: sibling hashes from
     * the leaf upward.
     *
     * @throws IllegalArgumentException {@code tlog: invalid inputs in ProveRecord}
     */
    public static List<Hash> proveRecord(long t, long n, HashReader r) throws IOException {
        if (t < 0 || n < 0 || n >= t) {
            throw new IllegalArgumentException("tlog: invalid inputs in ProveRecord");
        }
        return prove(t, n, true, r);
    }

    /** Reads the hashes a record ({@code leaf}) or tree proof in the tree of size {@code t} needs, and builds it. */
    private static List<Hash> prove(long t, long n, boolean leaf, HashReader r) throws IOException {
        List<Long> indexes = walk(0, t, n, leaf, indexes(new ArrayList<>()));
        if (indexes.isEmpty()) {
            return List.of();
        }
        return walk(0, t, n, leaf, hashes(new Cursor(read(r, toArray(indexes)))));
    }

    /**
     * The walk both proofs share (x/mod's {@code leafProof} and {@code treeProof}): down from {@code [lo,
     * hi)} towards {@code n}, taking the subtree beside the path at each level, the left one before going
     * right and the right one after coming back from the left, which is the order the hashes are read in.
     * A record proof ({@code leaf}) ends at the leaf; a tree proof ends where {@code n} is a subtree's right
     * edge, that subtree itself being a sibling unless it starts at 0.
     */
    private static <S, T> T walk(long lo, long hi, long n, boolean leaf, Proof<S, T> proof) {
        if (leaf ? lo + 1 == hi : n == hi) {
            T empty = proof.empty();
            return leaf || lo == 0 ? empty : proof.add(empty, proof.sibling(lo, hi));
        }
        long k = 1L << maxPow2Level(hi - lo);
        if (leaf ? n < lo + k : n <= lo + k) {
            T below = walk(lo, lo + k, n, leaf, proof);
            return proof.add(below, proof.sibling(lo + k, hi));
        }
        S left = proof.sibling(lo, lo + k);
        return proof.add(walk(lo + k, hi, n, leaf, proof), left);
    }

    /** What a {@link #walk} builds: the stored-hash indexes a proof needs, or the proof itself. */
    private interface Proof<S, T> {
        T empty();

        /** Takes the subtree {@code [lo, hi)} beside the path. */
        S sibling(long lo, long hi);

        T add(T below, S sibling);
    }

    /** Collects the stored-hash indexes of the siblings' subtrees, in the order they are read. */
    private static Proof<Void, List<Long>> indexes(List<Long> need) {
        return new Proof<>() {
            @Override
            public List<Long> empty() {
                return need;
            }

            @Override
            public Void sibling(long lo, long hi) {
                subTreeIndex(lo, hi, need);
                return null;
            }

            @Override
            public List<Long> add(List<Long> below, Void sibling) {
                return below;
            }
        };
    }

    /** Folds the hashes read from {@code hashes} into the siblings' hashes, from the bottom up. */
    private static Proof<Hash, List<Hash>> hashes(Cursor hashes) {
        return new Proof<>() {
            @Override
            public List<Hash> empty() {
                return new ArrayList<>();
            }

            @Override
            public Hash sibling(long lo, long hi) {
                return subTreeHash(lo, hi, hashes);
            }

            @Override
            public List<Hash> add(List<Hash> below, Hash sibling) {
                below.add(sibling);
                return below;
            }
        };
    }

    /**
     * Checks that {@code p} proves record {@code n} with hash {@code h} is in the tree of size {@code
     * t} with hash {@code th}.
     *
     * @throws IllegalArgumentException {@code invalid transparency proof}, or invalid inputs
     */
    public static void checkRecord(List<Hash> p, long t, Hash th, long n, Hash h) {
        if (t < 0 || n < 0 || n >= t) {
            throw new IllegalArgumentException("tlog: invalid inputs in CheckRecord");
        }
        if (!runRecordProof(p, 0, t, n, h).equals(th)) {
            throw proofFailed();
        }
    }

    private static Hash runRecordProof(List<Hash> p, long lo, long hi, long n, Hash leaf) {
        if (lo + 1 == hi) {
            if (!p.isEmpty()) {
                throw proofFailed();
            }
            return leaf;
        }
        if (p.isEmpty()) {
            throw proofFailed();
        }
        long k = 1L << maxPow2Level(hi - lo);
        Hash last = p.getLast();
        List<Hash> rest = p.subList(0, p.size() - 1);
        if (n < lo + k) {
            return nodeHash(runRecordProof(rest, lo, lo + k, n, leaf), last);
        }
        return nodeHash(last, runRecordProof(rest, lo + k, hi, n, leaf));
    }

    /**
     * Returns the proof that the tree of size {@code n} is a prefix of the tree of size {@code t}.
     *
     * @throws IllegalArgumentException {@code tlog: invalid inputs in ProveTree}
     */
    public static List<Hash> proveTree(long t, long n, HashReader r) throws IOException {
        if (t < 1 || n < 1 || n > t) {
            throw new IllegalArgumentException("tlog: invalid inputs in ProveTree");
        }
        return prove(t, n, false, r);
    }

    /**
     * Checks that {@code p} proves the tree of size {@code n} with hash {@code h} is a prefix of the
     * tree of size {@code t} with hash {@code th}.
     *
     * @throws IllegalArgumentException {@code invalid transparency proof}, or invalid inputs
     */
    public static void checkTree(List<Hash> p, long t, Hash th, long n, Hash h) {
        if (t < 1 || n < 1 || n > t) {
            throw new IllegalArgumentException("tlog: invalid inputs in CheckTree");
        }
        Hash[] both = runTreeProof(p, 0, t, n, h);
        if (!both[0].equals(h) || !both[1].equals(th)) {
            throw proofFailed();
        }
    }

    /** Returns {old tree hash, new tree hash} as recomputed from the proof. */
    private static Hash[] runTreeProof(List<Hash> p, long lo, long hi, long n, Hash old) {
        if (n == hi) {
            if (lo == 0) {
                if (!p.isEmpty()) {
                    throw proofFailed();
                }
                return new Hash[] {old, old};
            }
            if (p.size() != 1) {
                throw proofFailed();
            }
            return new Hash[] {p.getFirst(), p.getFirst()};
        }
        if (p.isEmpty()) {
            throw proofFailed();
        }
        long k = 1L << maxPow2Level(hi - lo);
        Hash last = p.getLast();
        List<Hash> rest = p.subList(0, p.size() - 1);
        if (n <= lo + k) {
            Hash[] sub = runTreeProof(rest, lo, lo + k, n, old);
            return new Hash[] {sub[0], nodeHash(sub[1], last)};
        }
        Hash[] sub = runTreeProof(rest, lo + k, hi, n, old);
        return new Hash[] {nodeHash(last, sub[0]), nodeHash(last, sub[1])};
    }

    /**
     * Returns a lookup answer's record part: {@code id\ntext\n} (x/mod {@code FormatRecord}).
     *
     * @throws IllegalArgumentException {@code malformed record data} if the text is not valid record text
     */
    public static byte[] formatRecord(long id, byte[] text) {
        if (!isValidRecordText(text, 0, text.length)) {
            throw malformed("malformed record data");
        }
        byte[] head = (id + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] msg = Arrays.copyOf(head, head.length + text.length + 1);
        System.arraycopy(text, 0, msg, head.length, text.length);
        msg[msg.length - 1] = '\n';
        return msg;
    }

    /**
     * Splits a lookup answer into record number, record text and the rest (x/mod {@code ParseRecord}).
     *
     * @throws IllegalArgumentException {@code malformed record data}
     */
    public static Record parseRecord(byte[] msg) {
        int nl = indexOf(msg, 0, (byte) '\n');
        if (nl < 0) {
            throw malformed("malformed record data");
        }
        long id;
        try {
            id = Long.parseLong(new String(msg, 0, nl, StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            throw malformed("malformed record data");
        }
        int start = nl + 1;
        int blank = -1;
        for (int i = start; i + 1 < msg.length; i++) {
            if (msg[i] == '\n' && msg[i + 1] == '\n') {
                blank = i;
                break;
            }
        }
        if (blank < 0 || !isValidRecordText(msg, start, blank + 1)) {
            throw malformed("malformed record data");
        }
        return new Record(
                id, Arrays.copyOfRange(msg, start, blank + 1), Arrays.copyOfRange(msg, blank + 2, msg.length));
    }

    /** Record text: valid UTF-8, no control characters but newline, no blank line, ends in newline. */
    private static boolean isValidRecordText(byte[] text, int from, int to) {
        int last = -1;
        for (int i = from; i < to; ) {
            long d = GoStrings.decodeRune(Arrays.copyOfRange(text, i, Math.min(to, i + 4)), 0);
            int r = GoStrings.rune(d);
            int size = GoStrings.width(d);
            if (r < 0x20 && r != '\n' || r == 0xFFFD && size == 1 || last == '\n' && r == '\n') {
                return false;
            }
            i += size;
            last = r;
        }
        return last == '\n';
    }

    /** Returns a new SHA-256 digest ({@link DirHash#sha256()}: a copy, cheaper than looking it up). */
    static MessageDigest sha256() {
        return DirHash.sha256();
    }

    private static List<Hash> read(HashReader r, long[] indexes) throws IOException {
        List<Hash> hashes = r.readHashes(indexes);
        if (hashes.size() != indexes.length) {
            throw new IOException("tlog: ReadHashes(" + indexes.length + " indexes) = " + hashes.size() + " hashes");
        }
        return hashes;
    }

    static long[] toArray(List<Long> list) {
        return list.stream().mapToLong(Long::longValue).toArray();
    }

    private static IllegalArgumentException proofFailed() {
        return new IllegalArgumentException("invalid transparency proof");
    }

    private static IllegalArgumentException malformed(String message) {
        return new IllegalArgumentException(message);
    }

    static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int count(byte[] data, byte b) {
        int n = 0;
        for (byte x : data) {
            if (x == b) {
                n++;
            }
        }
        return n;
    }

    static int indexOf(byte[] data, int from, byte b) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Hands out hashes in order, as x/mod's functions re-slice their hash list. */
    private static final class Cursor {
        private final List<Hash> hashes;
        private int next;

        Cursor(List<Hash> hashes) {
            this.hashes = hashes;
        }

        Hash next() {
            return hashes.get(next++);
        }
    }
}
