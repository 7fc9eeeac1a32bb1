package dev.holdfast.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.fetch.GoCommand;
import dev.holdfast.fetch.ProcessRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GOSUMDB as modfetch's dbDial reads it (spec 12.1). */
class SumdbConfigTest {
    @TempDir
    Path home;

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
    void parse_knownName_expandsToTheKeyTheGoCommandKnows() throws Exception {
        // The go command's default GOSUMDB is a bare name; its key comes from the go command's own table.
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "HOME", home.toString(), "GOENV", "off");
        telemetryOff(env);
        String name = GoCommand.onPath().env(env, List.of("GOSUMDB")).get("GOSUMDB");
        assertThat(name).isNotEmpty().doesNotContain("+");
        SumdbConfig c = SumdbConfig.parse(name).orElseThrow();
        assertThat(c.name()).isEqualTo(name);
        assertThat(c.url()).isNull();
        KnownKeys known = KnownKeys.installed();
        assertThat(known.problem()).isEmpty();
        assertThat(known.aliases()).isNotEmpty();
        known.aliases().forEach((alias, setting) -> {
            SumdbConfig aliased = SumdbConfig.parse(alias).orElseThrow();
            assertThat(aliased.name() + " " + aliased.url()).isEqualTo(setting);
        });
    }

    /**
     * Telemetry would otherwise start a detached child of the go command that writes into HOME after
     * the test has ended, racing the deletion of the temporary directory (seen once in CI).
     */
    private static void telemetryOff(Map<String, String> env) throws Exception {
        ProcessRun run = ProcessRun.of(List.of("go", "telemetry", "off"), null, env);
        assertThat(run.status()).as(run.err()).isZero();
    }

    @Test
    void knownKeys_readFromTheGoSource() throws Exception {
        Path modfetch = Files.createDirectories(home.resolve("goroot/src/cmd/go/internal/modfetch"));
        Files.writeString(
                modfetch.resolve("key.go"),
                "package modfetch\n\nvar knownGOSUMDB = map[string]string{\n\t\"localhost.localdev/sumdb\": \""
                        + NoteKeyTest.LOCALDEV + "\",\n}\n");
        Files.writeString(
                modfetch.resolve("sumdb.go"),
                "func dbDial() {\n\tif gosumdb == \"mirror.example.com\" {\n\t\tgosumdb = \"localhost.localdev/sumdb"
                        + " https://mirror.example.com\"\n\t}\n}\n");
        KnownKeys known = KnownKeys.fromGoroot(home.resolve("goroot"));
        assertThat(known.keys()).containsExactly(Map.entry("localhost.localdev/sumdb", NoteKeyTest.LOCALDEV));
        SumdbConfig aliased = SumdbConfig.parse("mirror.example.com", known).orElseThrow();
        assertThat(aliased.key().format()).isEqualTo(NoteKeyTest.LOCALDEV);
        assertThat(aliased.url()).isEqualTo("https://mirror.example.com");
        assertThat(KnownKeys.fromGoroot(home.resolve("missing")).problem()).isPresent();
        assertThatThrownBy(() -> SumdbConfig.parse("localhost.localdev/other", KnownKeys.fromGoroot(home.resolve("x"))))
                .hasMessageStartingWith("invalid GOSUMDB: malformed verifier id (the databases the go command knows");
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
