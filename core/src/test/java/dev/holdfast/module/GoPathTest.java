package dev.holdfast.module;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected values were printed by go1.26.8 (path.Clean, path.Dir, path.Join); the conformance suite also
 * compares GoPath with Go's path package itself on generated paths (ModuleOps: path.clean, path.dir, path.join).
 */
class GoPathTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|.",
                ".|.",
                "a/c|a/c",
                "a//c|a/c",
                "a/c/.|a/c",
                "a/c/b/..|a/c",
                "/../a/c|/a/c",
                "/../a/b/../././/c|/a/c",
                "../../x|../../x",
                "a/../..|..",
                "a/b/../../..|..",
                "./a|a",
                "a/|a",
                "abc/|abc",
                "/|/",
                "//|/",
                "/a/..|/",
                "abc/../../def|../def",
            })
    void clean_matchesGo(String in, String want) {
        assertThat(GoPath.clean(in)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"a/b/c|a/b", "a|.", "/a|/", "''|.", "a//b/|a/b", "../x|.."})
    void dir_matchesGo(String in, String want) {
        assertThat(GoPath.dir(in)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"/home/u|go|/home/u/go", "/x/|pkg/mod|/x/pkg/mod", "''|''|''", "''|a|a", "/a/b|../c|/a/c"})
    void join_skipsEmptyAndCleans(String a, String b, String want) {
        assertThat(GoPath.join(a, b)).isEqualTo(want);
    }
}
