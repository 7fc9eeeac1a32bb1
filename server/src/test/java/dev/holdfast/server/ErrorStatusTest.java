package dev.holdfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.fetch.ChecksumMismatchException;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.UpstreamException;
import dev.holdfast.module.InvalidPathException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorStatusTest {
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new BadRequestException(414, "URL too long"), 414, "URL too long"),
                Arguments.of(
                        new InvalidPathException("module", "x", "missing dot"),
                        400,
                        "malformed module path \"x\": missing dot"),
                Arguments.of(
                        new ModuleNotFoundException("example.com/m@v1.0.0: not found"),
                        404,
                        "example.com/m@v1.0.0: not found"),
                // The upstream's own words pass through; its URL does not.
                Arguments.of(
                        new ModuleNotFoundException("example.com/m@v9.0.0: reading http://127.0.0.1:9/example.com/m"
                                + "/@v/v9.0.0.info: 404 Not Found\n\tserver response: not found: v9.0.0"),
                        404,
                        "not found: v9.0.0"),
                Arguments.of(
                        new ModuleNotFoundException(
                                "m@v: reading u: 404 Not Found\n\tserver response:\n\tline one\n" + "\tline two"),
                        404,
                        "line one\nline two"),
                Arguments.of(
                        new ChecksumMismatchException("verifying m@v1: checksum mismatch"), 502, "checksum mismatch"),
                Arguments.of(new HttpTimeoutException("request timed out"), 504, "request timed out"),
                Arguments.of(new UpstreamException("reading u: 504 Gateway Timeout", 504, true), 504, "504"),
                Arguments.of(new UpstreamException("reading u: 503", 503, true), 502, "503"),
                // What the retries give up with when the last attempt heard nothing in time (a silent host).
                Arguments.of(
                        new UpstreamException(
                                        "m@v1: Get \"u\": request timed out (gave up after 2 attempts in 60.2s)",
                                        0,
                                        true)
                                .initCause(new HttpTimeoutException("request timed out")),
                        504,
                        "gave up after 2 attempts"),
                Arguments.of(new ConnectException("connection refused"), 502, "connection refused"),
                Arguments.of(new IOException("disk full"), 502, "disk full"),
                Arguments.of(new IllegalStateException("bug"), 500, "bug"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void of_mapsOnceToStatusWithPlainTextReason(Throwable failure, int status, String body) {
        Reply reply = ErrorStatus.of(failure);
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.headers()).containsEntry("Content-Type", "text/plain; charset=utf-8");
        assertThat(reply.bodyText()).isEqualTo(status == 404 ? body + "\n" : failure.getMessage() + "\n");
        assertThat(status == 404 ? reply.bodyText() : failure.getMessage()).contains(body);
    }
}
