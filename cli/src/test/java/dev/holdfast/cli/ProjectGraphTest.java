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

/** The graph commands' exit codes come from the failure behind the requirement chain. */
class ProjectGraphTest {

    private static final List<ModuleVersion> CHAIN =
            List.of(new ModuleVersion("example.com/main", ""), new ModuleVersion("example.com/a", "v1.0.0"));

    private static int code(Exception cause) {
        StringWriter text = new StringWriter();
        return ProjectGraph.fail("graph", new BuildListError(cause, CHAIN, null), new PrintWriter(text, true));
    }

    @Test
    void fail_unknownModuleBehindChain_badInput() {
        assertThat(code(new UnknownModuleException("example.com/a@v1.0.0 (replaced by example.com/b@v1.0.0): gone")))
                .isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void fail_goModProblemBehindChain_badInput() {
        assertThat(code(new GoModException("example.com/a@v1.0.0: parsing go.mod: missing module line")))
                .isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void fail_unreachableUpstreamBehindRewording_unavailable() {
        assertThat(code(new IOException("example.com/a@v1.0.0 (replaced by ./x): refused", new ConnectException())))
                .isEqualTo(ExitCodes.UNAVAILABLE);
    }

    @Test
    void fail_invalidUpstreamAnswer_findings() {
        assertThat(code(new UpstreamException("example.com/a@v1.0.0: invalid go.mod from the upstream", 0, false)))
                .isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void fail_printsGoWordingAfterCommandName() {
        StringWriter text = new StringWriter();
        ProjectGraph.fail(
                "list",
                new BuildListError(new UnknownModuleException("reading x: not found"), CHAIN, null),
                new PrintWriter(text, true));

        assertThat(text.toString()).isEqualTo("holdfast list: example.com/a@v1.0.0: reading x: not found\n");
    }
}
