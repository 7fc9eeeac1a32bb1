package dev.holdfast.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proofs collected for an archive: a go command without a network, meeting the lookups in any order,
 * proves every one from the files alone, and a changed, missing or extra file is refused.
 */
class SumdbProofsTest {
    private static final String H1 = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private static final String H2 = "h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";
    private static final int MODULES = 12;

    private TestLog log;
    private final List<ModuleVersion> versions = new ArrayList<>();

    private static String lines(String path) {
        return path + " v1.0.0 " + H1 + "\n" + path + " v1.0.0/go.mod " + H2 + "\n";
    }

    @BeforeEach
    void fill() throws IOException {
        log = new TestLog();
        for (int i = 0; i < 1000; i++) {
            String path = "example.com/m" + i;
            log.add(path, "v1.0.0", lines(path));
            if (i % 83 == 5 && versions.size() < MODULES) {
                versions.add(new ModuleVersion(path, "v1.0.0"));
            }
        }
    }

    /** Collects the proofs while the log grows by a record after every lookup: the answers carry many trees. */
    private Map<String, byte[]> collectFromGrowingLog() throws IOException {
        SumdbClient.Ops growing = log.withRemote(path -> {
            synchronized (log) { // one more record after each lookup
                byte[] data = log.readRemote(path);
                for (int i = 0; i < 7 && path.startsWith("/lookup/"); i++) {
                    String filler = "example.org/filler" + log.records.size();
                    log.add(filler, "v1.0.0", lines(filler));
                }
                return data;
            }
        });
        return SumdbProofs.collect(new SumdbVerifier(new SumdbClient(log.key.verifier(), growing, 2), ""), versions);
    }

    @Test
    void collected_verifyGivesEveryVersionsGoSumLines() throws IOException {
        Map<String, byte[]> files = collectFromGrowingLog();
        assertThat(files.keySet().stream().filter(f -> f.startsWith("sum.example.com/lookup/")))
                .hasSize(MODULES);
        assertThat(files.keySet())
                .allMatch(f -> f.startsWith("sum.example.com/lookup/") || f.startsWith("sum.example.com/tile/2/"));

        assertThat(files.entrySet().stream()
                        .filter(e -> e.getKey().contains("/lookup/"))
                        .map(e -> new String(Tlog.parseRecord(e.getValue()).rest(), StandardCharsets.UTF_8))
                        .distinct()
                        .count())
                .as("signed trees among the answers")
                .isGreaterThan(3);

        Map<ModuleVersion, List<String>> lines = SumdbProofs.verify(log.key.verifier(), files, List.of(), 2);

        assertThat(lines).containsOnlyKeys(versions);
        assertThat(lines.get(versions.get(3)))
                .containsExactly(lines(versions.get(3).path()).strip().split("\n"));
        assertThat(log.config).isEmpty(); // the user's latest tree was neither read nor written
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aClientWithoutNetwork_provesEveryLookup_inAnyOrder(long seed) throws IOException {
        Map<String, byte[]> files = collectFromGrowingLog();
        List<ModuleVersion> order = new ArrayList<>(versions);
        Collections.shuffle(order, new Random(seed));

        SumdbClient offline =
                new SumdbClient(log.key.verifier(), new SumdbProofs.Archived("sum.example.com", files), 2);
        for (ModuleVersion mv : order) {
            assertThat(offline.lookup(mv.path(), mv.version()))
                    .as("seed %d: %s", seed, mv)
                    .containsExactly(mv.path() + " v1.0.0 " + H1);
        }
    }

    @Test
    void earlierTrees_areProvedPrefixesOfTheNewOnes() throws IOException {
        SumdbVerifier verifier = new SumdbVerifier(log.client(), "");
        Map<String, byte[]> first = SumdbProofs.collect(verifier, versions.subList(0, 2));
        List<String> earlier = SumdbProofs.signedTrees(verifier, first, List.of());
        assertThat(earlier).hasSize(1); // the log did not grow between the two lookups
        for (int i = 0; i < 601; i++) {
            log.add("example.org/later" + i, "v1.0.0", lines("example.org/later" + i));
        }
        List<ModuleVersion> later = List.of(new ModuleVersion("example.org/later600", "v1.0.0"));

        Map<String, byte[]> after = SumdbProofs.collect(verifier, later, earlier);
        Map<String, byte[]> alone = SumdbProofs.collect(verifier, later);

        assertThat(after.keySet()).containsAll(alone.keySet()).hasSizeGreaterThan(alone.size());
        assertThat(SumdbProofs.verify(log.key.verifier(), after, earlier, 2)).containsOnlyKeys(later);
        assertThatThrownBy(() -> SumdbProofs.verify(log.key.verifier(), after, List.of(), 2))
                .isInstanceOf(SumdbException.class)
                .hasMessageContaining("not needed to prove any lookup");
        assertThat(SumdbProofs.signedTrees(verifier, after, earlier)).hasSize(2).containsAll(earlier);
    }

    @Test
    void anEarlierTreeOfAForkedLog_failsTheCollection_andOneSignedByAnotherKeyIsRefused() throws IOException {
        SumdbVerifier verifier = new SumdbVerifier(log.client(), "");
        TestLog fork = new TestLog(log.key); // the same key, another history
        TestLog stranger = new TestLog(); // the same name, another key
        for (int i = 0; i < 500; i++) {
            fork.add("example.org/fork" + i, "v1.0.0", lines("example.org/fork" + i));
            stranger.add("example.org/fork" + i, "v1.0.0", lines("example.org/fork" + i));
        }
        String forked = new String(fork.signedTree(), StandardCharsets.UTF_8);
        String foreign = new String(stranger.signedTree(), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SumdbProofs.collect(verifier, versions.subList(0, 1), List.of(forked)))
                .isInstanceOf(SumdbSecurityException.class);
        assertThatThrownBy(() -> SumdbProofs.collect(verifier, versions.subList(0, 1), List.of(foreign)))
                .isInstanceOf(SumdbException.class)
                .hasMessageContaining("an earlier tree is not a tree signed by sum.example.com");
    }

    @Test
    void withATileLeftOut_verifyFails() throws IOException {
        Map<String, byte[]> files = collectFromGrowingLog();
        String tile = files.keySet().stream()
                .filter(f -> f.contains("/tile/"))
                .findFirst()
                .orElseThrow();
        files.remove(tile);

        assertThatThrownBy(() -> SumdbProofs.verify(log.key.verifier(), files, List.of(), 2))
                .isInstanceOf(SumdbException.class)
                .hasMessageContaining("not among the proofs");
    }

    @Test
    void aChangedLookup_isRefused() throws IOException {
        Map<String, byte[]> files = collectFromGrowingLog();
        String lookup = "sum.example.com/lookup/example.com/m88@v1.0.0";
        String text = new String(files.get(lookup), StandardCharsets.UTF_8);
        files.put(lookup, text.replace(H1, H2).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> SumdbProofs.verify(log.key.verifier(), files, List.of(), 2))
                .isInstanceOf(SumdbException.class)
                .hasMessageContaining("example.com/m88@v1.0.0")
                .hasMessageContaining("cannot authenticate record data");
    }

    @Test
    void anUnneededFile_isRefused() throws IOException {
        Map<String, byte[]> files = collectFromGrowingLog();
        files.put("sum.example.com/tile/2/0/999", new byte[128]);

        assertThatThrownBy(() -> SumdbProofs.verify(log.key.verifier(), files, List.of(), 2))
                .isInstanceOf(SumdbException.class)
                .hasMessageContaining("sum.example.com/tile/2/0/999: not needed to prove any lookup");
    }

    @Test
    void proofsOfAnotherKey_areRefused() throws IOException {
        Map<String, byte[]> files = collectFromGrowingLog();
        NoteKey.Verifier other = new TestLog().key.verifier(); // same name, another key

        assertThatThrownBy(() -> SumdbProofs.verify(other, files, List.of(), 2)).isInstanceOf(SumdbException.class);
    }

    @Test
    void modulesTheVerifierDoesNotCover_areNotLookedUp() throws IOException {
        SumdbVerifier privateM5 = new SumdbVerifier(log.client(), "example.com/m5");
        int before = log.remoteReads.get();

        Map<String, byte[]> files = SumdbProofs.collect(privateM5, versions);

        assertThat(files).doesNotContainKey("sum.example.com/lookup/example.com/m5@v1.0.0");
        assertThat(files.keySet().stream().filter(f -> f.contains("/lookup/"))).hasSize(MODULES - 1);
        assertThat(log.remoteReads.get()).isGreaterThan(before);
    }
}
