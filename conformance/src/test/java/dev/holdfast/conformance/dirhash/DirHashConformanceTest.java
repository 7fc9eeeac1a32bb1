package dev.holdfast.conformance.dirhash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.zip.BadZips;
import dev.holdfast.conformance.zip.ModuleTrees;
import dev.holdfast.dirhash.DirHash;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.XmodOracle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DirHash against golang.org/x/mod/sumdb/dirhash (Hash1, HashDir, HashZip) through the oracle. */
class DirHashConformanceTest {
    private static final int RANDOM_LISTS = 300;

    @TempDir
    Path tmp;

    private final XmodOracle oracle = XmodOracle.get();

    @Test
    void hash1_randomNamesAndContents() throws IOException {
        Random r = new Random(20240101);
        List<String> problems = new ArrayList<>();
        int agreed = 0;
        for (int i = 0; i < RANDOM_LISTS; i++) {
            Map<String, byte[]> files = new HashMap<>();
            int n = r.nextInt(8);
            for (int k = 0; k < n; k++) {
                byte[] data = new byte[r.nextInt(3) == 0 ? r.nextInt(200_000) : r.nextInt(64)];
                r.nextBytes(data);
                files.put(randomName(r, i % 50 == 49), data);
            }
            List<String> names = new ArrayList<>(files.keySet());
            List<String> contents = names.stream()
                    .map(name -> Base64.getEncoder().encodeToString(files.get(name)))
                    .toList();
            String mine;
            try {
                mine = DirHash.hash1(names, name -> new ByteArrayInputStream(files.get(name)));
            } catch (IllegalArgumentException e) {
                mine = "error: " + e.getMessage();
            }
            String theirs;
            try {
                theirs = oracle.callString("dirhash.hash1", names, contents);
            } catch (XmodOracle.OracleError e) {
                theirs = "error: " + e.getMessage();
            }
            if (mine.equals(theirs)) {
                agreed++;
            } else {
                problems.add(names + ": " + mine + " != " + theirs);
            }
        }
        ConformanceReport.record("dirhash", "Hash1 vs x/mod (random names and contents)", RANDOM_LISTS, agreed);
        assertThat(problems).isEmpty();
    }

    /** A name from ASCII, Latin-1, BMP and non-BMP characters; sometimes with a newline. */
    private static String randomName(Random r, boolean newline) {
        String[] pieces = {"a", "Z", "/", "-", ".", "\u00e9", "\u00ff", "\uff21", "\ud83d\ude00", "\u65e5", " ", "@"};
        StringBuilder b = new StringBuilder();
        int len = 1 + r.nextInt(10);
        for (int i = 0; i < len; i++) {
            b.append(pieces[r.nextInt(pieces.length)]);
        }
        if (newline) {
            b.insert(r.nextInt(b.length() + 1), '\n');
        }
        return b.toString();
    }

    @Test
    void hashDir_generatedTrees() throws IOException {
        List<ModuleTrees.Tree> trees = new ArrayList<>(ModuleTrees.fixed());
        for (long seed = 100; seed < 120; seed++) {
            trees.add(ModuleTrees.random(seed));
        }
        List<String> problems = new ArrayList<>();
        int agreed = 0;
        for (int i = 0; i < trees.size(); i++) {
            ModuleTrees.Tree tree = trees.get(i);
            Path dir = tree.write(tmp.resolve("t" + i));
            String prefix = tree.mv().path() + "@" + tree.mv().version();
            String mine = DirHash.hashDir(dir, prefix);
            String theirs = oracle.callString("dirhash.hashDir", dir.toString(), prefix);
            if (mine.equals(theirs)) {
                agreed++;
            } else {
                problems.add(tree.mv() + ": " + mine + " != " + theirs);
            }
        }
        ConformanceReport.record("dirhash", "HashDir vs x/mod (generated trees, symlinks)", trees.size(), agreed);
        assertThat(problems).isEmpty();
    }

    @Test
    void hashZip_hostileZips() throws IOException {
        List<String> problems = new ArrayList<>();
        int compared = 0;
        int agreed = 0;
        for (BadZips.Case c : BadZips.cases()) {
            Path zip = Files.write(tmp.resolve(c.name() + ".zip"), c.zip());
            String mine;
            try {
                mine = DirHash.hashZip(zip);
            } catch (java.util.zip.ZipException e) {
                mine = "error: " + e.getMessage();
            }
            String theirs;
            try {
                theirs = oracle.callString("dirhash.hashZip", zip.toString());
            } catch (XmodOracle.OracleError e) {
                theirs = "error: " + e.getMessage();
            }
            if (c.name().equals("totalbig")) {
                // Declares 600 MiB it does not contain: Go fails reading, Holdfast refuses it unread.
                if (!(mine.startsWith("error: total uncompressed size") && theirs.equals("error: unexpected EOF"))) {
                    problems.add("totalbig: " + mine + " / " + theirs);
                }
                continue;
            }
            compared++;
            if (mine.equals(theirs)) {
                agreed++;
            } else {
                problems.add(c.name() + ": " + mine + " != " + theirs);
            }
        }
        ConformanceReport.record(
                "dirhash", "HashZip vs x/mod (hostile zips: duplicates, bad UTF-8, corrupt data)", compared, agreed);
        assertThat(problems).isEmpty();
    }
}
