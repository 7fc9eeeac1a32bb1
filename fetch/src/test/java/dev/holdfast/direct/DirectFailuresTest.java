package dev.holdfast.direct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.fetch.LocalFailureException;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.UpstreamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectFailuresTest {
    @TempDir
    Path home;

    private IOException of(String stderr) {
        return DirectFailures.of(stderr, new Credentials(Map.of("HOME", home.toString(), "PATH", "/nonexistent")));
    }

    @Test
    void answersOfTheRepository_areNotFound() {
        for (String message : new String[] {
            "go: example.com/m@v1.9.0: invalid version: unknown revision v1.9.0",
            "go: example.com/m@latest: no matching versions for query \"latest\"",
            "go: example.com/m@v1.0.0: unrecognized import path \"example.com/m\": reading"
                    + " https://example.com/m?go-get=1: 404 Not Found",
            "go: example.com/m/v3@v3.0.0: invalid version: module contains a go.mod file, so module path must match"
                    + " major version (\"example.com/m\")",
        }) {
            assertThat(of(message)).as(message).isInstanceOf(ModuleNotFoundException.class);
        }
    }

    @Test
    void refusals_arePermanent_andNameTheCredentialSourcesOnly() throws IOException {
        Files.writeString(home.resolve(".netrc"), "machine example.com login u password hunter2\n");
        IOException e = of("go: example.com/private@v1.0.0: git ls-remote -q origin in /x: exit status 128:\n"
                + "\tfatal: could not read Username for 'https://example.com': terminal prompts disabled");
        assertThat(e).isInstanceOf(UpstreamException.class);
        assertThat(((UpstreamException) e).isTransient()).isFalse();
        assertThat(e.getMessage())
                .startsWith("example.com/private@v1.0.0: git ls-remote")
                .contains("credentials tried: .netrc " + home.resolve(".netrc") + " (present)")
                .contains("git credential helper (git config failed: git: executable file not found in $PATH)")
                .contains("ssh (no agent or keys)")
                .doesNotContain("hunter2");
    }

    @Test
    void aMissingVcsTool_isALocalFailure_notAMissingModule() {
        IOException e = of("go: example.com/m@v1.0.0: git ls-remote -q https://example.com/m in /x: exec: \"git\":"
                + " executable file not found in $PATH");
        assertThat(e).isInstanceOf(LocalFailureException.class).hasMessageContaining("\"git\"");
    }

    @Test
    void networkTrouble_isTransient() {
        IOException e = of("go: example.com/m@v1.0.0: Get \"https://example.com/m?go-get=1\": dial tcp: i/o timeout");
        assertThat(e).isInstanceOf(UpstreamException.class);
        assertThat(((UpstreamException) e).isTransient()).isTrue();
    }

    @Test
    void aPathWithoutARepository_isNotFound_asTheGoCommandsLookupDirectSays() {
        // A host that does not resolve, refuses, or refuses the go-get request: the go command's
        // lookupDirect wraps every vcs.RepoRootForImportPath failure as "not exist", so a package
        // query (go get, go mod tidy) passes over that candidate path and tries the shorter ones.
        for (String message : new String[] {
            "go: example.com/m@v1.0.0: unrecognized import path \"example.com/m\": https fetch: Get"
                    + " \"https://example.com/m?go-get=1\": dial tcp: lookup example.com: no such host",
            "go: example.com/m@v1.0.0: unrecognized import path \"example.com/m\": https fetch: Get"
                    + " \"https://example.com/m?go-get=1\": dial tcp 127.0.0.1:443: connect: connection refused",
            "go: example.com/m@latest: unrecognized import path \"example.com/m\": reading"
                    + " https://example.com/m?go-get=1: 403 Forbidden",
        }) {
            assertThat(of(message)).as(message).isInstanceOf(ModuleNotFoundException.class);
        }
        assertThat(of("go: example.com/m@latest: unrecognized import path \"example.com/m\": reading"
                        + " https://example.com/m?go-get=1: 403 Forbidden"))
                .hasMessageContaining("credentials tried:");
        IOException timeout = of("go: example.com/m@v1.0.0: unrecognized import path \"example.com/m\": https fetch:"
                + " Get \"https://example.com/m?go-get=1\": net/http: TLS handshake timeout");
        assertThat(((UpstreamException) timeout).isTransient())
                .as("a link that broke on the way is retried")
                .isTrue();
        IOException reset = of("go: example.com/m@v1.0.0: git fetch: fatal: the remote end hung up unexpectedly");
        assertThat(((UpstreamException) reset).isTransient()).isTrue();
        IOException serverError =
                of("go: example.com/m@v1.0.0: reading https://example.com/m?go-get=1: 503 Service" + " Unavailable");
        assertThat(((UpstreamException) serverError).isTransient()).isTrue();
    }

    @Test
    void clean_redactsPasswordsInUrls_dropsControlCharacters_andBoundsTheLength() {
        assertThat(DirectFailures.clean(
                        "go: fetching https://bob:pw@example.com/r.git\u001b[31m failed\n\n\tsecond line"))
                .isEqualTo("fetching https://bob:xxxxx@example.com/r.git[31m failed\n\tsecond line");
        assertThat(DirectFailures.clean("x".repeat(10_000))).hasSize(DirectFailures.MAX_MESSAGE);
        assertThat(DirectFailures.clean("")).isEqualTo("the go command failed without a message");
    }
}
