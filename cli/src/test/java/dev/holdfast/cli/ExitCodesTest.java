package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.fetch.ChecksumMismatchException;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.UpstreamException;
import dev.holdfast.module.InvalidPathException;
import dev.holdfast.sumdb.SumdbException;
import dev.holdfast.sumdb.SumdbSecurityException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

/** The exit-code table of MISSION.md: 0 ok, 1 findings, 2 bad input, 3 unavailable. */
class ExitCodesTest {

    @Test
    void of_badInput_is2() {
        assertThat(ExitCodes.of(new InvalidPathException("module", "x", "missing dot in first path element")))
                .isEqualTo(2);
        assertThat(ExitCodes.of(new IllegalArgumentException("GOMODCACHE entry is relative")))
                .isEqualTo(2);
        assertThat(ExitCodes.of(new ModuleNotFoundException("404 Not Found"))).isEqualTo(2);
        // A path the user pointed at that cannot be written (export --out /proc/x.zip): not an outage.
        assertThat(ExitCodes.of(new java.nio.file.NoSuchFileException("/proc/x.zip.tmp")))
                .isEqualTo(2);
        assertThat(ExitCodes.of(new java.nio.file.FileSystemException("/tmp/a", "/tmp/b", "Is a directory")))
                .isEqualTo(2);
    }

    @Test
    void of_failedVerification_is1() {
        assertThat(ExitCodes.of(new ChecksumMismatchException("checksum mismatch")))
                .isEqualTo(1);
        assertThat(ExitCodes.of(new UpstreamException("invalid response from proxy", 200, false)))
                .isEqualTo(1);
    }

    @Test
    void of_checksumDatabase_lyingIs1_unreachableIs3() {
        assertThat(ExitCodes.of(new SumdbSecurityException("go.sum database server misbehavior detected!")))
                .isEqualTo(1);
        assertThat(ExitCodes.of(new SumdbException("downloaded inconsistent tile", 0, false, null)))
                .isEqualTo(1);
        assertThat(ExitCodes.of(new SumdbException("reading /latest: 503", 503, true, null)))
                .isEqualTo(3);
    }

    @Test
    void of_transientFailure_is3() {
        assertThat(ExitCodes.of(new ConnectException("connection refused"))).isEqualTo(3);
        assertThat(ExitCodes.of(new HttpTimeoutException("request timed out"))).isEqualTo(3);
        assertThat(ExitCodes.of(new UpstreamException("503 Service Unavailable", 503, true)))
                .isEqualTo(3);
        assertThat(ExitCodes.of(new IOException("connection reset"))).isEqualTo(3);
    }

    @Test
    void worst_prefersUnavailableOverFindingsOverBadInput() {
        assertThat(ExitCodes.worst(0, 2)).isEqualTo(2);
        assertThat(ExitCodes.worst(2, 1)).isEqualTo(1);
        assertThat(ExitCodes.worst(1, 3)).isEqualTo(3);
        assertThat(ExitCodes.worst(3, 2)).isEqualTo(3);
        assertThat(ExitCodes.worst(0, 0)).isZero();
    }
}
