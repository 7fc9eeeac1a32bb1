package dev.holdfast.fetch;

import java.time.Instant;

/**
 * The answer to an {@code .info} or {@code @latest} request: a version and its commit time.
 *
 * @param version the version (canonical once resolved), never null
 * @param time the commit time, or null when the source gave none
 * @param origin the raw JSON of the {@code Origin} field, or null when absent
 */
public record RevInfo(String version, Instant time, String origin) {
    /** Returns a RevInfo without origin information. */
    public static RevInfo of(String version, Instant time) {
        return new RevInfo(version, time, null);
    }
}
