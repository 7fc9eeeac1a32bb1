package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.sum.GoSum;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * go.sum verification with the rule of cmd/go modfetch {@code haveModSumLocked}. The mismatch text
 * is what {@code go mod download} (go1.26.8) printed for a go.mod whose go.sum line was altered.
 */
class GoSumVerifierTest {
    private static final String H_A = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private static final String H_B = "h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";
    private static final ModuleVersion D = new ModuleVersion("example.com/d", "v1.0.0");

    private static GoSum sums(String text) {
        return GoSum.parse("go.sum", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void checkMod_mismatch_goCommandMessage() {
        byte[] mod = "module example.com/d\n".getBytes(StandardCharsets.UTF_8);
        Verifier v = GoSumVerifier.of(sums("example.com/d v1.0.0/go.mod " + H_B + "\n"));
        // Printed by go mod download for this go.mod and go.sum, minus its final newline.
        assertThatThrownBy(() -> v.checkMod(D, mod))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessage("""
                        verifying example.com/d@v1.0.0/go.mod: checksum mismatch
                        \tdownloaded: h1:jpRNKJ+rI4SFCFqRJlfe7G4saIJvHgJss1TcTCWmY18=
                        \tgo.sum:     h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=

                        SECURITY ERROR
                        This download does NOT match an earlier download recorded in go.sum.
                        The bits may have been replaced on the origin server, or an attacker may
                        have intercepted the download attempt.

                        For more information, see 'go help module-auth'.""");
    }

    @Test
    void checkMod_matched_returnsHash() throws IOException {
        byte[] mod = "module example.com/d\n".getBytes(StandardCharsets.UTF_8);
        String h = DirHash.hashGoMod(mod);
        Verifier v = GoSumVerifier.of(sums("example.com/d v1.0.0/go.mod " + h + "\n"));
        assertThat(v.checkMod(D, mod)).isEqualTo(new Verifier.Checked(h, Verifier.Verdict.MATCHED));
    }

    @Test
    void checkHash_absent_unknown() throws IOException {
        Verifier v = GoSumVerifier.of(sums("example.com/other v1.0.0 " + H_A + "\n"));
        assertThat(v.checkHash(D, H_A)).isEqualTo(Verifier.Verdict.UNKNOWN);
        // the zip hash and the go.mod hash are different records
        Verifier zipOnly = GoSumVerifier.of(sums("example.com/d v1.0.0 " + H_A + "\n"));
        assertThat(zipOnly.checkHash(new ModuleVersion("example.com/d", "v1.0.0/go.mod"), H_B))
                .isEqualTo(Verifier.Verdict.UNKNOWN);
    }

    @Test
    void checkHash_onlyOtherAlgorithms_unknown() throws IOException {
        Verifier v = GoSumVerifier.of(sums("example.com/d v1.0.0 h2:whatever=\n"));
        assertThat(v.checkHash(D, H_A)).isEqualTo(Verifier.Verdict.UNKNOWN);
    }

    @Test
    void checkHash_firstDifferentH1BeforeAMatch_mismatch() throws IOException {
        // Go walks the recorded hashes in file order and stops at the first h1 that differs.
        Verifier v = GoSumVerifier.of(sums("example.com/d v1.0.0 " + H_A + "\nexample.com/d v1.0.0 " + H_B + "\n"));
        assertThat(v.checkHash(D, H_A)).isEqualTo(Verifier.Verdict.MATCHED);
        assertThatThrownBy(() -> v.checkHash(D, H_B))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageStartingWith("verifying example.com/d@v1.0.0: checksum mismatch\n\tdownloaded: " + H_B
                        + "\n\tgo.sum:     " + H_A + "\n\nSECURITY ERROR\n");
    }

    @Test
    void checkHash_workspaceFileName_inMessage() {
        Verifier v = new GoSumVerifier(sums("example.com/d v1.0.0 " + H_A + "\n"), "go.work.sum");
        assertThatThrownBy(() -> v.checkHash(D, H_B)).hasMessageContaining("\n\tgo.work.sum:     " + H_A + "\n");
    }

    @Test
    void orElse_asksNextOnlyWhenUnknown() throws IOException {
        List<ModuleVersion> asked = new ArrayList<>();
        Verifier next = (mv, hash) -> {
            asked.add(mv);
            return Verifier.Verdict.MATCHED;
        };
        Verifier chain =
                GoSumVerifier.of(sums("example.com/d v1.0.0 " + H_A + "\n")).orElse(next);
        assertThat(chain.checkHash(D, H_A)).isEqualTo(Verifier.Verdict.MATCHED);
        assertThat(asked).isEmpty();
        ModuleVersion other = new ModuleVersion("example.com/e", "v1.0.0");
        assertThat(chain.checkHash(other, H_A)).isEqualTo(Verifier.Verdict.MATCHED);
        assertThat(asked).containsExactly(other);
        assertThatThrownBy(() -> chain.checkHash(D, H_B)).isInstanceOf(ChecksumMismatchException.class);
        assertThat(asked).containsExactly(other);
    }

    @Test
    void none_knowsNothing() throws IOException {
        assertThat(Verifier.NONE.checkHash(D, H_A)).isEqualTo(Verifier.Verdict.UNKNOWN);
        assertThat(Verifier.NONE.orElse(Verifier.NONE).checkHash(D, H_A)).isEqualTo(Verifier.Verdict.UNKNOWN);
    }
}
