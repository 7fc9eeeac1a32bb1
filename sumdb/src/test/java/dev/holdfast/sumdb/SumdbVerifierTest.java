package dev.holdfast.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.fetch.ChecksumMismatchException;
import dev.holdfast.fetch.GoSumVerifier;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.sum.GoSum;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hashes checked against the database with the rule and words of modfetch checkSumDB. */
class SumdbVerifierTest {
    private static final String H1 = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private static final String H2 = "h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";
    private static final String H3 = "h1:CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC=";
    private TestLog log;
    private SumdbVerifier verifier;

    @BeforeEach
    void fill() throws IOException {
        log = new TestLog();
        log.add("example.com/a", "v1.0.0", "example.com/a v1.0.0 " + H1 + "\nexample.com/a v1.0.0/go.mod " + H2 + "\n");
        log.add("example.com/b", "v1.0.0", "example.com/b v1.0.0/go.mod " + H2 + "\n");
        verifier = new SumdbVerifier(log.client(), "private.example.com");
    }

    @Test
    void checkHash_matched() throws IOException {
        assertThat(verifier.checkHash(new ModuleVersion("example.com/a", "v1.0.0"), H1))
                .isEqualTo(Verifier.Verdict.MATCHED);
        assertThat(verifier.checkHash(new ModuleVersion("example.com/a", "v1.0.0/go.mod"), H2))
                .isEqualTo(Verifier.Verdict.MATCHED);
    }

    @Test
    void checkHash_differentHash_mismatchWithGoCommandWords() {
        assertThatThrownBy(() -> verifier.checkHash(new ModuleVersion("example.com/a", "v1.0.0/go.mod"), H3))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessage("example.com/a@v1.0.0: verifying go.mod: checksum mismatch\n\tdownloaded: " + H3
                        + "\n\tsum.example.com: " + H2 + SumdbVerifier.SUMDB_MISMATCH);
    }

    @Test
    void checkHash_noLine_missingFromResponse() {
        assertThatThrownBy(() -> verifier.checkHash(new ModuleVersion("example.com/b", "v1.0.0"), H1))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessage("example.com/b@v1.0.0: verifying module: checksum missing from sumdb response"
                        + SumdbVerifier.SUMDB_ABSENT);
    }

    @Test
    void checkHash_unknownModule_lookupError() {
        assertThatThrownBy(() -> verifier.checkHash(new ModuleVersion("example.com/c", "v1.0.0"), H1))
                .isInstanceOf(SumdbException.class)
                .hasMessageStartingWith("example.com/c@v1.0.0: verifying module: example.com/c@v1.0.0: reading ");
    }

    @Test
    void checkHash_gonosumdb_unknownWithoutLookup() throws IOException {
        assertThat(verifier.checkHash(new ModuleVersion("private.example.com/x", "v1.0.0"), H1))
                .isEqualTo(Verifier.Verdict.UNKNOWN);
        assertThat(log.remoteReads.get()).isZero();
    }

    @Test
    void goSumFirst_databaseOnlyForMissingLines() throws IOException {
        GoSum sums = GoSum.parse("go.sum", ("example.com/a v1.0.0 " + H3 + "\n").getBytes(StandardCharsets.UTF_8));
        Verifier chain = GoSumVerifier.of(sums).orElse(verifier);
        // go.sum wins for what it records, even against the database.
        assertThat(chain.checkHash(new ModuleVersion("example.com/a", "v1.0.0"), H3))
                .isEqualTo(Verifier.Verdict.MATCHED);
        assertThat(log.remoteReads.get()).isZero();
        assertThat(chain.checkHash(new ModuleVersion("example.com/a", "v1.0.0/go.mod"), H2))
                .isEqualTo(Verifier.Verdict.MATCHED);
        assertThat(log.remoteReads.get()).isPositive();
    }
}
