package dev.holdfast.conformance.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.sumdb.Tile;
import dev.holdfast.sumdb.Tlog;
import dev.holdfast.sumdb.Tlog.Hash;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.XmodOracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Holdfast's tlog against x/mod's sumdb/tlog through the oracle, on random logs, indexes, tiles and texts. */
class TlogOracleConformanceTest {
    private final XmodOracle oracle = XmodOracle.get();
    private final Random random = new Random(20261121);

    private static List<byte[]> records(int n, Random random) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(("example.com/m" + i + " v1." + random.nextInt(9) + ".0 h1:" + random.nextLong() + "=\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<String> b64(List<byte[]> list) {
        return list.stream().map(b -> Base64.getEncoder().encodeToString(b)).toList();
    }

    private static List<Hash> stored(List<byte[]> records) throws IOException {
        List<Hash> hashes = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            hashes.addAll(Tlog.storedHashesForRecordHash(i, Tlog.recordHash(records.get(i)), reader(hashes)));
        }
        return hashes;
    }

    private static Tlog.HashReader reader(List<Hash> hashes) {
        return indexes -> {
            List<Hash> out = new ArrayList<>();
            for (long x : indexes) {
                out.add(hashes.get((int) x));
            }
            return out;
        };
    }

    @Test
    void storedHashIndex_andSplit() {
        int compared = 0;
        int agreed = 0;
        for (int level = 0; level < 6; level++) {
            for (long n = 0; n < 200; n += 1 + random.nextInt(3)) {
                compared++;
                agreed += oracle.call("tlog.storedHashIndex", level, n).asLong() == Tlog.storedHashIndex(level, n)
                        ? 1
                        : 0;
            }
        }
        for (long i = 0; i < 600; i++) {
            JsonNode go = oracle.call("tlog.splitStoredHashIndex", i);
            long[] ours = Tlog.splitStoredHashIndex(i);
            compared += 2;
            agreed += go.get(0).asLong() == ours[0] && go.get(1).asLong() == ours[1] ? 1 : 0;
            agreed += oracle.call("tlog.storedHashCount", i).asLong() == Tlog.storedHashCount(i) ? 1 : 0;
        }
        ConformanceReport.record("sumdb", "tlog stored hash index, split and count", compared, agreed);
        assertThat(agreed).isEqualTo(compared);
    }

    @Test
    void treeHashes_andProofs() throws IOException {
        List<byte[]> recs = records(300, random);
        List<Hash> hashes = stored(recs);
        JsonNode goHashes = oracle.call("tlog.treeHashes", b64(recs));
        int compared = 0;
        int agreed = 0;
        for (int n = 0; n <= recs.size(); n++) {
            compared++;
            agreed += goHashes.get(n)
                            .asText()
                            .equals(Tlog.treeHash(n, reader(hashes)).toString())
                    ? 1
                    : 0;
        }
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long t = 1 + random.nextInt(300);
            pairs.add(new long[] {t, random.nextInt((int) t + 1)});
        }
        JsonNode goProofs = oracle.call("tlog.proofs", b64(recs), pairs);
        for (int i = 0; i < pairs.size(); i++) {
            long t = pairs.get(i)[0];
            long n = pairs.get(i)[1];
            JsonNode go = goProofs.get(i);
            compared += 2;
            agreed += same(go, "record", () -> Tlog.proveRecord(t, n, reader(hashes))) ? 1 : 0;
            agreed += same(go, "tree", () -> Tlog.proveTree(t, n, reader(hashes))) ? 1 : 0;
            if (go.has("record")) {
                Tlog.checkRecord(
                        Tlog.proveRecord(t, n, reader(hashes)),
                        t,
                        Tlog.treeHash(t, reader(hashes)),
                        n,
                        Tlog.recordHash(recs.get((int) n)));
            }
        }
        ConformanceReport.record("sumdb", "tlog tree hashes and record/tree proofs", compared, agreed);
        assertThat(agreed).isEqualTo(compared);
    }

    private interface Proof {
        List<Hash> get() throws IOException;
    }

    private static boolean same(JsonNode go, String kind, Proof ours) throws IOException {
        List<String> mine;
        try {
            mine = ours.get().stream().map(Hash::toString).toList();
        } catch (IllegalArgumentException e) {
            return go.has(kind + "Error") && go.get(kind + "Error").asText().equals(e.getMessage());
        }
        if (!go.has(kind)) {
            return false;
        }
        List<String> theirs = new ArrayList<>();
        go.get(kind).forEach(h -> theirs.add(h.asText()));
        return theirs.equals(mine);
    }

    @Test
    void tiles_pathsIndexesNewTilesAndData() throws IOException {
        List<byte[]> recs = records(70, random);
        List<Hash> hashes = stored(recs);
        int compared = 0;
        int agreed = 0;
        for (int i = 0; i < 400; i++) {
            int h = 1 + random.nextInt(10);
            int l = random.nextInt(5) - 1;
            long n = random.nextInt(3) == 0 ? random.nextLong(1L << 40) : random.nextInt(2000);
            int w = 1 + random.nextInt(1 << h);
            Tile t = new Tile(h, l, n, w);
            String goPath = oracle.callString("tlog.tilePath", h, l, n, w);
            compared += 2;
            agreed += goPath.equals(t.path()) ? 1 : 0;
            agreed += sameParse(mutate(goPath)) ? 1 : 0;
        }
        for (long index = 0; index < 300; index++) {
            int h = 1 + random.nextInt(4);
            JsonNode go = oracle.call("tlog.tileForIndex", h, index);
            compared++;
            agreed += tileOf(go).equals(Tile.forIndex(h, index)) ? 1 : 0;
        }
        for (int i = 0; i < 200; i++) {
            int h = 1 + random.nextInt(4);
            long newSize = random.nextInt(400);
            long oldSize = random.nextInt((int) newSize + 1);
            List<Tile> go = new ArrayList<>();
            oracle.call("tlog.newTiles", h, oldSize, newSize).forEach(t -> go.add(tileOf(t)));
            compared++;
            agreed += go.equals(Tile.newTiles(h, oldSize, newSize)) ? 1 : 0;
        }
        for (Tile t : Tile.newTiles(2, 0, recs.size())) {
            String go = oracle.callString("tlog.readTileData", b64(recs), t.h(), t.l(), t.n(), t.w());
            compared++;
            agreed += go.equals(Base64.getEncoder().encodeToString(t.readData(reader(hashes)))) ? 1 : 0;
        }
        ConformanceReport.record(
                "sumdb", "tlog tile paths, parsing, indexes, new tiles and tile data", compared, agreed);
        assertThat(agreed).isEqualTo(compared);
    }

    private static Tile tileOf(JsonNode go) {
        return new Tile(
                go.get(0).asInt(),
                go.get(1).asInt(),
                go.get(2).asLong(),
                go.get(3).asInt());
    }

    private boolean sameParse(String path) {
        String goError = null;
        Tile go = null;
        try {
            go = tileOf(oracle.call("tlog.parseTilePath", path));
        } catch (XmodOracle.OracleError e) {
            goError = e.getMessage();
        }
        try {
            Tile ours = Tile.parsePath(path);
            return ours.equals(go);
        } catch (IllegalArgumentException e) {
            return e.getMessage().equals(goError);
        }
    }

    /** Returns the path unchanged, or with one character dropped, doubled or replaced. */
    private String mutate(String path) {
        int at = random.nextInt(path.length());
        String other = String.valueOf("0123456789x./pdata-+ ".charAt(random.nextInt(21)));
        return switch (random.nextInt(4)) {
            case 0 -> path;
            case 1 -> path.substring(0, at) + path.substring(at + 1);
            case 2 -> path.substring(0, at) + path.charAt(at) + path.substring(at);
            default -> path.substring(0, at) + other + path.substring(at + 1);
        };
    }

    @Test
    void treeAndRecordTexts() {
        int compared = 0;
        int agreed = 0;
        String tree = "go.sum database tree\n1234\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n";
        String record = "7\nexample.com/a v1.0.0 h1:x\nexample.com/a v1.0.0/go.mod h1:y\n\n" + tree;
        for (int i = 0; i < 400; i++) {
            String t = i % 5 == 0 ? tree : mutate(tree);
            compared++;
            agreed += sameTree(t) ? 1 : 0;
            String r = i % 5 == 0 ? record : mutate(record);
            compared++;
            agreed += sameRecord(r) ? 1 : 0;
        }
        ConformanceReport.record("sumdb", "tlog tree note and lookup record texts", compared, agreed);
        assertThat(agreed).isEqualTo(compared);
    }

    private boolean sameTree(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        String b64 = Base64.getEncoder().encodeToString(b);
        try {
            JsonNode go = oracle.call("tlog.parseTree", b64);
            Tlog.Tree ours = Tlog.Tree.parse(b);
            return go.get("n").asLong() == ours.n()
                    && go.get("hash").asText().equals(ours.hash().toString());
        } catch (XmodOracle.OracleError e) {
            try {
                Tlog.Tree.parse(b);
                return false;
            } catch (IllegalArgumentException mine) {
                return mine.getMessage().equals(e.getMessage());
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean sameRecord(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        String b64 = Base64.getEncoder().encodeToString(b);
        try {
            JsonNode go = oracle.call("tlog.parseRecord", b64);
            Tlog.Record ours = Tlog.parseRecord(b);
            return go.get("id").asLong() == ours.id()
                    && go.get("text").asText().equals(Base64.getEncoder().encodeToString(ours.text()))
                    && go.get("rest").asText().equals(Base64.getEncoder().encodeToString(ours.rest()));
        } catch (XmodOracle.OracleError e) {
            try {
                Tlog.parseRecord(b);
                return false;
            } catch (IllegalArgumentException mine) {
                return mine.getMessage().equals(e.getMessage());
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
