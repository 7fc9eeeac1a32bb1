package dev.holdfast.query;

import static dev.holdfast.query.VersionQueryTest.P;
import static dev.holdfast.query.VersionQueryTest.mod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Retractions and deprecations as modload's CheckRetractions, CheckDeprecation and ShortMessage (spec §11.2). */
class AuthorNoticesTest {
    private static final String LATEST_MOD = mod(P, """
            retract (
            \tv1.0.0 // first
            \t// second
            \t[v1.0.0, v1.1.0]
            \tv1.0.5
            )
            // self
            retract v1.9.0
            """);

    private static AuthorNotices notices(MemoryRepo repo) {
        return VersionQuery.of(repo).notices();
    }

    private static MemoryRepo repo() {
        return new MemoryRepo()
                .add(P, "v1.0.0", mod(P, ""))
                .add(P, "v1.1.0", mod(P, ""))
                .add(P, "v1.2.0", mod(P, "retract v1.0.0 // ignored: not the latest go.mod\n"))
                .add(P, "v1.9.0", "// Deprecated: use example.com/n.\n" + LATEST_MOD)
                .add(P, "v2.0.0-pre", mod(P, ""));
    }

    @Test
    void retracted_intervalsAreInclusiveAndCollectRationales() throws IOException {
        AuthorNotices n = notices(repo());
        assertThat(n.retracted(new ModuleVersion(P, "v1.0.0"))).containsExactly("first", "second");
        assertThat(n.retracted(new ModuleVersion(P, "v1.1.0"))).containsExactly("second");
        assertThat(n.retracted(new ModuleVersion(P, "v1.0.5"))).containsExactly("second");
        assertThat(n.retracted(new ModuleVersion(P, "v1.2.0"))).isEmpty();
        assertThat(n.retracted(new ModuleVersion(P, "v1.9.0"))).containsExactly("self");
        assertThat(n.isRetracted(new ModuleVersion(P, "v1.1.1"))).isFalse();
        assertThat(n.isRetracted(new ModuleVersion(P, ""))).isFalse();
    }

    @Test
    void retracted_withoutRationale_saysSo() throws IOException {
        MemoryRepo repo = new MemoryRepo().add(P, "v1.0.0", mod(P, "")).add(P, "v1.1.0", mod(P, "retract v1.0.0\n"));
        AuthorNotices n = notices(repo);
        assertThat(n.retracted(new ModuleVersion(P, "v1.0.0"))).containsExactly("retracted by module author");
        assertThatThrownBy(() -> n.checkRetractions(new ModuleVersion(P, "v1.0.0")))
                .isInstanceOf(QueryException.Disallowed.class)
                .hasMessage("example.com/m@v1.0.0: retracted by module author");
    }

    @Test
    void checkRetractions_namesTheFirstRationale() {
        AuthorNotices n = notices(repo());
        assertThatThrownBy(() -> n.checkRetractions(new ModuleVersion(P, "v1.0.0")))
                .isInstanceOfSatisfying(QueryException.Disallowed.class, e -> {
                    assertThat(e.excluded()).isFalse();
                    assertThat(e.rationale()).containsExactly("first", "second");
                })
                .hasMessage("example.com/m@v1.0.0: retracted by module author: first");
    }

    @Test
    void latestIgnoringRetractions_isTheHighestReleaseEvenIfSelfRetracted() throws IOException {
        AuthorNotices n = notices(repo());
        assertThat(n.latestIgnoringRetractions(P)).isEqualTo(new ModuleVersion(P, "v1.9.0"));
        MemoryRepo prereleases = new MemoryRepo().add(P, "v1.0.0-a", mod(P, "")).add(P, "v1.0.0-b", mod(P, ""));
        assertThat(notices(prereleases).latestIgnoringRetractions(P)).isEqualTo(new ModuleVersion(P, "v1.0.0-b"));
    }

    @Test
    void deprecation_comesFromTheLatestGoMod() throws IOException {
        AuthorNotices n = notices(repo());
        assertThat(n.deprecation(new ModuleVersion(P, "v1.0.0"))).isEqualTo("use example.com/n.");
        assertThat(n.deprecation(new ModuleVersion(P, ""))).isEmpty();
    }

    @Test
    void replacements_decideWhichGoModIsRead() throws IOException {
        MemoryRepo repo = repo();
        ModuleVersion v1 = new ModuleVersion(P, "v1.0.0");
        // The latest version replaced by one without retractions: nothing is retracted.
        VersionQuery latestReplaced =
                VersionQuery.of(repo).withReplacements(Map.of(new ModuleVersion(P, "v1.9.0"), v1));
        assertThat(latestReplaced.notices().isRetracted(v1)).isFalse();
        assertThat(latestReplaced.notices().latestIgnoringRetractions(P)).isEqualTo(v1);
        // Every version replaced: no retractions or deprecation at all.
        VersionQuery allReplaced = VersionQuery.of(repo)
                .withReplacements(Map.of(new ModuleVersion(P, ""), new ModuleVersion("example.com/fork", "v1.0.0")));
        assertThat(allReplaced.notices().isRetracted(v1)).isFalse();
        assertThat(allReplaced.notices().deprecation(v1)).isEmpty();
    }

    @Test
    void failures_areWrappedAndCached() {
        MemoryRepo repo =
                new MemoryRepo().add(P, "v1.0.0", mod(P, "")).add(P, "v1.1.0", "module " + P + "\nrequire x\n");
        AuthorNotices n = notices(repo);
        ModuleVersion v1 = new ModuleVersion(P, "v1.0.0");
        assertThatThrownBy(() -> n.checkRetractions(v1))
                .hasMessageStartingWith(
                        "loading module retractions for example.com/m@v1.0.0: parsing go.mod: go.mod:2:")
                .hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> n.deprecation(v1))
                .hasMessageStartingWith("loading deprecation for example.com/m: example.com/m@v1.1.0: parsing go.mod:");
        assertThat(repo.goModReads).hasValue(1);
        assertThatThrownBy(() -> notices(new MemoryRepo()).checkRetractions(v1))
                .hasMessage("loading module retractions for example.com/m@v1.0.0: reading mem://example.com/m/@v/list:"
                        + " 404 Not Found")
                .satisfies(e -> assertThat(QueryException.isNotExist(e)).isTrue());
        assertThatThrownBy(() -> notices(new MemoryRepo().list(P)).checkRetractions(v1))
                .hasMessage("loading module retractions for example.com/m@v1.0.0: no matching versions for query"
                        + " \"latest\"")
                .hasCauseInstanceOf(QueryException.NoMatchingVersion.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "short | short",
                "'  padded\t' | padded",
                "'first line\nsecond line' | first line",
                "'\n' | DEFAULT",
                "'' | DEFAULT",
                "'bell \u0007' | (message omitted: contains non-printable characters)",
                "'zero\u200bwidth' | (message omitted: contains non-printable characters)",
                "'r\u00e9sum\u00e9' | r\u00e9sum\u00e9",
            })
    void shortMessage_table(String message, String want) {
        assertThat(AuthorNotices.shortMessage(message, "DEFAULT")).isEqualTo(want);
    }

    @Test
    void shortMessage_limitsBytesNotChars() {
        assertThat(AuthorNotices.shortMessage("x".repeat(500), "")).isEqualTo("x".repeat(500));
        assertThat(AuthorNotices.shortMessage("x".repeat(501), "")).isEqualTo("(message omitted: too long)");
        // 499 ASCII bytes and one two-byte character: 501 bytes in UTF-8.
        assertThat(AuthorNotices.shortMessage("y".repeat(499) + "\u00e9", "")).isEqualTo("(message omitted: too long)");
        assertThat(List.of(AuthorNotices.shortMessage("a\r\nb", ""))).containsExactly("a");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "module example.com/m: reading list | reading list",
                "example.com/m@v1.0.0: reading v1.0.0.mod | reading v1.0.0.mod",
                "example.com/m@master: invalid version: not found | version \"master\" invalid: not found",
                "no module prefix: here | no module prefix: here",
                "plain | plain",
            })
    void unwrap_dropsTheModuleErrorPrefix(String message, String want) {
        assertThat(AuthorNotices.unwrap(new IOException(message))).isEqualTo(want);
    }
}
