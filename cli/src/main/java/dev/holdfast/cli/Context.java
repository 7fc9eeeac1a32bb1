package dev.holdfast.cli;

import dev.holdfast.fetch.BreakerPolicy;
import dev.holdfast.fetch.FallbackSource;
import dev.holdfast.fetch.GoCommand;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.sumdb.SumdbClient;
import dev.holdfast.sumdb.SumdbConfig;
import dev.holdfast.sumdb.SumdbFiles;
import dev.holdfast.sumdb.SumdbVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The composition root: everything a command or the server is built from, made in one place from the
 * process environment — the go environment (read once: it may ask the go command), the clock, the
 * module cache, checksum-database verifiers and source stacks. Not thread-safe; one per command run.
 */
final class Context {
    private final Map<String, String> environment;
    private final Clock clock;
    private final boolean extractZips;
    private GoEnv goEnv;
    private UpstreamBreakers breakers;

    /** Returns the context of process environment {@code environment}, timed by {@code clock}. */
    Context(Map<String, String> environment, Clock clock) {
        this(environment, clock, true);
    }

    private Context(Map<String, String> environment, Clock clock, boolean extractZips) {
        this.environment = Map.copyOf(environment);
        this.clock = clock;
        this.extractZips = extractZips;
    }

    /**
     * Returns a context whose environment has {@code overrides} over this one's, and whose module cache
     * keeps only the download area (no extracted trees), for a module cache that is thrown away after.
     */
    Context throwAwayCache(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(overrides);
        return new Context(env, clock, false);
    }

    /** Returns the process environment. */
    Map<String, String> environment() {
        return environment;
    }

    /** Returns the clock every source, cache and breaker is timed by. */
    Clock clock() {
        return clock;
    }

    /**
     * Returns the go environment (GOPROXY, GOSUMDB, GOMODCACHE and the rest), read on first use.
     *
     * @throws IOException if a default is needed and the go command cannot give it
     */
    GoEnv goEnv() throws IOException {
        if (goEnv == null) {
            goEnv = GoEnv.read(environment, GoCommand.onPath());
        }
        return goEnv;
    }

    /**
     * Returns the circuit breakers of this run's upstreams, one per proxy for the module sources and the
     * checksum database's way in alike: a proxy one of them found down is not waited for by the other.
     */
    UpstreamBreakers breakers() {
        if (breakers == null) {
            breakers = new UpstreamBreakers(BreakerPolicy.defaults(), clock);
        }
        return breakers;
    }

    /**
     * Returns the module cache of the go environment as a store.
     *
     * @throws IllegalArgumentException when there is no module cache or its path is relative
     */
    DiskStore moduleCache() throws IOException {
        String dir = goEnv().gomodcache();
        if (dir.isEmpty()) {
            throw new IllegalArgumentException("GOMODCACHE is not set and there is no GOPATH to put it in");
        }
        return DiskStore.of(Path.of(dir)).withExtraction(extractZips).withWritableDirs(goEnv().modCacheRW());
    }

    /**
     * Starts the source stack of the go environment: its GOPROXY list into its module cache.
     *
     * @throws IllegalArgumentException when GOPROXY is malformed or there is no module cache
     */
    SourceStack.Builder<DiskStore> sources() throws IOException {
        List<ProxySpec> upstreams = goEnv().proxyList();
        SourceStack.Builder<DiskStore> stack = SourceStack.over(upstreams, moduleCache(), clock)
                .breakers(breakers())
                .environment(environment);
        if (!FallbackSource.needsDirect(upstreams)) {
            return stack;
        }
        // The go command fetches into a module cache of its own: nothing reaches the user's before it is verified.
        Path state = ServeSettings.userCacheDir(environment, System.getProperty("os.name"))
                .resolve("holdfast/direct");
        return stack.direct(state, environment);
    }

    /**
     * Returns the go environment's checksum-database verifier (GOSUMDB, GONOSUMDB, GOPRIVATE), or
     * {@link Verifier#NONE} when GOSUMDB is off.
     */
    Verifier sumdb(Network network) throws IOException {
        return sumdbVerifier(network).<Verifier>map(v -> v).orElse(Verifier.NONE);
    }

    /** Returns the go environment's checksum-database verifier, or empty when GOSUMDB is off. */
    Optional<SumdbVerifier> sumdbVerifier(Network network) throws IOException {
        return SumdbVerifier.forEnv(
                goEnv(),
                ProxySource.newClient(network.timeouts(), environment),
                network.timeouts(),
                network.retry(),
                breakers());
    }

    /**
     * Returns the verifier of checksum database {@code gosumdb} (in GOSUMDB form), or empty when it is
     * off: modules matched by {@code gonosumdb} are not looked up, the database is reached through
     * {@code proxies} (or directly, as GOSUMDB says), its verified tree is kept in {@code stateDir} and
     * its tiles in the module cache {@code cacheRoot}.
     *
     * @throws IllegalArgumentException with the go command's message for a malformed GOSUMDB
     */
    static Optional<SumdbVerifier> sumdbVerifier(
            String gosumdb, String gonosumdb, List<ProxySpec> proxies, Path stateDir, Path cacheRoot, Network network) {
        return SumdbConfig.parse(gosumdb).map(config -> {
            SumdbFiles files = new SumdbFiles(
                    config,
                    proxies,
                    stateDir,
                    cacheRoot,
                    ProxySource.newClient(network.timeouts()),
                    network.timeouts(),
                    network.retry(),
                    new UpstreamBreakers(BreakerPolicy.defaults(), Clock.systemUTC())); // serve's: apart
            return new SumdbVerifier(new SumdbClient(config.key(), files), gonosumdb);
        });
    }

    /**
     * Returns the Go version of the go command on PATH, as {@code 1.26.8}.
     *
     * @throws UncheckedIOException if the go command cannot tell
     */
    String goVersion() {
        try {
            String version = GoVersion.fromToolchain(
                    GoCommand.onPath().env(environment, List.of("GOVERSION")).get("GOVERSION"));
            if (version.isEmpty()) {
                throw new IOException("go env GOVERSION reports no release version");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell the go version to write into go.mod: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the Go installation's root (GOROOT, else found from the go command on the PATH, as {@link
     * GoEnv#goroot} finds it without starting a process), or null.
     */
    Path goroot() {
        return GoEnv.goroot(environment).orElse(null);
    }
}
