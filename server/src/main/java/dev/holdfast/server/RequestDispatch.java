package dev.holdfast.server;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every HTTP front end does with a request once its head is read (Helidon's HTTP/1.1 routing and
 * {@link Http10Connection}): refuse bad framing ({@link Framing}) and methods other than GET and HEAD,
 * hand the rest to the {@link ProxyHandler}, decide whether the connection closes after the answer, and
 * write the access-log line.
 */
final class RequestDispatch {
    static final Logger ACCESS = LoggerFactory.getLogger("dev.holdfast.server.access");

    /** The request headers the handler reads. */
    private static final String[] READ_HEADERS = {
        "Range", "If-None-Match", RequestHeaders.CACHE_ONLY, "Authorization", "Accept"
    };

    private RequestDispatch() {}

    /**
     * The answer to a request and whether its connection must close after it.
     *
     * @param reply the answer, with {@code Connection: close} when {@code close}
     * @param close whether the connection ends after the answer
     */
    record Outcome(Reply reply, boolean close) {}

    /**
     * Answers {@code method rawPath} whose headers {@code headers} gives by name (every value, in order),
     * from a client on this machine or not, closing afterwards when {@code closeAsked} or when the framing
     * is bad.
     */
    static Outcome answer(
            ProxyHandler handler,
            String method,
            String rawPath,
            Function<String, List<String>> headers,
            boolean closeAsked,
            boolean fromLoopback) {
        Optional<String> badFraming =
                Framing.problem(headers.apply("Content-Length"), headers.apply("Transfer-Encoding"));
        Reply reply;
        if (badFraming.isPresent()) {
            reply = Reply.text(400, "bad request framing: " + badFraming.get());
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            reply = Reply.text(405, "method " + method + " not allowed").withHeader("Allow", "GET, HEAD");
        } else {
            Map<String, String> read = new TreeMap<>();
            for (String name : READ_HEADERS) {
                List<String> values = headers.apply(name);
                if (!values.isEmpty()) {
                    read.put(name, values.getFirst());
                }
            }
            reply = handler.answer(rawPath, new RequestHeaders(read, fromLoopback), method.equals("HEAD"));
        }
        boolean close = closeAsked || badFraming.isPresent();
        return new Outcome(close ? reply.withHeader("Connection", "close") : reply, close);
    }

    /** Reports whether a {@code Connection} header value asks to close. */
    static boolean asksToClose(List<String> connection) {
        return connection.stream()
                .anyMatch(v ->
                        List.of(v.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("close"));
    }

    /** Writes the access-log line of a request answered {@code status} with {@code bytes} after {@code startNanos}. */
    static void log(String method, String rawPath, int status, long bytes, long startNanos) {
        ACCESS.info(
                "method={} path={} status={} bytes={} ms={}",
                method,
                rawPath,
                status,
                bytes,
                (System.nanoTime() - startNanos) / 1_000_000);
    }
}
