package dev.holdfast.server;

import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.LinkStats;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.store.DiskStore;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server serves from, wired by the composition root: the verified read-through cache, the
 * store it writes into (served from directly), the upstreams' breakers and the upstream list for the
 * status page and the checksum-database forwarder.
 *
 * @param source the caching source over the upstream chain
 * @param store the store {@code source} writes into
 * @param breakers the upstreams' circuit breakers
 * @param upstreams the GOPROXY list the chain was built from
 * @param meter the meter the chain's upstreams were wrapped with ({@link UpstreamMeter#meter}); its
 *     registry also holds the server's own metrics
 * @param links what was measured of each HTTP upstream's link, by upstream description
 */
public record Backend(
        CachingSource source,
        DiskStore store,
        UpstreamBreakers breakers,
        List<ProxySpec> upstreams,
        UpstreamMeter meter,
        Map<String, LinkStats> links) {
    /** Checks for nulls and copies the list and map. */
    public Backend {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(breakers, "breakers");
        Objects.requireNonNull(meter, "meter");
        upstreams = List.copyOf(upstreams);
        links = Map.copyOf(links);
    }

    /** Returns a backend whose links were not measured. */
    public Backend(
            CachingSource source,
            DiskStore store,
            UpstreamBreakers breakers,
            List<ProxySpec> upstreams,
            UpstreamMeter meter) {
        this(source, store, breakers, upstreams, meter, Map.of());
    }

    /** Returns a backend whose upstreams are not measured (a fresh, empty {@link UpstreamMeter}). */
    public Backend(CachingSource source, DiskStore store, UpstreamBreakers breakers, List<ProxySpec> upstreams) {
        this(source, store, breakers, upstreams, new UpstreamMeter());
    }

    /** Returns the first HTTP(S) proxy of the list, where checksum-database requests are forwarded. */
    Optional<URI> firstHttpProxy() {
        for (ProxySpec spec : upstreams) {
            if (spec instanceof ProxySpec.Url url && url.url().matches("(?i)https?://.*")) {
                return Optional.of(URI.create(url.url()));
            }
        }
        return Optional.empty();
    }

    /** Returns the upstream list as GOPROXY would write it, for messages. */
    public String describeUpstreams() {
        StringBuilder b = new StringBuilder();
        for (ProxySpec spec : upstreams) {
            if (spec instanceof ProxySpec.NoProxy) {
                continue;
            }
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(spec.token());
        }
        return b.toString();
    }
}
