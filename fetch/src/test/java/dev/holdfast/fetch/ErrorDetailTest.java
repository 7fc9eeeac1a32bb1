package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The go command's web.Response.formatErrorDetail rules. */
class ErrorDetailTest {
    static String format(String body) {
        return ErrorDetail.format(body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "text/plain|true",
                "text/plain; charset=utf-8|true",
                "TEXT/PLAIN; charset=\"UTF-8\"|true",
                "text/plain; charset=us-ascii|true",
                "text/plain; charset=iso-8859-1|false",
                "text/html|false",
                "application/json|false",
            })
    void isShown_onlyPlainUtf8Text(String contentType, boolean shown) {
        assertThat(ErrorDetail.isShown(contentType)).isEqualTo(shown);
    }

    @Test
    void isShown_noContentType() {
        assertThat(ErrorDetail.isShown(null)).isFalse();
    }

    @Test
    void format_stopsAtBlankLine() {
        assertThat(format("first\nsecond\n \nthird")).isEqualTo("first\n\tsecond");
    }

    @Test
    void format_truncatesAfterEightLines() {
        assertThat(format("1\n2\n3\n4\n5\n6\n7\n8\n9\n10"))
                .isEqualTo("1\n\t2\n\t3\n\t4\n\t5\n\t6\n\t7\n\t8\n\t[Truncated: too many lines.]");
    }

    @Test
    void format_truncatesPast648Bytes() {
        String line = "x".repeat(400);
        assertThat(format(line + "\n" + line)).isEqualTo(line + "\n\t[Truncated: too long.]");
        assertThat(format("y".repeat(700))).isEqualTo("[Truncated: too long.]");
    }

    @Test
    void format_refusesControlCharactersAndInvalidUtf8() {
        assertThat(format("bell\u0007")).isEmpty();
        assertThat(format("escape \u001b[31m red")).isEmpty();
        assertThat(ErrorDetail.format(new byte[] {'a', (byte) 0xff})).isEmpty();
        assertThat(format("tab\tand\u00a0nbsp and é")).isEqualTo("tab\tand\u00a0nbsp and é");
    }
}
