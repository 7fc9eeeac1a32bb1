package dev.holdfast.server;

import dev.holdfast.fetch.CachingSource;
import dev.holdfast.store.Store;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the server serves from, wired by the composition root. Module content comes only through the
 * verified read-through cache ({@code source}), stored files included; the store itself is asked only
 * whether it can take writes ({@code /readyz}).
 *
 * @param source the caching source over the upstream chain; the one way to module content
 * @param store the store {@code source} writes into, probed for readiness
 * @param stateDir a directory on local disk for the checksum databases' verified trees and tiles, and
 *     whose free space counts for readiness (for a store on disk, its own directory)
 * @param upstreams the upstreams the chain was built from
 */
public record Backend(CachingSource source, Store store, Path stateDir, Upstreams upstreams) {
    /** Checks for nulls. */
    public Backend {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(upstreams, "upstreams");
    }
}
