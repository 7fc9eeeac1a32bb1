package dev.holdfast.conformance.server;

import dev.holdfast.fetch.BreakerPolicy;
import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.FallbackSource;
import dev.holdfast.fetch.ModuleSource;
import dev.holdfast.fetch.ProxyList;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.fetch.RetryPolicy;
import dev.holdfast.fetch.RetryingSource;
import dev.holdfast.fetch.Sleeper;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.server.Backend;
import dev.holdfast.server.ProxyServer;
import dev.holdfast.server.ServerConfig;
import dev.holdfast.server.UpstreamMeter;
import dev.holdfast.server.Upstreams;
import dev.holdfast.store.DiskStore;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Holdfast's server in-process on a free loopback port, over the stack {@code holdfast serve} builds
 * (proxy per upstream, measured, behind a breaker, the GOPROXY fall-back rules, retries, the verified cache in a
 * module-cache-layout store; prefetching, and storing in the background), with short retries and list/@latest answers that expire at once, so
 * that an upstream failure shows in the next answer.
 */
final class Holdfast {
    private static final RetryPolicy FAST_RETRIES = RetryPolicy.builder()
            .maxAttempts(2)
            .initialBackoff(Duration.ofMillis(10))
            .maxBackoff(Duration.ofMillis(10))
            .budget(Duration.ofSeconds(2))
            .attemptTimeout(Duration.ofSeconds(5))
            .build();

    private Holdfast() {}

    /** Starts a server in front of the GOPROXY list {@code upstream}, storing under {@code cache}. */
    static ProxyServer start(String upstream, Path cache) {
        return start(upstream, cache, FAST_RETRIES);
    }

    /** Starts a server as {@link #start(String, Path)} does, retrying transient failures by {@code retries}. */
    static ProxyServer start(String upstream, Path cache, RetryPolicy retries) {
        Clock clock = Clock.systemUTC();
        List<ProxySpec> upstreams = ProxyList.parse(upstream, "");
        UpstreamBreakers breakers = new UpstreamBreakers(BreakerPolicy.defaults(), clock);
        HttpClient client = ProxySource.newClient(ProxySource.Timeouts.DEFAULT);
        UpstreamMeter meter = new UpstreamMeter();
        ModuleSource chain = FallbackSource.of(
                upstreams,
                url -> breakers.guard(
                        meter.meter(new ProxySource(url.url(), client, ProxySource.Timeouts.DEFAULT, clock))));
        ModuleSource retrying = new RetryingSource(chain, retries, Sleeper.SYSTEM, clock);
        DiskStore store = DiskStore.of(cache.toAbsolutePath()).withExtraction(false);
        CachingSource source = new CachingSource(store, retrying, Verifier.NONE, clock)
                .withTtl(Duration.ZERO)
                .withBackgroundCommits();
        return ProxyServer.start(
                new Backend(source, store, store.root(), new Upstreams(upstreams, breakers, meter)),
                ServerConfig.of("127.0.0.1", 0).withPrefetch(ServerConfig.DEFAULT_PREFETCH));
    }
}
