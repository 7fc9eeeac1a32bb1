package dev.holdfast.cli;

import dev.holdfast.direct.DirectSource;
import dev.holdfast.fetch.BreakerPolicy;
import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.FallbackSource;
import dev.holdfast.fetch.LinkStats;
import dev.holdfast.fetch.ModuleSource;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.fetch.RetryingSource;
import dev.holdfast.fetch.Sleeper;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.store.Store;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The module-fetching stack, built the same way for every command and for the server: each GOPROXY
 * entry behind its own circuit breaker, the go command's comma and pipe rules across them, retries of
 * transient failures around the whole list (so a pipe can move on at once while a comma list is retried
 * as the go command would have to be re-run), and a verified cache in the store on the outside.
 *
 * @param store the store the cache keeps what it fetched in
 * @param source the outermost source: cache, retries, fall-back, breakers, proxies
 * @param breakers the breakers, for reporting their state
 * @param links what was measured of each HTTP upstream's link, by upstream description
 * @param verifier what the cache checks content against before it stores it
 */
record SourceStack<S extends Store>(
        S store, CachingSource source, UpstreamBreakers breakers, Map<String, LinkStats> links, Verifier verifier) {

    /** Starts a stack over the GOPROXY list {@code upstreams}, storing into {@code store}, timed by {@code clock}. */
    static <S extends Store> Builder<S> over(List<ProxySpec> upstreams, S store, Clock clock) {
        return new Builder<>(upstreams, store, clock);
    }

    /** The optional parts of a stack: verifier, network limits, and a wrapper around each proxy. */
    static final class Builder<S extends Store> {
        private final List<ProxySpec> upstreams;
        private final S store;
        private final Clock clock;
        private Verifier verifier = Verifier.NONE;
        private Network network = Network.DEFAULT;
        private UnaryOperator<ModuleSource> around = UnaryOperator.identity();
        private Path directState;
        private Map<String, String> directEnvironment = Map.of();
        private UpstreamBreakers breakers;
        private Map<String, String> environment = System.getenv();

        private Builder(List<ProxySpec> upstreams, S store, Clock clock) {
            this.upstreams = List.copyOf(upstreams);
            this.store = store;
            this.clock = clock;
        }

        /** Checks content with {@code verifier} before it is stored (default: no check). */
        Builder<S> verifier(Verifier verifier) {
            this.verifier = verifier;
            return this;
        }

        /** Retries and times requests by {@code network} (default: {@link Network#DEFAULT}). */
        Builder<S> network(Network network) {
            this.network = network;
            return this;
        }

        /** Wraps each proxy by {@code around} inside its breaker (the server measures its upstreams there). */
        Builder<S> around(UnaryOperator<ModuleSource> around) {
            this.around = around;
            return this;
        }

        /**
         * Fetches {@code direct} and GONOPROXY modules with the go command in process environment {@code
         * environment} (its credentials), keeping its clones under {@code stateDir} (default: such
         * requests fail).
         */
        Builder<S> direct(Path stateDir, Map<String, String> environment) {
            this.directState = stateDir;
            this.directEnvironment = Map.copyOf(environment);
            return this;
        }

        /**
         * Takes GOAUTH credentials and the go command's certificate authorities from process environment
         * {@code environment} (default: this process's).
         */
        Builder<S> environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Counts every proxy's calls in {@code breakers}, shared with other clients (default: new ones). */
        Builder<S> breakers(UpstreamBreakers breakers) {
            this.breakers = breakers;
            return this;
        }

        /** Returns the stack. */
        SourceStack<S> build() throws IOException {
            UpstreamBreakers breakers =
                    this.breakers != null ? this.breakers : new UpstreamBreakers(BreakerPolicy.defaults(), clock);
            HttpClient client = ProxySource.newClient(network.timeouts(), environment);
            Map<String, LinkStats> links = new ConcurrentHashMap<>();
            ModuleSource direct = directState != null && FallbackSource.needsDirect(upstreams)
                    ? around.apply(DirectSource.create(directEnvironment, directState, DirectSource.Settings.DEFAULT))
                    : null;
            ModuleSource chain = FallbackSource.of(
                    upstreams,
                    url -> {
                        ProxySource proxy = new ProxySource(url.url(), client, network.timeouts(), clock);
                        links.put(proxy.describe(), proxy.link());
                        return breakers.guard(around.apply(proxy));
                    },
                    direct);
            ModuleSource retrying = new RetryingSource(chain, network.retry(), Sleeper.SYSTEM, clock);
            CachingSource cache = new CachingSource(store, retrying, verifier, clock);
            return new SourceStack<>(store, cache, breakers, Map.copyOf(links), verifier);
        }
    }
}
