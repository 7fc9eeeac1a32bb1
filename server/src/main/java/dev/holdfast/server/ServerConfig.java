package dev.holdfast.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the server listens and behaves.
 *
 * @param host the address to listen on, for example {@code 127.0.0.1} (loopback only) or {@code 0.0.0.0}
 * @param port the port, 0 for any free one
 * @param offline whether to answer from the store only, never asking an upstream
 * @param shutdownGrace how long a stop waits for requests in flight (downloads finishing)
 * @param clock the clock for time-to-live and degraded marks
 * @param auth who may use the server ({@link ServerAuth#NONE}: everybody)
 * @param tls the certificate and key to speak HTTPS with; empty for plain HTTP
 * @param adminAuth who may ask {@code /status} and {@code /metrics} ({@link ServerAuth#NONE}: as {@code
 *     auth} says when that is set, else clients on this machine only)
 * @param trustedSumdbs GOSUMDB settings ({@code name+hash+key}, or a name the go command knows) whose
 *     keys authenticate checksum-database tiles before they are kept, besides the names the installed go
 *     command knows
 * @param prefetch how many files {@link Prefetcher} fetches ahead at a time; 0 turns prefetching off
 * @param noSumdb GONOSUMDB-style patterns of private modules: checksum-database lookups of matching
 *     paths are refused (403), never forwarded, so a private module's name does not leave the network
 * @param memoryCache the most bytes of zips {@link HotZips} keeps in memory; 0 keeps none
 */
public record ServerConfig(
        String host,
        int port,
        boolean offline,
        Duration shutdownGrace,
        Clock clock,
        ServerAuth auth,
        Optional<ServerTls> tls,
        ServerAuth adminAuth,
        java.util.List<String> trustedSumdbs,
        int prefetch,
        String noSumdb,
        long memoryCache) {
    /** The default address: loopback only, so nothing is exposed unless asked for. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The default port. */
    public static final int DEFAULT_PORT = 3000;

    /** How many files are prefetched at a time unless configured otherwise ({@link #withPrefetch}). */
    public static final int DEFAULT_PREFETCH = 8;

    /**
     * How many bytes of zips are kept in memory unless configured otherwise ({@link #withMemoryCache}):
     * an eighth of the largest heap this JVM may have, at most 256 MiB.
     */
    public static final long DEFAULT_MEMORY_CACHE =
            Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);

    /** The default time a stop waits for downloads in flight. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    /** Checks the values. */
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(adminAuth, "adminAuth");
        Objects.requireNonNull(noSumdb, "noSumdb");
        trustedSumdbs = java.util.List.copyOf(trustedSumdbs);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (memoryCache < 0) {
            throw new IllegalArgumentException("negative memory cache size: " + memoryCache);
        }
        if (prefetch < 0) {
            throw new IllegalArgumentException("negative prefetch concurrency: " + prefetch);
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("negative shutdown grace period: " + shutdownGrace);
        }
    }

    /**
     * Returns a configuration without authentication, over plain HTTP, that does not prefetch and keeps
     * the default bytes of zips in memory.
     */
    public ServerConfig(String host, int port, boolean offline, Duration shutdownGrace, Clock clock) {
        this(
                host,
                port,
                offline,
                shutdownGrace,
                clock,
                ServerAuth.NONE,
                Optional.empty(),
                ServerAuth.NONE,
                java.util.List.of(),
                0,
                "",
                DEFAULT_MEMORY_CACHE);
    }

    /** Returns a configuration listening on {@code host:port} online, with a 30-second shutdown grace. */
    public static ServerConfig of(String host, int port) {
        return new ServerConfig(host, port, false, DEFAULT_SHUTDOWN_GRACE, Clock.systemUTC());
    }

    /** Returns a copy that is offline or not. */
    public ServerConfig withOffline(boolean offline) {
        return with(c -> c.offline = offline);
    }

    /** Returns a copy with {@code clock}. */
    public ServerConfig withClock(Clock clock) {
        return with(c -> c.clock = clock);
    }

    /** Returns a copy whose stop waits up to {@code shutdownGrace} for requests in flight. */
    public ServerConfig withShutdownGrace(Duration shutdownGrace) {
        return with(c -> c.shutdownGrace = shutdownGrace);
    }

    /** Returns a copy that lets only requests through that {@code auth} permits. */
    public ServerConfig withAuth(ServerAuth auth) {
        return with(c -> c.auth = auth);
    }

    /** Returns a copy whose admin endpoints let only requests through that {@code adminAuth} permits. */
    public ServerConfig withAdminAuth(ServerAuth adminAuth) {
        return with(c -> c.adminAuth = adminAuth);
    }

    /** Returns a copy that also trusts the checksum databases of the GOSUMDB settings {@code gosumdbs}. */
    public ServerConfig withTrustedSumdbs(java.util.List<String> gosumdbs) {
        return with(c -> c.trustedSumdbs = gosumdbs);
    }

    /** Returns a copy that prefetches {@code prefetch} files at a time, or not at all when it is 0. */
    public ServerConfig withPrefetch(int prefetch) {
        return with(c -> c.prefetch = prefetch);
    }

    /** Returns a copy that speaks HTTPS with {@code tls}, or plain HTTP when it is null. */
    public ServerConfig withTls(ServerTls tls) {
        return with(c -> c.tls = Optional.ofNullable(tls));
    }

    /** Returns a copy that refuses checksum-database lookups of modules matching {@code patterns} (GONOSUMDB). */
    public ServerConfig withNoSumdb(String patterns) {
        return with(c -> c.noSumdb = patterns);
    }

    /** Returns a copy that keeps at most {@code bytes} of zips in memory, none when it is 0. */
    public ServerConfig withMemoryCache(long bytes) {
        return with(c -> c.memoryCache = bytes);
    }

    private ServerConfig with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The fields of a configuration while one of them is replaced; checked again when built. */
    private static final class Copy {
        private final String host;
        private final int port;
        private boolean offline;
        private Duration shutdownGrace;
        private Clock clock;
        private ServerAuth auth;
        private Optional<ServerTls> tls;
        private ServerAuth adminAuth;
        private java.util.List<String> trustedSumdbs;
        private int prefetch;
        private String noSumdb;
        private long memoryCache;

        Copy(ServerConfig c) {
            host = c.host;
            port = c.port;
            offline = c.offline;
            shutdownGrace = c.shutdownGrace;
            clock = c.clock;
            auth = c.auth;
            tls = c.tls;
            adminAuth = c.adminAuth;
            trustedSumdbs = c.trustedSumdbs;
            prefetch = c.prefetch;
            noSumdb = c.noSumdb;
            memoryCache = c.memoryCache;
        }

        ServerConfig build() {
            return new ServerConfig(
                    host,
                    port,
                    offline,
                    shutdownGrace,
                    clock,
                    auth,
                    tls,
                    adminAuth,
                    trustedSumdbs,
                    prefetch,
                    noSumdb,
                    memoryCache);
        }
    }
}
