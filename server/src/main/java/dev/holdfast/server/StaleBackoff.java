package dev.holdfast.server;

import com.github.benmanes.caffeine.cache.Cache;
import dev.holdfast.fetch.CachingSource.Answer;
import java.time.Clock;
import java.time.Duration;

/**
 * Remembers for a short while the {@code list} and {@code @latest} answers that were served stale
 * because every upstream failed, and serves them again without asking: otherwise each of the go
 * command's many requests for an expired entry would wait for the whole retry loop against upstreams
 * known to be down a moment ago. After {@link #RETRY_AFTER} the next request asks the upstreams again.
 * (The circuit breakers fail fast only once an upstream has failed many times in a row; this applies
 * from the first stale answer.) Time comes from the injected clock. Thread-safe.
 */
final class StaleBackoff {
    /** How long a stale answer is served before the upstreams are asked again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(15);

    private final Cache<String, Answer.Stale<?>> answers;

    StaleBackoff(Clock clock) {
        this.answers = ShortMemory.of(clock, RETRY_AFTER);
    }

    /** Returns the stale answer remembered for {@code key}, or null. */
    @SuppressWarnings("unchecked")
    <T> Answer.Stale<T> get(String key) {
        return (Answer.Stale<T>) answers.getIfPresent(key);
    }

    /** Remembers {@code answer} for {@code key} if it is stale, and forgets {@code key} if it is fresh. */
    void record(String key, Answer<?> answer) {
        if (answer instanceof Answer.Stale<?> stale) {
            answers.put(key, stale);
        } else {
            answers.invalidate(key);
        }
    }
}
