package dev.holdfast.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GOSUMDB as modfetch's dbDial reads it (spec 12.1). */
class SumdbConfigTest {
    @Test
    void parse_off_empty() {
        assertThat(SumdbConfig.parse("off")).isEmpty();
    }

    @Test
    void parse_keyAndUrl() {
        SumdbConfig c = SumdbConfig.parse(NoteKeyTest.LOCALDEV + " http://127.0.0.1:8080/sumdb/")
                .orElseThrow();
        assertThat(c.name()).isEqualTo("localhost.localdev/sumdb");
        assertThat(c.url()).isEqualTo("http://127.0.0.1:8080/sumdb/");
        assertThat(SumdbConfig.parse("  " + NoteKeyTest.LOCALDEV + "\t")
                        .orElseThrow()
                        .url())
                .isNull();
    }

    @Test
    void parse_knownName_expandsToItsKey() {
        SumdbConfig c = SumdbConfig.parse("sum.golang.org").orElseThrow();
        assertThat(c.key().format()).isEqualTo(SumdbConfig.KNOWN_KEYS.get("sum.golang.org"));
        assertThat(c.url()).isNull();
        SumdbConfig alias = SumdbConfig.parse("sum.golang.google.cn").orElseThrow();
        assertThat(alias.name()).isEqualTo("sum.golang.org");
        assertThat(alias.url()).isEqualTo("https://sum.golang.google.cn");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a b c|invalid GOSUMDB: too many fields",
                "' '|missing GOSUMDB",
                "sum.example.com|invalid GOSUMDB: malformed verifier id",
                "localhost.localdev/sumdb+00000c68+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6|invalid GOSUMDB: invalid verifier hash",
            })
    void parse_bad(String gosumdb, String message) {
        assertThatThrownBy(() -> SumdbConfig.parse(gosumdb)).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({
        "example.com/,false",
        "a?b,false",
        "u@example.com,false",
        "example.com/a/b,true",
        "example.com:8080,true"
    })
    void parse_name_mustBeHostAndPath(String name, boolean ok) {
        NoteKey.Pair pair = NoteKey.generate(name, new java.security.SecureRandom());
        String key = pair.verifier().format();
        if (ok) {
            assertThat(SumdbConfig.parse(key).orElseThrow().name()).isEqualTo(name);
        } else {
            assertThatThrownBy(() -> SumdbConfig.parse(key))
                    .hasMessage("invalid sumdb name (must be host[/path]): " + name);
        }
    }

    @Test
    void isUsed_offAndGonosumdb() {
        assertThat(SumdbConfig.isUsed("sum.example.com", "", "example.com/a")).isTrue();
        assertThat(SumdbConfig.isUsed("off", "", "example.com/a")).isFalse();
        assertThat(SumdbConfig.isUsed("sum.example.com", "example.com", "example.com/a"))
                .isFalse();
        assertThat(SumdbConfig.isUsed("sum.example.com", "*.example.com,other.test", "example.com/a"))
                .isTrue();
    }
}
