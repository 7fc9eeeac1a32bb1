package dev.holdfast.fetch;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;

/**
 * Whole small files over HTTP(S) from one upstream host, within the same limits as a {@link ProxySource}
 * (docs/resilience.md): time limits adapted to the link, hedged requests, a learned stream limit, an
 * overall deadline, and a size bound checked while reading, against the process's memory budget for
 * answers. For the checksum database's files, which are not module files. Thread-safe.
 */
public final class UpstreamHttp {
    private final HttpTransport transport;

    /**
     * Returns a getter for the upstream described as {@code name}, sending with {@code client} within
     * {@code timeouts}, timing attempts with {@code clock}.
     */
    public UpstreamHttp(HttpClient client, ProxySource.Timeouts timeouts, Clock clock, String name) {
        this.transport = new HttpTransport(client, timeouts, clock, new LinkStats(), name);
    }

    /**
     * Returns the body of a 200 answer to {@code url}, at most {@code limit} bytes.
     *
     * @throws StatusException for another status, with the go command's message ({@code reading URL: 404
     *     Not Found}, and the server's words when it gave some)
     * @throws ResponseTooLargeException when the body goes past {@code limit}
     * @throws IOException when the transfer fails
     */
    public byte[] get(String url, long limit) throws IOException {
        try {
            return transport.get(GoUrl.parse(url), limit);
        } catch (HttpError e) {
            throw new StatusException(e.getMessage(), e.statusCode(), e.retryAfter() == null ? null : e.retryAfter());
        }
    }

    /**
     * A proxy URL as requests to it are made: the address without its user information, and the {@code
     * Authorization} value (Basic) its user and password make, or null; parsed as the go command parses
     * GOPROXY entries.
     */
    public record Address(String url, String authorization) {
        /** Returns the address of {@code url}. */
        public static Address of(String url) {
            GoUrl parsed = GoUrl.parse(url);
            return new Address(parsed.withoutUser(), parsed.basicAuthorization());
        }
    }

    /** An answer with a status other than 200; transient for 429 and 5xx. */
    public static final class StatusException extends UpstreamException {
        private static final long serialVersionUID = 1L;

        StatusException(String message, int status, java.time.Duration retryAfter) {
            super(message, status, ModuleFailures.isTransient(status), retryAfter);
        }
    }
}
