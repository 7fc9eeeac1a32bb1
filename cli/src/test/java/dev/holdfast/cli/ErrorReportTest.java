package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.fetch.UpstreamException;
import dev.holdfast.modload.GoModException;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.mvs.BuildListError;
import dev.holdfast.repo.UnknownModuleException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One message shape, {@code path@version: reason}, never wrapped twice (STYLE.md section 5); exit codes
 * come from the failure behind the requirement chain.
 */
class ErrorReportTest {

    private static final List<ModuleVersion> CHAIN =
            List.of(new ModuleVersion("example.com/main", ""), new ModuleVersion("example.com/a", "v1.0.0"));

    private static int code(Exception cause) {
        StringWriter text = new StringWriter();
        return ErrorReport.report("graph", new BuildListError(cause, CHAIN, null), new PrintWriter(text, true));
    }

    @Test
    void reason_fileSystemFailure_namesTheFileAndWhatWentWrong() {
        assertThat(ErrorReport.reason(new java.nio.file.NoSuchFileException("/proc/x.zip")))
                .isEqualTo("/proc/x.zip: no such file or directory");
        assertThat(ErrorReport.reason(new java.nio.file.AccessDeniedException("/root/x")))
                .isEqualTo("/root/x: permission denied");
        assertThat(ErrorReport.reason(new java.nio.file.FileSystemException("/tmp/a.tmp", "/tmp/a", "Is a directory")))
                .isEqualTo("/tmp/a.tmp -> /tmp/a: Is a directory");
    }

    @Test
    void forModule_prefixesABareReason() {
        assertThat(ErrorReport.forModule("example.com/m", "v1.0.0", new IOException("connection refused")))
                .isEqualTo("example.com/m@v1.0.0: connection refused");
    }

    @Test
    void forModule_keepsAReasonThatNamesTheModuleAlready() {
        assertThat(ErrorReport.forModule("example.com/m", "latest", new IOException("example.com/m@v1.2.0: gone")))
                .isEqualTo("example.com/m@v1.2.0: gone");
        assertThat(ErrorReport.forModule("example.com/m", "v1", new IOException("module example.com/m: no match")))
                .isEqualTo("module example.com/m: no match");
    }

    @Test
    void forModule_keepsTheGoCommandsChecksumMismatchUnprefixed() {
        // go mod download prints "verifying m@v: checksum mismatch ..." with nothing before it.
        String mismatch = "verifying example.com/m@v1.0.0: checksum mismatch\n\tdownloaded: h1:a=\n\tgo.sum:     h1:b=";

        assertThat(ErrorReport.forModule("example.com/m", "v1.0.0", new IOException(mismatch)))
                .isEqualTo(mismatch);
    }

    @Test
    void forModule_withoutQuery_isTheReason() {
        assertThat(ErrorReport.forModule("example.com/m", "", new IllegalArgumentException("malformed")))
                .isEqualTo("malformed");
    }

    @Test
    void report_unknownModuleBehindChain_badInput() {
        assertThat(code(new UnknownModuleException("example.com/a@v1.0.0 (replaced by example.com/b@v1.0.0): gone")))
                .isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void report_goModProblemBehindChain_badInput() {
        assertThat(code(new GoModException("example.com/a@v1.0.0: parsing go.mod: missing module line")))
                .isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void report_unreachableUpstreamBehindRewording_unavailable() {
        assertThat(code(new IOException("example.com/a@v1.0.0 (replaced by ./x): refused", new ConnectException())))
                .isEqualTo(ExitCodes.UNAVAILABLE);
    }

    @Test
    void report_invalidUpstreamAnswer_findings() {
        assertThat(code(new UpstreamException("example.com/a@v1.0.0: invalid go.mod from the upstream", 0, false)))
                .isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void report_printsGoWordingAfterCommandName() {
        StringWriter text = new StringWriter();
        ErrorReport.report(
                "list",
                new BuildListError(new UnknownModuleException("reading x: not found"), CHAIN, null),
                new PrintWriter(text, true));

        assertThat(text.toString()).isEqualTo("holdfast list: example.com/a@v1.0.0: reading x: not found\n");
    }
}
