package dev.holdfast.sum;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the go.sum reader: any input is either refused with a {@link MalformedGoSumException} or
 * read into lines whose written form reads back and writes out unchanged. (Writing sorts and
 * de-duplicates hashes, so the first read and the re-read may differ in order: seed {@code
 * unsorted-hashes}; a line that is not UTF-8 is refused: seed {@code invalid-utf8}.)
 */
class GoSumFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parseAndFormat(byte[] data) {
        GoSum sum;
        try {
            sum = GoSum.parse("go.sum", data);
        } catch (MalformedGoSumException expected) {
            assertThat(expected.getMessage()).contains("go.sum");
            return;
        }
        byte[] formatted = sum.format();
        GoSum again = GoSum.parse("go.sum", formatted);
        assertThat(again.format()).isEqualTo(formatted);
        assertThat(again.modules()).containsExactlyInAnyOrderElementsOf(sum.modules());
    }
}
