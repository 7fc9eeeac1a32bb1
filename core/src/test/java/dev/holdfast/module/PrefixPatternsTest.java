package dev.holdfast.module;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests for {@link PrefixPatterns}; expectations follow the algorithm of x/mod's MatchPrefixPatterns
 * and Go's path.Match.
 */
class PrefixPatternsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "example.com|example.com|true",
                "example.com|example.com/x/y|true",
                "example.com|example.com.test/x|false",
                "example.com/|example.com/x|true",
                "example.com/a|example.com|false",
                "example.com/a/|example.com/a/b|true",
                "*.example.com|a.example.com/x|true",
                "*.example.com|example.com/x|false",
                "example.com/*/c|example.com/b/c/d|true",
                "example.com/*/c|example.com/b/d/c|false",
                "*|anything/x|true",
                "*/*|a|false",
                "a/*|a/|true",
                "''|x|false",
                ",,example.com,|example.com/x|true",
                "other.test,example.com|example.com/x|true",
                "[|x|false",
                "x[|x|false",
                "example.com\\|example.com|false",
                "ex?mple.com|example.com/y|true",
                "example.co[lm]|example.com|true",
                "example.co[^m]|example.com|false",
                "example.co[a-z]|example.com|true",
                "example.\\com|example.com|true",
                "example.com|EXAMPLE.COM|false",
            })
    void match_table(String globs, String target, boolean want) {
        assertThat(PrefixPatterns.match(globs, target)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "abc|abc|true",
                "*|abc|true",
                "*c|abc|true",
                "a*|a|true",
                "a*|a/b|false",
                "a*b*c|axxbyyc|true",
                "a*b*c|axxbyyd|false",
                "?|/|false",
                "?|é|true",
                "a?c|a/c|false",
                "[]a]|]|false",
                "[\\]a]|]|true",
                "[a-]|a|false",
                "[^]|a|false",
                "[a-c]|b|true",
                "[^a-c]|d|true",
                "[é-ë]|ê|true",
                "\\*|*|true",
                "\\*|x|false",
                "a\\|a|false",
                // Go matches bytes: after a star it may restart inside a multi-byte rune, whose
                // remaining bytes then count as one invalid rune each ('€' is three bytes).
                "*??|€|true",
                "*???|€|false",
                "*[^é]|é|true",
                "*[^é]x|éx|true",
            })
    void pathMatch_table(String pattern, String name, boolean want) {
        assertThat(PrefixPatterns.pathMatch(pattern, name)).isEqualTo(want);
    }
}
