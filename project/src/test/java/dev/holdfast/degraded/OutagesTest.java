package dev.holdfast.degraded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.fetch.ChecksumMismatchException;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.UpstreamException;
import dev.holdfast.modload.GoModException;
import dev.holdfast.mvs.BuildListError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutagesTest {
    private static final List<dev.holdfast.module.ModuleVersion> CHAIN =
            List.of(World.mv("example.com/app", ""), World.mv("example.com/a", "v1.0.0"));

    @Test
    void isOutage_transientFailures_throughWrappers() {
        assertThat(Outages.isOutage(new ConnectException("refused"))).isTrue();
        assertThat(Outages.isOutage(new HttpTimeoutException("timed out"))).isTrue();
        assertThat(Outages.isOutage(new UpstreamException("503", 503, true))).isTrue();
        assertThat(Outages.isOutage(
                        new BuildListError(new IOException("x", new ConnectException("refused")), CHAIN, null)))
                .isTrue();
        assertThat(Outages.isOutage(new UncheckedIOException(new ConnectException("refused"))))
                .isTrue();
    }

    @Test
    void isOutage_answersAndBadContent_areNot() {
        assertThat(Outages.isOutage(new ModuleNotFoundException("404"))).isFalse();
        assertThat(Outages.isOutage(new ChecksumMismatchException("mismatch"))).isFalse();
        assertThat(Outages.isOutage(new UpstreamException("403", 403, false))).isFalse();
        assertThat(Outages.isOutage(new InterruptedIOException("interrupted"))).isFalse();
        assertThat(Outages.isOutage(
                        new BuildListError(new IOException("bad", new GoModException("parse")), CHAIN, null)))
                .isFalse();
        assertThat(Outages.isOutage(new IllegalArgumentException("bad"))).isFalse();
    }
}
