package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VerifierModTest {
    private static final ModuleVersion MODULE = new ModuleVersion("example.com/m", "v1.0.0");

    @Test
    void checkMod_validGoModPasses() throws IOException {
        byte[] goMod =
                "module example.com/m\n\ngo 1.22\n\nrequire example.com/a v1.0.0\n".getBytes(StandardCharsets.UTF_8);

        assertThat(Verifier.NONE.checkMod(MODULE, goMod).verdict()).isEqualTo(Verifier.Verdict.UNKNOWN);
    }

    @Test
    void checkMod_goModDamagedInTransitIsRefusedPermanently() {
        // One flipped byte turns a requirement line into one the go command cannot read.
        byte[] goMod = "module example.com/m\n\nrequire example.com/a v1.0.0 (\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Verifier.NONE.checkMod(MODULE, goMod))
                .isInstanceOfSatisfying(UpstreamException.class, e -> assertThat(e.isTransient())
                        .isFalse())
                .hasMessage("example.com/m@v1.0.0: invalid go.mod from the upstream:\n"
                        + "\tgo.mod:4: syntax error (unterminated block started at go.mod:3:1)");
    }
}
