package dev.holdfast.modfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the go.mod parser: any input is either refused with a {@link GoModSyntaxException} or
 * parsed into a file that formats the same way every time, and whose formatted form is again
 * either refused with a syntax error or parsed. No other exception, no hang.
 *
 * <p>Formatting is deliberately not required to be a fixed point: it is not one in x/mod either. A
 * retract directive's quoted token is rewritten even when the directive is then ignored, so {@code
 * retract "a//b"} formats as {@code retract a//b}, which reads back as {@code a} and a comment
 * (seeds {@code lax-retract-unquoted} and {@code strict-retract-unquoted}, both checked against
 * x/mod's Format through the oracle). Agreement with x/mod is the conformance suite's job.
 */
class GoModFileFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parseAndFormat(byte[] data) {
        for (boolean lax : new boolean[] {false, true}) {
            byte[] formatted = formatted(data, lax);
            if (formatted != null) {
                formatted(formatted, lax);
            }
        }
    }

    /** Returns the formatted file, or null when the parser refused the input with a syntax error. */
    private static byte[] formatted(byte[] data, boolean lax) {
        try {
            GoModFile file = lax ? GoModFile.parseLax("go.mod", data, null) : GoModFile.parse("go.mod", data, null);
            byte[] once = file.format();
            assertThat(file.format()).isEqualTo(once);
            return once;
        } catch (GoModSyntaxException expected) {
            assertThat(expected.getMessage()).startsWith("go.mod:");
            return null;
        }
    }
}
