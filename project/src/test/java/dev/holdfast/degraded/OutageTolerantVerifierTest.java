package dev.holdfast.degraded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.fetch.ChecksumMismatchException;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.Verifier;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class OutageTolerantVerifierTest {
    @Test
    void checkHash_outage_acceptedAsUnknownAndRemembered() throws Exception {
        OutageTolerantVerifier v = new OutageTolerantVerifier((mv, hash) -> {
            throw new ConnectException("Connection refused");
        });

        assertThat(v.checkHash(World.mv("example.com/a", "v1.0.0"), "h1:x")).isEqualTo(Verifier.Verdict.UNKNOWN);
        assertThat(v.unchecked()).containsExactly(World.mv("example.com/a", "v1.0.0"));
    }

    @Test
    void checkHash_answers_passThrough() throws Exception {
        OutageTolerantVerifier matched = new OutageTolerantVerifier((mv, hash) -> Verifier.Verdict.MATCHED);
        assertThat(matched.checkHash(World.mv("example.com/a", "v1.0.0"), "h1:x"))
                .isEqualTo(Verifier.Verdict.MATCHED);
        assertThat(matched.unchecked()).isEmpty();

        OutageTolerantVerifier lying = new OutageTolerantVerifier((mv, hash) -> {
            throw new ChecksumMismatchException("verifying example.com/a@v1.0.0: checksum mismatch");
        });
        assertThatThrownBy(() -> lying.checkHash(World.mv("example.com/a", "v1.0.0"), "h1:x"))
                .isInstanceOf(ChecksumMismatchException.class);
        OutageTolerantVerifier missing = new OutageTolerantVerifier((mv, hash) -> {
            throw new ModuleNotFoundException("not found");
        });
        assertThatThrownBy(() -> missing.checkHash(World.mv("example.com/a", "v1.0.0"), "h1:x"))
                .isInstanceOf(ModuleNotFoundException.class);
        assertThat(lying.unchecked()).isEmpty();
    }
}
