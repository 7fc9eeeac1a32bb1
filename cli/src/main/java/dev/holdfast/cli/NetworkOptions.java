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
        RetryPolicy.Builder policy = RetryPolicy.builder();
        if (retryBudget != null) {
            policy.budget(retryBudget);
        }
        if (attemptTimeout != null) {
            policy.attemptTimeout(attemptTimeout);
        }
        return policy.build();
    }

    /** Returns the proxy time limits the options ask for. */
    ProxySource.Timeouts timeouts() {
        if (attemptTimeout == null) {
            return ProxySource.Timeouts.DEFAULT;
        }
        return new ProxySource.Timeouts(attemptTimeout, attemptTimeout, attemptTimeout);
    }
}
