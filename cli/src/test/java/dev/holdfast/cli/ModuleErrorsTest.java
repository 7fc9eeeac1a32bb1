package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** One message shape, {@code path@version: reason}, never wrapped twice (STYLE.md section 5). */
class ModuleErrorsTest {

    @Test
    void message_prefixesABareReason() {
        assertThat(ModuleErrors.message("example.com/m", "v1.0.0", new IOException("connection refused")))
                .isEqualTo("example.com/m@v1.0.0: connection refused");
    }

    @Test
    void message_keepsAReasonThatNamesTheModuleAlready() {
        assertThat(ModuleErrors.message("example.com/m", "latest", new IOException("example.com/m@v1.2.0: gone")))
                .isEqualTo("example.com/m@v1.2.0: gone");
        assertThat(ModuleErrors.message("example.com/m", "v1", new IOException("module example.com/m: no match")))
                .isEqualTo("module example.com/m: no match");
    }

    @Test
    void message_keepsTheGoCommandsChecksumMismatchUnprefixed() {
        // go mod download prints "verifying m@v: checksum mismatch ..." with nothing before it.
        String mismatch = "verifying example.com/m@v1.0.0: checksum mismatch\n\tdownloaded: h1:a=\n\tgo.sum:     h1:b=";

        assertThat(ModuleErrors.message("example.com/m", "v1.0.0", new IOException(mismatch)))
                .isEqualTo(mismatch);
    }

    @Test
    void message_withoutQuery_isTheReason() {
        assertThat(ModuleErrors.message("example.com/m", "", new IllegalArgumentException("malformed")))
                .isEqualTo("malformed");
    }
}
