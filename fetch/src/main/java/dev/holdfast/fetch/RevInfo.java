package dev.holdfast.fetch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * The answer to an {@code .info} or {@code @latest} request: a version and its commit time.
 *
 * @param version the version (canonical once resolved), never null
 * @param time the commit time, or null when the source gave none
 * @param origin the raw JSON of the {@code Origin} field, or null when absent
 */
public record RevInfo(String version, Instant time, String origin) {
    /** Go's time.RFC3339Nano: fraction without trailing zeros, none when zero. */
    private static final DateTimeFormatter RFC3339_NANO = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendLiteral('Z')
            .toFormatter();

    /**
     * Returns the information in the {@code .info} JSON {@code json}.
     *
     * @throws IllegalArgumentException saying what is wrong, when it is not such JSON
     */
    public static RevInfo parse(byte[] json) {
        return RevInfoJson.parse(json);
    }

    /** Returns the information of {@code version} at {@code time}, without an origin. */
    public static RevInfo of(String version, Instant time) {
        return new RevInfo(version, time, null);
    }

    /** Returns the time as the go command writes it ({@code time.RFC3339Nano}, UTC), or null without one. */
    public String formattedTime() {
        return time == null ? null : RFC3339_NANO.format(time.atOffset(ZoneOffset.UTC));
    }
}
