package dev.holdfast.fetch;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * The redirects of one request, followed as the go command's web client follows them (cmd/go/internal/web
 * {@code securityPreservingHTTPClient} over net/http's {@code Client}): 301, 302, 303, 307 and 308 with
 * a {@code Location} are followed, at most nine of them (the tenth fails with {@code stopped after 10
 * redirects}), and a request that began on {@code https://} never goes on over plain HTTP.
 *
 * <p>Holdfast follows redirects itself rather than letting the JDK's client do it, so that each hop is
 * a request of its own: it goes through the forward proxy its own URL calls for, with that proxy's
 * credentials only (the JDK's client would carry the first proxy's {@code Proxy-Authorization} along),
 * and gets the credentials of its own URL (a relative Location keeps the user of the URL it is resolved
 * against, an absolute one names its own, as with the go command). Each failure is permanent: asking again meets the same
 * redirects. Not thread-safe: one per request.
 */
final class Redirects {
    /** The go command's limit: {@code len(via) >= 10} fails, so ten requests are made at most. */
    static final int MAX_REQUESTS = 10;

    private final GoUrl first;
    private GoUrl last;
    private int requests = 1;

    Redirects(GoUrl first) {
        this.first = first;
        this.last = first;
    }

    /** Reports whether an answer with {@code status} is a redirect to follow (given a Location). */
    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Returns the URL the answer redirects to, or empty when it names none (then it is the answer). */
    static Optional<String> location(HttpHeaders headers) {
        return headers.firstValue("Location").filter(l -> !l.isEmpty());
    }

    /**
     * Returns the URL to ask next, {@code location} resolved against the URL just asked.
     *
     * @throws UpstreamException (permanent) with the go command's words when the location does not parse,
     *     leads from {@code https://} to another scheme, or is one redirect too many
     */
    GoUrl follow(String location) throws UpstreamException {
        GoUrl next;
        try {
            // Against the URL with its user, as Go's ResolveReference: a relative Location keeps the user.
            URI base = URI.create(last.toString());
            next = GoUrl.parse(base.resolve(location).toString());
        } catch (IllegalArgumentException e) {
            throw new UpstreamException(
                    "Get " + HttpTransport.quote(last.redacted()) + ": failed to parse Location header "
                            + HttpTransport.quote(location) + ": " + e.getMessage(),
                    0,
                    false);
        }
        if (first.scheme().equals("https") && !next.scheme().equals("https")) {
            // The go command shows the last hop with its password; Holdfast never shows one.
            throw failure(
                    location, "redirected from secure URL " + last.redacted() + " to insecure URL " + next.redacted());
        }
        if (requests >= MAX_REQUESTS) {
            throw failure(location, "stopped after " + MAX_REQUESTS + " redirects");
        }
        requests++;
        last = next;
        return next;
    }

    /** net/http names the raw Location in a failed redirect's error: {@code Get "LOCATION": reason}. */
    private static UpstreamException failure(String location, String reason) {
        return new UpstreamException("Get " + HttpTransport.quote(shown(location)) + ": " + reason, 0, false);
    }

    /** Returns {@code location} as it came, but with any password in it as {@code xxxxx}. */
    private static String shown(String location) {
        try {
            GoUrl url = GoUrl.parse(location);
            return url.user() == null ? location : url.redacted();
        } catch (IllegalArgumentException e) {
            return location;
        }
    }
}
