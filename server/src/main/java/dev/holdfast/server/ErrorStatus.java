package dev.holdfast.server;

import dev.holdfast.fetch.ChecksumMismatchException;
import dev.holdfast.fetch.LocalFailureException;
import dev.holdfast.fetch.ModuleNotFoundException;
import dev.holdfast.fetch.UpstreamException;
import java.net.http.HttpTimeoutException;

/**
 * The one table from failures to HTTP statuses. Bad input is never a 5xx; a module the upstreams do
 * not have is a 404 whose plain-text body the go command shows; a checksum mismatch is a 502 (the
 * upstream served content that fails verification); other upstream failures are 502, or 504 when
 * the upstream timed out. Holdfast's own failure (a full disk, {@link LocalFailureException}) is a 503:
 * no upstream is to blame, and a load balancer should send the client elsewhere. Anything unexpected is a
 * 500 without details beyond its message.
 */
final class ErrorStatus {
    private static final String SERVER_RESPONSE = "server response:";

    private ErrorStatus() {}

    /** Returns the plain-text reply for {@code failure}. */
    static Reply of(Throwable failure) {
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        if (failure instanceof ModuleNotFoundException) {
            message = upstreamResponse(message);
        }
        int status =
                switch (failure) {
                    case BadRequestException bad -> bad.status();
                    case IllegalArgumentException bad -> 400;
                    case ModuleNotFoundException notFound -> 404;
                    case ChecksumMismatchException mismatch -> 502;
                    case LocalFailureException local -> 503;
                    case HttpTimeoutException timeout -> 504;
                    case UpstreamException upstream when upstream.status() == 504 -> 504;
                    // retries given up, the last attempt timed out
                    case UpstreamException upstream when upstream.getCause() instanceof HttpTimeoutException -> 504;
                    case java.io.IOException io -> 502;
                    default -> 500;
                };
        return Reply.text(status, message);
    }

    /**
     * Returns what the upstream said about a missing module (the text after the go command's {@code
     * server response:}) when the message carries it, else the message. The go command prints a
     * 404's body under its own {@code reading URL: 404 Not Found} line, so passing the upstream's
     * words through unchanged shows the user what a direct request would have (and no upstream URL).
     */
    static String upstreamResponse(String message) {
        int at = message.indexOf(SERVER_RESPONSE);
        if (at < 0) {
            return message;
        }
        StringBuilder b = new StringBuilder();
        String[] lines = message.substring(at + SERVER_RESPONSE.length()).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i].strip();
            if (text.isEmpty() && i == 0) {
                continue; // a multi-line response starts on the next line
            }
            if (text.isEmpty()) {
                break;
            }
            b.append(b.isEmpty() ? "" : "\n").append(text);
        }
        return b.isEmpty() ? message : b.toString();
    }
}
