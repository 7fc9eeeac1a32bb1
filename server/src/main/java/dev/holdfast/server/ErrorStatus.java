package dev.holdfast.server;

import dev.holdfast.fetch.ChecksumMismatchException;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.UpstreamException;
import java.net.http.HttpTimeoutException;

/**
 * The one table from failures to HTTP statuses. Bad input is never a 5xx; a module the upstreams do
 * not have is a 404 whose plain-text body the go command shows; a checksum mismatch is a 502 (the
 * upstream served content that fails verification); other upstream failures are 502, or 504 when
 * the upstream timed out. Anything unexpected is a 500 without details beyond its message.
 */
final class ErrorStatus {
    private ErrorStatus() {}

    /** Returns the plain-text reply for {@code failure}. */
    static Reply of(Throwable failure) {
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        int status =
                switch (failure) {
                    case BadRequestException bad -> bad.status();
                    case IllegalArgumentException bad -> 400;
                    case ModuleNotFoundException notFound -> 404;
                    case ChecksumMismatchException mismatch -> 502;
                    case HttpTimeoutException timeout -> 504;
                    case UpstreamException upstream when upstream.status() == 504 -> 504;
                    case java.io.IOException io -> 502;
                    default -> 500;
                };
        return Reply.text(status, message);
    }
}
