package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoPathsTest {
    // Cases from the documented rules of Go's path.Clean (and its doc examples).
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|.",
                "a/c|a/c",
                "a//c|a/c",
                "a/c/.|a/c",
                "a/c/b/..|a/c",
                "/../a/c|/a/c",
                "/../a/b/../././/c|/a/c",
                "../../a|../../a",
                "a/../..|..",
                "/|/",
                "//|/",
                "abc/|abc",
                "a/b/../../..|..",
                "/a/..|/",
            })
    void clean_followsGo(String in, String want) {
        assertThat(GoPaths.clean(in)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"/home/u|go|/home/u/go", "/x/|pkg/mod|/x/pkg/mod", "''|''|''", "''|a|a", "/a/b|../c|/a/c"})
    void join_skipsEmptyAndCleans(String a, String b, String want) {
        assertThat(GoPaths.join(a, b)).isEqualTo(want);
    }
}
