package dev.holdfast.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * The bounded, expiring caches a server keeps of recent upstream outcomes ({@link NotFoundCache},
 * {@link StaleBackoff}): entries live for a fixed time after they are written, measured with the injected
 * clock (so tests move time), and at most {@value #ENTRIES} are kept, so a client asking for made-up paths
 * cannot grow the memory.
 */
final class ShortMemory {
    static final int ENTRIES = 10_000;

    private ShortMemory() {}

    /** Returns a cache whose entries expire {@code lifetime} after they were written, by {@code clock}. */
    static <K, V> Cache<K, V> of(Clock clock, Duration lifetime) {
        return Caffeine.newBuilder()
                .maximumSize(ENTRIES)
                .expireAfterWrite(lifetime)
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }
}
