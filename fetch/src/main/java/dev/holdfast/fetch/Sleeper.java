package dev.holdfast.fetch;

import java.time.Duration;

/** Waits; injected so retry and back-off behaviour is tested without waiting. */
@FunctionalInterface
public interface Sleeper {
    /** The sleeper that really waits. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration);

    /** Waits for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
}
