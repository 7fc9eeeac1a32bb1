package dev.holdfast.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets proxy files over HTTP(S) with {@code java.net.http}, within the limits docs/resilience.md gives
 * every exchange with an upstream:
 *
 * <ul>
 *   <li>time limits that adapt to the link ({@link LinkStats}): for the response headers, for each gap in
 *       a body, for a body slower than the link usually is, and an overall deadline ({@link BodyWatch});
 *   <li>a small request whose headers are late for this link is hedged ({@link Hedge}): a second one
 *       races it and the first answer wins, within the link's hedging budget;
 *   <li>no more requests at once than the server allows ({@link StreamLimit}); a request the client
 *       refused for want of an HTTP/2 stream is sent again, not failed;
 *   <li>a body shorter than announced fails, and zip downloads resume with {@code Range} and {@code
 *       If-Range};
 *   <li>redirects are followed as the go command follows them ({@link Redirects}), each hop a request of
 *       its own, and a user and password are never sent over plain HTTP.
 * </ul>
 *
 * <p>Each attempt is logged at DEBUG under {@link ProxySource}'s logger with URL, status, bytes and
 * duration. Thread-safe.
 */
final class HttpTransport implements ProxyTransport {
    static final Logger LOG = LoggerFactory.getLogger(ProxySource.class);

    private final HttpClient client;
    private final ProxySource.Timeouts timeouts;
    private final Clock clock;
    private final LinkStats link;
    private final StreamLimit streams;

    HttpTransport(HttpClient client, ProxySource.Timeouts timeouts, Clock clock, LinkStats link, String name) {
        this.client = client;
        this.timeouts = timeouts;
        this.clock = clock;
        this.link = link;
        this.streams = new StreamLimit(name);
    }

    /** One response whose body is still to be read; {@link #close} gives its stream back. */
    record Exchange(String url, HttpResponse<?> response, BodyReader body, long startMillis, StreamLimit streams)
            implements AutoCloseable {
        int status() {
            return response.statusCode();
        }

        HttpHeaders headers() {
            return response.headers();
        }

        long contentLength() {
            return headers().firstValueAsLong("Content-Length").orElse(-1);
        }

        @Override
        public void close() {
            body.cancel(); // a no-op once the body was read to its end
            streams.release();
        }
    }

    @Override
    public byte[] get(GoUrl url, long limit) throws IOException {
        return Hedge.run(link, url.redacted(), () -> getOnce(url, limit));
    }

    private byte[] getOnce(GoUrl url, long limit) throws IOException {
        try (Exchange x = send(url, Map.of(), timeouts.total())) {
            long bytes = 0;
            try {
                if (x.status() != 200) {
                    throw error(x);
                }
                byte[] body = readBody(x, limit);
                bytes = body.length;
                checkLength(x, body.length);
                log(x, bytes, null);
                return body;
            } catch (IOException e) {
                log(x, bytes, e);
                throw e;
            }
        }
    }

    @Override
    public void download(GoUrl url, ZipTarget target, long limit) throws IOException {
        long have = target.length();
        if (have > 0 && target.validator() == null) {
            target.reset(); // nothing to prove the partial bytes belong to the current file
            have = 0;
        }
        Map<String, String> headers =
                have > 0 ? Map.of("Range", "bytes=" + have + "-", "If-Range", target.validator()) : Map.of();
        try (Exchange x = send(url, headers, timeouts.total())) {
            if (have > 0 && x.status() == 416) {
                // The partial file is no prefix of the current one (or is all of it): start over.
                log(x, 0, null);
                target.reset();
            } else {
                receive(x, target, have, limit);
                return;
            }
        }
        download(url, target, limit);
    }

    private void receive(Exchange x, ZipTarget target, long have, long limit) throws IOException {
        ZipWriter writer = null;
        try {
            boolean resumed = have > 0 && x.status() == 206;
            if (resumed) {
                checkResumedAt(x, have);
            } else if (x.status() != 200) {
                throw error(x);
            } else if (have > 0) {
                target.reset(); // the file changed (If-Range did not match): start over
            }
            target.validator(validator(x.headers()));
            writer = new ZipWriter(target, resumed, limit);
            copy(x, writer);
            writer.close();
            checkLength(x, writer.received());
            log(x, writer.received(), null);
        } catch (IOException e) {
            closeQuietly(writer, e);
            if (e instanceof ZipTooLargeException) {
                target.reset();
            }
            log(x, writer == null ? 0 : writer.received(), e);
            throw e;
        }
    }

    private void copy(Exchange x, ZipWriter writer) throws IOException {
        long start = System.nanoTime();
        try {
            for (List<ByteBuffer> chunk = x.body().next();
                    chunk != null;
                    chunk = x.body().next()) {
                for (ByteBuffer b : chunk) {
                    writer.write(b);
                }
            }
        } catch (ZipTooLargeException | LocalFailureException e) {
            x.body().cancel();
            throw e;
        } catch (IOException e) {
            throw readFailure(x, e);
        }
        link.recordBody(writer.received(), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Returns a failure while reading a body with the go command's wording: {@code read "URL": reason},
     * where a body cut short is an {@code unexpected EOF}.
     */
    private static IOException readFailure(Exchange x, IOException e) {
        String reason = Failures.describe(e);
        if (reason.startsWith("fixed content-length") || reason.startsWith("EOF reached")) {
            reason = "unexpected EOF"; // java.net.http's words for a connection closed mid-body
        }
        String message = "read " + quote(x.url()) + ": " + reason;
        return e instanceof StalledTransferException
                ? new StalledTransferException(message, e)
                : Failures.withMessage(e, message);
    }

    private static void closeQuietly(ZipWriter writer, IOException failure) {
        if (writer == null) {
            return;
        }
        try {
            writer.close(); // keep what arrived: a later attempt resumes after it
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private void checkResumedAt(Exchange x, long have) throws IOException {
        String range = x.headers().firstValue("Content-Range").orElse("");
        long start = -1;
        if (range.startsWith("bytes ") && range.indexOf('-') > 6) {
            try {
                start = Long.parseLong(range.substring(6, range.indexOf('-')).strip());
            } catch (NumberFormatException e) {
                start = -1;
            }
        }
        if (start != have) {
            throw new IOException(
                    "read " + quote(x.url()) + ": resumed at Content-Range " + quote(range) + ", not at byte " + have);
        }
    }

    /** Returns the strong entity tag, else the Last-Modified date, else null: what If-Range may carry. */
    static String validator(HttpHeaders headers) {
        String etag = headers.firstValue("ETag").orElse(null);
        if (etag != null && !etag.startsWith("W/")) {
            return etag;
        }
        return headers.firstValue("Last-Modified").orElse(null);
    }

    /**
     * Sends the request once a stream is free and returns the response with its body still to read. The
     * headers must come within the link's adaptive limit; a request the client refused for want of a
     * stream waits for one and goes again.
     */
    private Exchange send(GoUrl url, Map<String, String> headers, Duration total) throws IOException {
        String shown = url.redacted();
        HttpRequest first = request(url, headers);
        HttpRequest request = first;
        Redirects redirects = new Redirects(url);
        boolean renewed = false;
        while (true) {
            streams.acquire();
            long start = clock.millis();
            long startNanos = System.nanoTime();
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofPublisher());
            } catch (InterruptedException e) {
                streams.release();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Get " + quote(shown) + ": interrupted");
            } catch (IOException e) {
                streams.release();
                if (StreamLimit.isRefusedStream(e)) {
                    streams.refused(); // the server's limit, not its failure: wait for a stream, go again
                    continue;
                }
                String certificate = refusedCertificate(e);
                if (certificate != null) { // the same on every attempt: the go command fails at once too
                    throw new UpstreamException(
                            "Get " + quote(shown) + ": tls: failed to verify certificate: " + certificate, 0, false);
                }
                IOException failure = Failures.withMessage(e, "Get " + quote(shown) + ": " + reason(url, e));
                LOG.debug("GET {} failed after {} ms: {}", shown, clock.millis() - start, failure.getMessage());
                throw failure;
            } catch (RuntimeException e) {
                streams.release();
                throw e;
            }
            if (!renewed && client instanceof LazyHttpClient lazy && lazy.renewedAfter(response)) {
                // GOAUTH gave other credentials for this URL after a 4xx: once more, as the go command
                renewed = true;
                discard(bodyOf(response));
                streams.release();
                request = first; // from the URL asked for, redirects and all
                redirects = new Redirects(url);
                continue;
            }
            if (Redirects.isRedirect(response.statusCode())) {
                String location = Redirects.location(response.headers()).orElse(null);
                if (location != null) {
                    discard(bodyOf(response));
                    streams.release();
                    request = request(redirects.follow(location), headers);
                    continue;
                }
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - startNanos);
            link.recordHeaders(waited);
            BodyReader body = new BodyReader(new BodyWatch(link.stallTimeout(timeouts.stall()), total, link));
            bodyOf(response).subscribe(body);
            return new Exchange(shown, response, body, start, streams);
        }
    }

    private HttpRequest request(GoUrl url, Map<String, String> headers) throws IOException {
        // A URL no request can be made to (GOPROXY=http://) is a setting to fix, not an upstream to retry.
        if (url.host().isEmpty()) {
            throw new UpstreamException("Get " + quote(url.redacted()) + ": http: no Host in request URL", 0, false);
        }
        if (url.user() != null && url.scheme().equals("http")) {
            // cmd/go/internal/web: a password is never sent in the clear, whatever the URL asked
            throw new UpstreamException("refusing to pass credentials to insecure URL: " + url.redacted(), 0, false);
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url.withoutUser()));
        } catch (IllegalArgumentException e) {
            throw new UpstreamException("Get " + quote(url.redacted()) + ": " + e.getMessage(), 0, false);
        }
        request.timeout(link.headerTimeout(timeouts.request())).GET();
        if (url.scheme().equals("http")) {
            request.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance, like the go command
        }
        if (url.user() != null) {
            request.header("Authorization", url.basicAuthorization());
        }
        headers.forEach(request::header);
        return request.build();
    }

    /**
     * Returns the body of {@code response}, or an empty one where the JDK's client gives none: the answer
     * it makes up from a proxy's {@code 407} to a CONNECT has a status and headers only.
     */
    private static Flow.Publisher<List<ByteBuffer>> bodyOf(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
        Flow.Publisher<List<ByteBuffer>> body = response.body();
        return body != null
                ? body
                : subscriber -> {
                    subscriber.onSubscribe(new Flow.Subscription() {
                        @Override
                        public void request(long n) {}

                        @Override
                        public void cancel() {}
                    });
                    subscriber.onComplete();
                };
    }

    /** Reads nothing of a body that will not be used, so that its connection is let go. */
    private static void discard(Flow.Publisher<List<ByteBuffer>> body) {
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {}

            @Override
            public void onError(Throwable throwable) {}

            @Override
            public void onComplete() {}
        });
    }

    /**
     * Returns why the server's certificate was refused (not trusted, expired, for another host) when that
     * is what failed, or null: the innermost reason after the first {@link
     * java.security.cert.CertificateException} in the chain.
     */
    private static String refusedCertificate(IOException e) {
        Throwable t = e;
        while (t != null && !(t instanceof java.security.cert.CertificateException)) {
            t = t.getCause();
        }
        if (t == null) {
            return null;
        }
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return Failures.describe(t);
    }

    private static String reason(GoUrl url, IOException e) {
        // The JDK's client wraps a name that does not resolve in a ConnectException without a message:
        // look for that cause first, so it is not taken for a refused connection.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException) {
                return "dial tcp: lookup " + url.host().replaceAll(":[0-9]+$", "") + ": no such host";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    && (t.getMessage() == null || t.getMessage().contains("refused"))) {
                boolean hasPort = url.host().contains(":") && !url.host().endsWith("]");
                String port = hasPort ? "" : ":" + (url.scheme().equals("https") ? 443 : 80);
                return "dial tcp " + url.host() + port + ": connect: connection refused"; // the go command's words
            }
        }
        return Failures.describe(e);
    }

    private byte[] readBody(Exchange x, long limit) throws IOException {
        long start = System.nanoTime();
        try {
            byte[] body = x.body().readAll(limit, BodyBudget.PROCESS);
            link.recordBody(body.length, Duration.ofNanos(System.nanoTime() - start));
            return body;
        } catch (ResponseTooLargeException e) {
            throw new ResponseTooLargeException("read " + quote(x.url()) + ": " + e.getMessage());
        } catch (IOException e) {
            throw readFailure(x, e);
        }
    }

    private static void checkLength(Exchange x, long received) throws IOException {
        long announced = x.contentLength();
        if (announced >= 0 && received < announced) {
            // The connection closed before the body was complete: what arrived is kept for a resume.
            throw new IOException("read " + quote(x.url()) + ": unexpected EOF");
        }
    }

    private HttpError error(Exchange x) throws IOException {
        String detail = "";
        if (ErrorDetail.isShown(x.headers().firstValue("Content-Type").orElse(null))) {
            detail = ErrorDetail.format(x.body().readPrefix(ErrorDetail.READ_LIMIT));
        } else {
            x.body().cancel();
        }
        return new HttpError(
                x.url(), x.status(), HttpError.statusLine(x.status()), detail, null, retryAfter(x.headers()));
    }

    /** Returns the {@code Retry-After} of an answer in seconds (the HTTP-date form included), or null. */
    static Duration retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").orElse(null);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            try {
                java.time.Instant at = java.time.ZonedDateTime.parse(
                                value.strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Duration.between(java.time.Instant.now(), at);
            } catch (java.time.format.DateTimeParseException e2) {
                return null;
            }
        }
    }

    private void log(Exchange x, long bytes, IOException failure) {
        long millis = clock.millis() - x.startMillis();
        if (failure == null) {
            LOG.debug("GET {} {} {} bytes {} ms", x.url(), x.status(), bytes, millis);
        } else {
            LOG.debug("GET {} {} {} bytes {} ms failed: {}", x.url(), x.status(), bytes, millis, failure.getMessage());
        }
    }

    static String quote(String s) {
        return dev.holdfast.module.GoStrings.quote(s);
    }
}
