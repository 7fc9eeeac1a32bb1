package dev.holdfast.cli;

import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.RetryPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long the project commands that fetch (download, recover) keep trying an upstream. */
final class NetworkOptions {
    @Option(
            names = "--retry-budget",
            paramLabel = "DURATION",
            converter = GoDuration.class,
            description = "How long one request may keep retrying transient failures before the upstream"
                    + " counts as unavailable, like 90s or 2m (default: 60s).")
    private Duration retryBudget;

    @Option(
            names = "--attempt-timeout",
            paramLabel = "DURATION",
            converter = GoDuration.class,
            description = "How long one attempt may wait to connect, for an answer, or for the next byte"
                    + " of a download before it is retried, like 5s (default: 10s to connect, 30s otherwise).")
    private Duration attemptTimeout;

    /** Returns the retry policy the options ask for. */
    RetryPolicy retryPolicy() {
        return retryPolicy(null, null);
    }

    /**
     * Returns the retry policy the options ask for, with {@code budget} and {@code attempt} (when not
     * null) instead of the defaults for what the options leave out.
     */
    RetryPolicy retryPolicy(Duration budget, Duration attempt) {
        RetryPolicy.Builder policy = RetryPolicy.builder();
        Duration b = retryBudget != null ? retryBudget : budget;
        Duration a = attemptTimeout != null ? attemptTimeout : attempt;
        if (b != null) {
            policy.budget(b);
        }
        if (a != null) {
            policy.attemptTimeout(a);
        }
        return policy.build();
    }

    /** Returns the proxy time limits the options ask for. */
    ProxySource.Timeouts timeouts() {
        return timeouts(null);
    }

    /** Returns the proxy time limits the options ask for, with {@code attempt} (when not null) as the default. */
    ProxySource.Timeouts timeouts(Duration attempt) {
        Duration a = attemptTimeout != null ? attemptTimeout : attempt;
        if (a == null) {
            return ProxySource.Timeouts.DEFAULT;
        }
        return new ProxySource.Timeouts(a, a, a);
    }
}
