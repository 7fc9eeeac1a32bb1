package dev.holdfast.fetch;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets proxy files over HTTP(S) with {@code java.net.http}: a request timeout up to the headers, a
 * stall watchdog for the body ({@link BodyReader}), a check that the body was as long as announced, and
 * zip downloads that resume with {@code Range} and {@code If-Range}. Each attempt is logged at DEBUG
 * under {@link ProxySource}'s logger with URL, status, bytes and duration. Thread-safe.
 */
final class HttpTransport implements ProxyTransport {
    static final Logger LOG = LoggerFactory.getLogger(ProxySource.class);

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Duration stallTimeout;
    private final Clock clock;

    HttpTransport(HttpClient client, Duration requestTimeout, Duration stallTimeout, Clock clock) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.stallTimeout = stallTimeout;
        this.clock = clock;
    }

    /** One response whose body is still to be read. */
    record Exchange(String url, HttpResponse<?> response, BodyReader body, long startMillis) {
        int status() {
            return response.statusCode();
        }

        HttpHeaders headers() {
            return response.headers();
        }

        long contentLength() {
            return headers().firstValueAsLong("Content-Length").orElse(-1);
        }
    }

    @Override
    public byte[] get(GoUrl url, long limit) throws IOException {
        Exchange x = send(url, Map.of());
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

    @Override
    public void download(GoUrl url, ZipTarget target, long limit) throws IOException {
        long have = target.length();
        if (have > 0 && target.validator() == null) {
            target.reset(); // nothing to prove the partial bytes belong to the current file
            have = 0;
        }
        Map<String, String> headers =
                have > 0 ? Map.of("Range", "bytes=" + have + "-", "If-Range", target.validator()) : Map.of();
        Exchange x = send(url, headers);
        if (have > 0 && x.status() == 416) {
            // The partial file is no prefix of the current one (or is all of it): start over.
            x.body().cancel();
            log(x, 0, null);
            target.reset();
            download(url, target, limit);
            return;
        }
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
        try {
            for (List<ByteBuffer> chunk = x.body().next();
                    chunk != null;
                    chunk = x.body().next()) {
                for (ByteBuffer b : chunk) {
                    writer.write(b);
                }
            }
        } catch (ZipTooLargeException e) {
            x.body().cancel();
            throw e;
        } catch (IOException e) {
            throw readFailure(x, e);
        }
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
            x.body().cancel();
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

    private Exchange send(GoUrl url, Map<String, String> headers) throws IOException {
        String shown = url.redacted();
        long start = clock.millis();
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url.withoutUser()));
        } catch (IllegalArgumentException e) {
            throw new IOException("Get " + quote(shown) + ": " + e.getMessage(), e);
        }
        request.timeout(requestTimeout).GET();
        if (url.scheme().equals("http")) {
            request.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance, like the go command
        }
        if (url.user() != null) {
            String pair = url.user().username() + ":" + url.user().password();
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(request::header);
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofPublisher());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Get " + quote(shown) + ": interrupted");
        } catch (IOException e) {
            IOException failure = Failures.withMessage(e, "Get " + quote(shown) + ": " + reason(url, e));
            LOG.debug("GET {} failed after {} ms: {}", shown, clock.millis() - start, failure.getMessage());
            throw failure;
        }
        BodyReader body = new BodyReader(stallTimeout);
        response.body().subscribe(body);
        return new Exchange(shown, response, body, start);
    }

    private static String reason(GoUrl url, IOException e) {
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
        try {
            return x.body().readAll(limit);
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
        return new HttpError(x.url(), x.status(), HttpError.statusLine(x.status()), detail, null);
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
