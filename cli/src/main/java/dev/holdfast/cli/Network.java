package dev.holdfast.cli;

import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.RetryPolicy;
import java.util.Objects;

/**
 * How long requests to upstreams and the checksum database may take: the retry policy around them and
 * each attempt's time limits.
 *
 * @param retry how transient failures are retried
 * @param timeouts the time limits of one attempt and of one request in all
 */
record Network(RetryPolicy retry, ProxySource.Timeouts timeouts) {
    /** The defaults of docs/resilience.md. */
    static final Network DEFAULT = new Network(RetryPolicy.defaults(), ProxySource.Timeouts.DEFAULT);

    /** Checks for nulls. */
    Network {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(timeouts, "timeouts");
    }
}
