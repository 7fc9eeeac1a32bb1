package dev.holdfast.server;

import dev.holdfast.fetch.BreakerPolicy;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.RetryPolicy;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.sumdb.SumdbClient;
import dev.holdfast.sumdb.SumdbConfig;
import dev.holdfast.sumdb.SumdbFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * For a checksum database's name, a client that knows its key and so can authenticate its tiles before
 * {@link SumdbProxy} keeps them: for the databases of the server's {@code --sumdb} setting and those the
 * installed go command knows by name. The client
 * reaches the database through the same upstream proxy, keeps its verified tree under the store's {@code
 * sumdb-state/} and its tiles in the store's module-cache layout. Names without a known key get none.
 * Thread-safe; one client per name, made on first use.
 */
final class SumdbAuthorities implements Function<String, Optional<SumdbClient>> {
    private final Optional<URI> upstream;
    private final HttpClient client;
    private final Path storeRoot;
    private final List<String> trusted;
    private final Map<String, Optional<SumdbClient>> clients = new ConcurrentHashMap<>();

    /**
     * Returns the authorities reaching databases through {@code upstream} with {@code client}, keeping
     * their state under {@code storeRoot}, trusting the keys of the GOSUMDB settings {@code trusted} and
     * of the names the installed go command knows.
     */
    SumdbAuthorities(Optional<URI> upstream, HttpClient client, Path storeRoot, List<String> trusted) {
        this.upstream = upstream;
        this.client = client;
        this.storeRoot = storeRoot;
        this.trusted = List.copyOf(trusted);
    }

    @Override
    public Optional<SumdbClient> apply(String name) {
        if (upstream.isEmpty() || name.contains("+")) {
            return Optional.empty(); // a key text is no name, and it would grow the map without bound
        }
        return clients.computeIfAbsent(name, this::create);
    }

    private Optional<SumdbClient> create(String name) {
        Optional<SumdbConfig> found = trusted.stream()
                .map(SumdbAuthorities::parse)
                .flatMap(Optional::stream)
                .filter(c -> c.name().equals(name))
                .findFirst()
                .or(() -> parse(name).filter(c -> c.name().equals(name)));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SumdbConfig known = found.get();
        String base = upstream.orElseThrow().toString().replaceAll("/+$", "") + "/sumdb/" + name;
        SumdbConfig config = new SumdbConfig(known.key(), base);
        SumdbFiles files = new SumdbFiles(
                config,
                List.of(),
                storeRoot.resolve("sumdb-state"),
                storeRoot,
                client,
                ProxySource.Timeouts.DEFAULT,
                RetryPolicy.defaults(),
                new UpstreamBreakers(BreakerPolicy.defaults(), Clock.systemUTC())); // apart from the modules'
        return Optional.of(new SumdbClient(config.key(), files));
    }

    /** Returns the database a GOSUMDB setting (or a known name) names, or empty. */
    private static Optional<SumdbConfig> parse(String gosumdb) {
        try {
            return SumdbConfig.parse(gosumdb);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // malformed, or a name the go command does not know
        }
    }
}
