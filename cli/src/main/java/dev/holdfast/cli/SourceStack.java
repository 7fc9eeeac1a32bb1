package dev.holdfast.cli;

import dev.holdfast.fetch.BreakerPolicy;
import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.FallbackSource;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.ModuleSource;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.RetryPolicy;
import dev.holdfast.fetch.RetryingSource;
import dev.holdfast.fetch.Sleeper;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.store.DiskStore;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The composition root of the module-fetching stack, built the same way for every command: each
 * GOPROXY entry behind its own circuit breaker, the go command's comma and pipe rules across them,
 * retries of transient failures around the whole list (so a pipe can move on at once while a comma
 * list is retried as the go command would have to be re-run), and a verified cache in the module
 * cache on the outside.
 *
 * @param env the go environment the stack was built from
 * @param store the module cache
 * @param source the outermost source: cache, retries, fall-back, breakers, proxies
 * @param breakers the breakers, for reporting their state
 */
record SourceStack(GoEnv env, DiskStore store, CachingSource source, UpstreamBreakers breakers) {

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
        UpstreamBreakers breakers = new UpstreamBreakers(BreakerPolicy.defaults(), clock);
        HttpClient client = ProxySource.newClient(timeouts);
        ModuleSource chain = FallbackSource.of(
                env.proxyList(), url -> breakers.guard(new ProxySource(url.url(), client, timeouts, clock)));
        ModuleSource retrying = new RetryingSource(chain, retry, Sleeper.SYSTEM, clock);
        DiskStore store = DiskStore.of(modCache);
        return new SourceStack(env, store, new CachingSource(store, retrying, verifier, clock), breakers);
    }
}
