package dev.holdfast.repo;

import java.time.Instant;
import java.util.Objects;

/**
 * A module version as a source reports it: the canonical version and, when known, its commit time
 * (which orders pseudo-versions for the {@code upgrade} query).
 *
 * @param version the canonical version, never null
 * @param time the commit time, or null when the source gave none
 */
public record Revision(String version, Instant time) {
    /** Checks that the version is present. */
    public Revision {
        Objects.requireNonNull(version, "version");
    }
}
