package dev.holdfast.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.sumdb.Tlog.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The log's hashes and proofs against a brute-force RFC 6962 Merkle tree hash (spec 12.3, 12.6):
 * MTH of one leaf is its record hash, of more the node hash of the MTH of the largest power-of-two
 * prefix shorter than the list and the MTH of the rest.
 */
class TlogTest {
    /** A log of {@code n} records built by appending stored hashes, as a server does. */
    static List<Hash> build(int n) throws IOException {
        List<Hash> stored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            stored.addAll(Tlog.storedHashesForRecordHash(i, Tlog.recordHash(record(i)), reader(stored)));
        }
        return stored;
    }

    static byte[] record(int i) {
        return ("example.com/m" + i + " v1.0.0 h1:x\n").getBytes(StandardCharsets.UTF_8);
    }

    static Tlog.HashReader reader(List<Hash> stored) {
        return indexes -> {
            List<Hash> out = new ArrayList<>();
            for (long x : indexes) {
                out.add(stored.get((int) x));
            }
            return out;
        };
    }

    /** The RFC 6962 definition, computed from the records alone. */
    static Hash mth(int lo, int hi) {
        if (hi - lo == 1) {
            return Tlog.recordHash(record(lo));
        }
        int k = 1;
        while (k * 2 < hi - lo) {
            k *= 2;
        }
        return Tlog.nodeHash(mth(lo, lo + k), mth(lo + k, hi));
    }

    @Test
    void recordHash_andNodeHash_areSha256WithPrefixes() throws Exception {
        byte[] data = "x\n".getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0);
        assertThat(Tlog.recordHash(data).bytes()).isEqualTo(sha.digest(data));
        Hash l = Tlog.recordHash(data);
        sha.update((byte) 1);
        sha.update(l.bytes());
        assertThat(Tlog.nodeHash(l, l).bytes()).isEqualTo(sha.digest(l.bytes()));
        assertThat(Tlog.treeHash(0, indexes -> List.of()).bytes())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest());
    }

    @Test
    void storedHashIndex_appendsOnePlusTrailingZeros() {
        long next = 0;
        for (long n = 0; n < 300; n++) {
            assertThat(Tlog.storedHashIndex(0, n)).isEqualTo(next);
            int parents = Long.numberOfTrailingZeros(n + 1);
            for (int level = 1; level <= parents; level++) {
                assertThat(Tlog.storedHashIndex(level, (n + 1 >> level) - 1)).isEqualTo(next + level);
            }
            next += 1 + parents;
            assertThat(Tlog.storedHashCount(n + 1)).isEqualTo(next);
        }
        for (long i = 0; i < next; i++) {
            long[] split = Tlog.splitStoredHashIndex(i);
            assertThat(Tlog.storedHashIndex((int) split[0], split[1])).isEqualTo(i);
        }
    }

    @Test
    void treeHash_matchesRfc6962() throws IOException {
        List<Hash> stored = build(70);
        for (int n = 1; n <= 70; n++) {
            assertThat(Tlog.treeHash(n, reader(stored))).as("tree %d", n).isEqualTo(mth(0, n));
        }
    }

    @Test
    void recordProofs_checkAndRejectTampering() throws IOException {
        List<Hash> stored = build(40);
        for (int t = 1; t <= 40; t++) {
            Hash th = mth(0, t);
            for (int n = 0; n < t; n++) {
                List<Hash> p = Tlog.proveRecord(t, n, reader(stored));
                Tlog.checkRecord(p, t, th, n, Tlog.recordHash(record(n)));
                int fn = n;
                int ft = t;
                assertThatThrownBy(() -> Tlog.checkRecord(p, ft, th, fn, Tlog.recordHash(record(fn + 1))))
                        .hasMessage("invalid transparency proof");
                List<Hash> longer = new ArrayList<>(p);
                longer.add(th);
                assertThatThrownBy(() -> Tlog.checkRecord(longer, ft, th, fn, Tlog.recordHash(record(fn))))
                        .hasMessage("invalid transparency proof");
            }
        }
        assertThatThrownBy(() -> Tlog.proveRecord(3, 3, reader(stored)))
                .hasMessage("tlog: invalid inputs in ProveRecord");
    }

    @Test
    void treeProofs_checkAndRejectTampering() throws IOException {
        List<Hash> stored = build(40);
        for (int t = 1; t <= 40; t++) {
            for (int n = 1; n <= t; n++) {
                List<Hash> p = Tlog.proveTree(t, n, reader(stored));
                Tlog.checkTree(p, t, mth(0, t), n, mth(0, n));
                int fn = n;
                int ft = t;
                Hash other = Tlog.recordHash(record(99));
                assertThatThrownBy(() -> Tlog.checkTree(p, ft, mth(0, ft), fn, other))
                        .hasMessage("invalid transparency proof");
                if (!p.isEmpty()) {
                    List<Hash> shorter = p.subList(0, p.size() - 1);
                    assertThatThrownBy(() -> Tlog.checkTree(shorter, ft, mth(0, ft), fn, mth(0, fn)))
                            .hasMessage("invalid transparency proof");
                }
            }
        }
    }

    @Test
    void tree_formatParse() {
        Tlog.Tree tree = new Tlog.Tree(1234, mth(0, 3));
        String text = new String(tree.format(), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("go.sum database tree\n1234\n" + mth(0, 3) + "\n");
        assertThat(Tlog.Tree.parse(tree.format())).isEqualTo(tree);
        assertThat(Tlog.Tree.parse((text + "extra\n").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(tree);
        for (String bad : List.of(
                text.replace("1234", "01234"),
                text.replace("1234", "-1"),
                text.replace("1234", "+1234"),
                text.replace("tree", "tre"),
                text.substring(0, text.length() - 1),
                text.replace("=\n", "\n"))) {
            assertThatThrownBy(() -> Tlog.Tree.parse(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .hasMessage("malformed tree note");
        }
    }

    @Test
    void record_formatParse() {
        byte[] text = "a v1 h1:x\na v1/go.mod h1:y\n".getBytes(StandardCharsets.UTF_8);
        byte[] msg = Tlog.formatRecord(7, text);
        assertThat(new String(msg, StandardCharsets.UTF_8)).isEqualTo("7\na v1 h1:x\na v1/go.mod h1:y\n\n");
        byte[] withTree = (new String(msg, StandardCharsets.UTF_8) + "tree\n").getBytes(StandardCharsets.UTF_8);
        Tlog.Record r = Tlog.parseRecord(withTree);
        assertThat(r.id()).isEqualTo(7);
        assertThat(r.text()).isEqualTo(text);
        assertThat(new String(r.rest(), StandardCharsets.UTF_8)).isEqualTo("tree\n");
        for (String bad : List.of("a\n\nb\n", "", "a\tb\n", "ab")) {
            assertThatThrownBy(() -> Tlog.formatRecord(1, bad.getBytes(StandardCharsets.UTF_8)))
                    .hasMessage("malformed record data");
        }
        for (String bad : List.of("7", "x\na\n\n", "7\na\n", "7\na\tb\n\n")) {
            assertThatThrownBy(() -> Tlog.parseRecord(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .hasMessage("malformed record data");
        }
    }
}
