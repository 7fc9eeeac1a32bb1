package dev.holdfast.server;

import dev.holdfast.fetch.LinkStats;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.fetch.UpstreamBreakers;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's upstreams as the composition root wired them: the GOPROXY list, their circuit breakers,
 * the meter they were wrapped with, and what was measured of their links; for the status page, the
 * metrics and the checksum-database forwarder.
 *
 * @param list the GOPROXY list the source chain was built from
 * @param breakers the upstreams' circuit breakers
 * @param meter the meter the chain's upstreams were wrapped with ({@link UpstreamMeter#meter}); its
 *     registry also holds the server's own metrics
 * @param links what was measured of each HTTP upstream's link, by upstream description
 */
public record Upstreams(
        List<ProxySpec> list, UpstreamBreakers breakers, UpstreamMeter meter, Map<String, LinkStats> links) {
    /** Checks for nulls and copies the list and map. */
    public Upstreams {
        list = List.copyOf(list);
        Objects.requireNonNull(breakers, "breakers");
        Objects.requireNonNull(meter, "meter");
        links = Map.copyOf(links);
    }

    /** Returns upstreams whose links were not measured. */
    public Upstreams(List<ProxySpec> list, UpstreamBreakers breakers, UpstreamMeter meter) {
        this(list, breakers, meter, Map.of());
    }

    /** Returns upstreams that are not measured (a fresh, empty {@link UpstreamMeter}). */
    public Upstreams(List<ProxySpec> list, UpstreamBreakers breakers) {
        this(list, breakers, new UpstreamMeter());
    }

    /** Returns the first HTTP(S) proxy of the list, where checksum-database requests are forwarded. */
    Optional<URI> firstHttpProxy() {
        for (ProxySpec spec : list) {
            if (spec instanceof ProxySpec.Url url && url.url().matches("(?i)https?://.*")) {
                return Optional.of(URI.create(url.url()));
            }
        }
        return Optional.empty();
    }

    /** Returns the list as GOPROXY would write it, for messages. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (ProxySpec spec : list) {
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
