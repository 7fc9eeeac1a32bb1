package dev.holdfast.server;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTP/1.1 framing rules a request must follow (RFC 9112 section 6.3) that the web server does not
 * enforce itself (Helidon 4.4 takes the first of several {@code Content-Length} values, lets a request
 * carry both {@code Content-Length} and {@code Transfer-Encoding}, and ignores codings it cannot decode):
 * such a request is the tell-tale of request smuggling, answered 400 and its connection closed, so that
 * whatever the client hid after it is never read as a request of its own.
 */
final class Framing {
    private Framing() {}

    /**
     * Returns why the framing of a request with the {@code Content-Length} values {@code lengths} and
     * {@code Transfer-Encoding} values {@code codings} is refused, or empty when it is sound.
     */
    static Optional<String> problem(List<String> lengths, List<String> codings) {
        if (lengths.size() > 1) {
            return Optional.of("more than one Content-Length header");
        }
        if (!lengths.isEmpty() && !codings.isEmpty()) {
            return Optional.of("both Content-Length and Transfer-Encoding");
        }
        if (codings.size() > 1
                || (!codings.isEmpty()
                        && !codings.getFirst().strip().toLowerCase(Locale.ROOT).equals("chunked"))) {
            return Optional.of("a Transfer-Encoding other than chunked");
        }
        if (!lengths.isEmpty() && !lengths.getFirst().strip().matches("[0-9]{1,18}")) {
            return Optional.of("a Content-Length that is not a number");
        }
        return Optional.empty();
    }
}
