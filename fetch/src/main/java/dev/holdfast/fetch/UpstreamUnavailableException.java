package dev.holdfast.fetch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Says a request was not sent because the upstream's circuit breaker is open: the upstream was found
 * unreachable or failing, and is left alone until the breaker lets a probe through. Transient. Its cause
 * is the last failure that counted against the upstream (the root cause: a refused connection, a failed
 * name lookup, a time-out, a status), and {@link #since()} is when this outage began. {@link
 * FallbackSource} moves on to the next GOPROXY entry after it even after a comma, since the upstream gave
 * no answer that the comma rule could respect; {@link RetryingSource} gives up at once when the caller
 * has a fallback at hand ({@link FetchScope}), and otherwise waits for the breaker's next probe.
 */
public final class UpstreamUnavailableException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    private final Instant since;

    /**
     * Returns an exception with {@code message} for an outage that began at {@code since}, whose next probe
     * is {@code untilProbe} away, caused by {@code lastFailure} (may be null when none is known).
     */
    public UpstreamUnavailableException(String message, Instant since, Duration untilProbe, IOException lastFailure) {
        super(message, 0, true, untilProbe);
        this.since = since;
        if (lastFailure != null) {
            initCause(lastFailure);
        }
    }

    /** Returns when the upstream's current outage began. */
    public Instant since() {
        return since;
    }

    /**
     * Reports whether, at {@code now}, this is an outage rather than a blip: no probe is out (a probe's
     * verdict is a moment away, so it is worth waiting for however old the outage) and the outage is at
     * least {@code patience} old. A request that nothing else can answer stops retrying then.
     */
    public boolean outlasts(Duration patience, Instant now) {
        boolean probing = retryAfter().filter(Duration::isPositive).isEmpty();
        return !probing && Duration.between(since, now).compareTo(patience) >= 0;
    }
}
