package dev.holdfast.cli;

import dev.holdfast.fetch.BreakerPolicy;
import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.FallbackSource;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.LinkStats;
import dev.holdfast.fetch.ModuleSource;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.fetch.RetryPolicy;
import dev.holdfast.fetch.RetryingSource;
import dev.holdfast.fetch.Sleeper;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.store.DiskStore;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The composition root of the module-fetching stack, built the same way for every command: each
 * GOPROXY entry behind its own circuit breaker, the go command's comma and pipe rules across them,
 * retries of transient failures around the whole list (so a pipe can move on at once while a comma
 * list is retried as the go command would have to be re-run), and a verified cache in the module
 * cache on the outside.
 *
 * @param env the go environment the stack was built from; null when built from an upstream list
 * @param store the module cache
 * @param source the outermost source: cache, retries, fall-back, breakers, proxies
 * @param breakers the breakers, for reporting their state
 * @param links what was measured of each HTTP upstream's link, by upstream description
 */
record SourceStack(
        GoEnv env, DiskStore store, CachingSource source, UpstreamBreakers breakers, Map<String, LinkStats> links) {

    /**
     * Builds the stack for {@code env}, storing into its module cache and checking content with
     * {@code verifier}.
     *
     * @throws IllegalArgumentException when GOPROXY is malformed or there is no module cache
     */
    static SourceStack of(GoEnv env, Verifier verifier, Clock clock) {
        return of(env, verifier, clock, RetryPolicy.defaults(), ProxySource.Timeouts.DEFAULT);
    }

    /**
     * Builds the stack as {@link #of(GoEnv, Verifier, Clock)} does, retrying by {@code retry} and waiting on
     * each proxy for at most {@code timeouts}.
     *
     * @throws IllegalArgumentException when GOPROXY is malformed or there is no module cache
     */
    static SourceStack of(GoEnv env, Verifier verifier, Clock clock, RetryPolicy retry, ProxySource.Timeouts timeouts) {
        if (env.gomodcache().isEmpty()) {
            throw new IllegalArgumentException("GOMODCACHE is not set and there is no GOPATH to put it in");
        }
        Path modCache = Path.of(env.gomodcache());
        if (!modCache.isAbsolute()) {
            throw new IllegalArgumentException(
                    "GOMODCACHE entry is relative; must be absolute path: \"" + env.gomodcache() + "\"");
        }
        return of(env.proxyList(), DiskStore.of(modCache), verifier, clock, retry, timeouts)
                .withEnv(env);
    }

    /**
     * Builds the stack over the GOPROXY list {@code upstreams}, storing into {@code store} and checking
     * content with {@code verifier} and retrying transient failures by {@code retries}; its {@link #env}
     * is null (the server takes no go environment beyond its upstream list).
     */
    static SourceStack of(
            List<ProxySpec> upstreams, DiskStore store, Verifier verifier, Clock clock, RetryPolicy retries) {
        return of(upstreams, store, verifier, clock, retries, ProxySource.Timeouts.DEFAULT);
    }

    /**
     * Builds the stack as {@link #of(List, DiskStore, Verifier, Clock, RetryPolicy)} does, waiting on each
     * proxy for at most {@code timeouts}.
     */
    static SourceStack of(
            List<ProxySpec> upstreams,
            DiskStore store,
            Verifier verifier,
            Clock clock,
            RetryPolicy retries,
            ProxySource.Timeouts timeouts) {
        return of(upstreams, store, verifier, clock, retries, timeouts, UnaryOperator.identity());
    }

    /**
     * Builds the stack as {@link #of(List, DiskStore, Verifier, Clock, RetryPolicy, ProxySource.Timeouts)}
     * does, with each proxy wrapped by {@code around} inside its breaker (the server measures its
     * upstreams there).
     */
    static SourceStack of(
            List<ProxySpec> upstreams,
            DiskStore store,
            Verifier verifier,
            Clock clock,
            RetryPolicy retries,
            ProxySource.Timeouts timeouts,
            UnaryOperator<ModuleSource> around) {
        UpstreamBreakers breakers = new UpstreamBreakers(BreakerPolicy.defaults(), clock);
        HttpClient client = ProxySource.newClient(timeouts);
        Map<String, LinkStats> links = new ConcurrentHashMap<>();
        ModuleSource chain = FallbackSource.of(upstreams, url -> {
            ProxySource proxy = new ProxySource(url.url(), client, timeouts, clock);
            links.put(proxy.describe(), proxy.link());
            return breakers.guard(around.apply(proxy));
        });
        ModuleSource retrying = new RetryingSource(chain, retries, Sleeper.SYSTEM, clock);
        return new SourceStack(
                null, store, new CachingSource(store, retrying, verifier, clock), breakers, Map.copyOf(links));
    }

    /** Returns a copy that records the go environment it was built from. */
    private SourceStack withEnv(GoEnv env) {
        return new SourceStack(env, store, source, breakers, links);
    }
}
