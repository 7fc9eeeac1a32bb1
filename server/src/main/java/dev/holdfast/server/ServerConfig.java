package dev.holdfast.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the server listens and behaves.
 *
 * @param host the address to listen on, for example {@code 127.0.0.1} (loopback only) or {@code 0.0.0.0}
 * @param port the port, 0 for any free one
 * @param offline whether to answer from the store only, never asking an upstream
 * @param shutdownGrace how long a stop waits for requests in flight (downloads finishing)
 * @param clock the clock for time-to-live and degraded marks
 */
public record ServerConfig(String host, int port, boolean offline, Duration shutdownGrace, Clock clock) {
    /** The default address: loopback only, so nothing is exposed unless asked for. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The default port. */
    public static final int DEFAULT_PORT = 3000;

    /** Checks the values. */
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Returns a configuration listening on {@code host:port} online, with a 30-second shutdown grace. */
    public static ServerConfig of(String host, int port) {
        return new ServerConfig(host, port, false, Duration.ofSeconds(30), Clock.systemUTC());
    }

    /** Returns a copy that is offline or not. */
    public ServerConfig withOffline(boolean offline) {
        return new ServerConfig(host, port, offline, shutdownGrace, clock);
    }

    /** Returns a copy with {@code clock}. */
    public ServerConfig withClock(Clock clock) {
        return new ServerConfig(host, port, offline, shutdownGrace, clock);
    }
}
