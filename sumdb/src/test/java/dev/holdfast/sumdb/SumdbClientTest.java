package dev.holdfast.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client algorithm of spec 12.5 against an in-memory database that can lie. */
class SumdbClientTest {
    private static final String H1 = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private static final String H2 = "h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";

    private TestLog log;

    private static String lines(String path, String version) {
        return path + " " + version + " " + H1 + "\n" + path + " " + version + "/go.mod " + H2 + "\n";
    }

    @BeforeEach
    void fill() throws IOException {
        log = new TestLog();
        for (int i = 0; i < 23; i++) {
            log.add("example.com/m" + i, "v1.0.0", lines("example.com/m" + i, "v1.0.0"));
        }
    }

    @Test
    void lookup_returnsLinesOfThatVersion_andCachesWhatItProved() throws IOException {
        SumdbClient c = log.client();
        assertThat(c.lookup("example.com/m5", "v1.0.0")).containsExactly("example.com/m5 v1.0.0 " + H1);
        assertThat(c.lookup("example.com/m5", "v1.0.0/go.mod")).containsExactly("example.com/m5 v1.0.0/go.mod " + H2);
        assertThat(log.cache).containsKey("sum.example.com/lookup/example.com/m5@v1.0.0");
        assertThat(log.cache.keySet()).anyMatch(k -> k.startsWith("sum.example.com/tile/2/0/"));
        assertThat(new String(log.config.get("sum.example.com/latest"), StandardCharsets.UTF_8))
                .startsWith("go.sum database tree\n23\n");
        assertThat(c.latest().n()).isEqualTo(23);

        // A second client finds everything in the cache.
        int reads = log.remoteReads.get();
        assertThat(log.client().lookup("example.com/m5", "v1.0.0")).hasSize(1);
        assertThat(log.remoteReads.get()).isEqualTo(reads);
    }

    @Test
    void lookup_escapesPathAndVersion() throws IOException {
        log.add("example.com/Upper", "v1.0.0-RC", lines("example.com/Upper", "v1.0.0-RC"));
        assertThat(log.client().lookup("example.com/Upper", "v1.0.0-RC")).hasSize(1);
        assertThat(log.cache).containsKey("sum.example.com/lookup/example.com/!upper@v1.0.0-!r!c");
    }

    @Test
    void lookup_logGrows_newTreeProvedConsistent() throws IOException {
        SumdbClient c = log.client();
        c.lookup("example.com/m1", "v1.0.0");
        for (int i = 23; i < 40; i++) {
            log.add("example.com/m" + i, "v1.0.0", lines("example.com/m" + i, "v1.0.0"));
        }
        assertThat(c.lookup("example.com/m39", "v1.0.0")).hasSize(1);
        assertThat(c.latest().n()).isEqualTo(40);
        // An older tree head (from a cached lookup) is proved to be a prefix and changes nothing.
        assertThat(log.client().lookup("example.com/m1", "v1.0.0")).hasSize(1);
    }

    @Test
    void lookup_unknownModule_notFound() {
        assertThatThrownBy(() -> log.client().lookup("example.com/nope", "v1.0.0"))
                .isInstanceOf(SumdbException.class)
                .hasMessageStartingWith("example.com/nope@v1.0.0: reading /lookup/example.com/nope@v1.0.0: 404")
                .satisfies(e -> assertThat(((SumdbException) e).isTransient()).isFalse());
    }

    @Test
    void lookup_recordNotInTree_cannotAuthenticate() {
        log.lookupTextOverride = lines("example.com/m5", "v1.0.0").replace(H1, H2);
        assertThatThrownBy(() -> log.client().lookup("example.com/m5", "v1.0.0"))
                .isInstanceOf(SumdbException.class)
                .hasMessage("example.com/m5@v1.0.0: cannot authenticate record data in server response");
        assertThat(log.cache).doesNotContainKey("sum.example.com/lookup/example.com/m5@v1.0.0");
    }

    @Test
    void lookup_badSignature_rejected() {
        NoteKey.Pair other = NoteKey.generate("sum.example.com", new SecureRandom());
        // Same name and key hash as the real key, another private key.
        log.signerOverride = new NoteKey.Signer(
                "sum.example.com", log.key.verifier().hash(), other.signer().seed());
        assertThatThrownBy(() -> log.client().lookup("example.com/m5", "v1.0.0"))
                .isInstanceOf(SumdbException.class)
                .hasMessageStartingWith("example.com/m5@v1.0.0: reading tree note: invalid signature for key "
                        + NoteKey.id("sum.example.com", log.key.verifier().hash()) + "\nnote:\ngo.sum database tree\n");
        log.signerOverride = other.signer();
        assertThatThrownBy(() -> log.client().lookup("example.com/m5", "v1.0.0"))
                .hasMessageContaining("reading tree note: note has no verifiable signatures");
    }

    @Test
    void lookup_inconsistentTiles_rejected() {
        log.tamperTiles = true;
        assertThatThrownBy(() -> log.client().lookup("example.com/m5", "v1.0.0"))
                .isInstanceOf(SumdbException.class)
                .hasMessage("example.com/m5@v1.0.0: downloaded inconsistent tile");
        assertThat(log.cache.keySet()).noneMatch(k -> k.contains("/tile/"));
    }

    @Test
    void lookup_forkedLog_securityError() throws IOException {
        SumdbClient c = log.client();
        c.lookup("example.com/m5", "v1.0.0");
        byte[] honest = log.config.get("sum.example.com/latest");

        // The same key signs another log: the last record the client saw differs, and the log is
        // longer. (Tiles the two logs share stay in the cache, as they would for the go command.)
        TestLog forked = new TestLog(log.key);
        for (int i = 0; i < 30; i++) {
            String text = lines("example.com/m" + i, "v1.0.0");
            forked.add("example.com/m" + i, "v1.0.0", i == 22 ? text.replace(H1, H2) : text);
        }
        SumdbClient.Ops mixed = log.withRemote(forked::readRemote);
        SumdbClient victim = new SumdbClient(log.key.verifier(), mixed, 2);
        assertThatThrownBy(() -> victim.lookup("example.com/m25", "v1.0.0"))
                .isInstanceOf(SumdbSecurityException.class)
                .hasMessageStartingWith("SECURITY ERROR\ngo.sum database server misbehavior detected!\n\n"
                        + "old database:\n\tgo.sum database tree\n\t23\n")
                .hasMessageContaining("new database:\n\tgo.sum database tree\n\t30\n")
                .hasMessageContaining("proof of misbehavior:\n\t");
        assertThat(log.config.get("sum.example.com/latest")).isEqualTo(honest);
    }

    @Test
    void lookup_serverUnreachable_sameFailureEveryTime_reportedAsIs() throws IOException {
        log.client().lookup("example.com/m5", "v1.0.0"); // the tree of 23 and its tiles, remembered
        log.cache.keySet().removeIf(k -> k.contains("/tile/"));
        // SumdbFiles remembers that no server could be found and throws that failure for every read, as
        // the go command's initBase does; a partial tile is then asked for twice (itself, then its full
        // tile) and gets the same exception both times.
        IOException down = new IOException("Get \"http://127.0.0.1:9/sumdb/sum.example.com/supported\": refused");
        SumdbClient c = new SumdbClient(
                log.key.verifier(),
                log.withRemote(path -> {
                    throw down;
                }),
                2);
        assertThatThrownBy(() -> c.lookup("example.com/m5", "v1.0.0"))
                .isInstanceOf(SumdbException.class)
                .hasMessageContaining("refused");
        assertThat(down.getSuppressed()).isEmpty();
    }

    @Test
    void latest_writeConflict_mergesNewerTree() throws IOException {
        SumdbClient a = log.client();
        SumdbClient b = log.client();
        a.lookup("example.com/m1", "v1.0.0"); // both start from the empty timeline
        b.latest();
        for (int i = 23; i < 30; i++) {
            log.add("example.com/m" + i, "v1.0.0", lines("example.com/m" + i, "v1.0.0"));
        }
        b.lookup("example.com/m29", "v1.0.0");
        assertThat(new String(log.config.get("sum.example.com/latest"), StandardCharsets.UTF_8))
                .startsWith("go.sum database tree\n30\n");
        // a still believes 23; a newer lookup moves it forward past b's write.
        log.add("example.com/m30", "v1.0.0", lines("example.com/m30", "v1.0.0"));
        a.lookup("example.com/m30", "v1.0.0");
        assertThat(new String(log.config.get("sum.example.com/latest"), StandardCharsets.UTF_8))
                .startsWith("go.sum database tree\n31\n");
    }

    @Test
    void lookup_cachedLookupWithoutTree_notTrusted() throws IOException {
        log.cache.put(
                "sum.example.com/lookup/example.com/m5@v1.0.0",
                ("5\n" + lines("example.com/m5", "v1.0.0").replace(H1, H2) + "\n").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> log.client().lookup("example.com/m5", "v1.0.0"))
                .hasMessage("example.com/m5@v1.0.0: cannot validate record 5 in tree of size 0");
    }
}
