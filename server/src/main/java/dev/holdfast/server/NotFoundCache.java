package dev.holdfast.server;

import com.github.benmanes.caffeine.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Remembers for a short while that the upstreams do not have something, so that a build asking for a
 * missing module in a loop does not hammer them (the go command asks for every path prefix of an
 * unknown import). Time comes from the injected clock. Thread-safe.
 */
final class NotFoundCache {
    /** How long a not-found answer is remembered. */
    static final Duration TTL = Duration.ofSeconds(30);

    private final Cache<ProxyRequest, String> messages;

    NotFoundCache(Clock clock) {
        this.messages = ShortMemory.of(clock, TTL);
    }

    Optional<String> get(ProxyRequest request) {
        return Optional.ofNullable(messages.getIfPresent(request));
    }

    void put(ProxyRequest request, String message) {
        messages.put(request, message);
    }
}
