package dev.holdfast.cli;

import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.RetryPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long the commands that fetch keep trying an upstream or the checksum database. */
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

    /** Returns the retries and time limits the options ask for. */
    Network network() {
        return network(null, null);
    }

    /**
     * Returns the retries and time limits the options ask for, with {@code budget} and {@code attempt}
     * (when not null) instead of the defaults for what the options leave out.
     */
    Network network(Duration budget, Duration attempt) {
        return network(budget, attempt, null);
    }

    /**
     * Returns {@link #network(Duration, Duration)} with {@code patience} (when not null) as the outage
     * patience: how long a request waits on an upstream its breaker found down.
     */
    Network network(Duration budget, Duration attempt, Duration patience) {
        RetryPolicy.Builder policy = RetryPolicy.builder();
        if (patience != null) {
            policy.outagePatience(patience);
        }
        Duration b = retryBudget != null ? retryBudget : budget;
        Duration a = attemptTimeout != null ? attemptTimeout : attempt;
        if (b != null) {
            policy.budget(b);
        }
        if (a != null) {
            policy.attemptTimeout(a);
        }
        ProxySource.Timeouts timeouts = a == null ? ProxySource.Timeouts.DEFAULT : new ProxySource.Timeouts(a, a, a);
        return new Network(policy.build(), timeouts);
    }
}
