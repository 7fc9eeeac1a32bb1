package dev.holdfast.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/**
 * Gives an I/O failure a message in the go command's shape while keeping the kind that retry and
 * fall-back decisions look at (not found, upstream answer, stall, timeout, refused connection).
 */
final class Failures {
    private Failures() {}

    /** Returns a failure like {@code e} (same kind, {@code e} as its cause) with message {@code message}. */
    static IOException withMessage(IOException e, String message) {
        IOException copy =
                switch (e) {
                    case ModuleNotFoundException n -> new ModuleNotFoundException(message, e);
                    case ChecksumMismatchException c -> new ChecksumMismatchException(message);
                    case LocalFailureException l -> new LocalFailureException(message, e);
                    case ResponseTooLargeException r -> new ResponseTooLargeException(message);
                    case UpstreamUnavailableException u ->
                        new UpstreamUnavailableException(
                                message, u.since(), u.retryAfter().orElse(null), null);
                    case UpstreamException u ->
                        new UpstreamException(
                                message,
                                u.status(),
                                u.isTransient(),
                                u.retryAfter().orElse(null));
                    case StalledTransferException s -> new StalledTransferException(message, e);
                    case HttpConnectTimeoutException t -> new HttpConnectTimeoutException(message);
                    case HttpTimeoutException t -> new HttpTimeoutException(message);
                    case ConnectException c -> new ConnectException(message);
                    case InterruptedIOException i -> new InterruptedIOException(message);
                    default -> new IOException(message, e);
                };
        if (copy.getCause() == null) {
            copy.initCause(e);
        }
        return copy;
    }

    /** Returns the message of {@code e}, or its class name when it has none. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }
}
