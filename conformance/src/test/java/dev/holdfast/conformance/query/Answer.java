package dev.holdfast.conformance.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one {@code go list -m -json} object that the query checks compare, from the go
 * command's JSON or from Holdfast's emulation of it.
 *
 * @param version the resolved version, the query itself on error, or {@code ""} for the main module
 * @param time the version's time as an instant string, or {@code ""} when absent
 * @param versions the {@code Versions} field
 * @param retracted the {@code Retracted} field
 * @param deprecated the {@code Deprecated} field
 * @param update the {@code Update.Version} field
 * @param error the {@code Error.Err} field
 */
record Answer(
        String version,
        String time,
        List<String> versions,
        List<String> retracted,
        String deprecated,
        String update,
        String error) {

    /** The time the go command prints for a revision without one. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    Answer {
        versions = List.copyOf(versions);
        retracted = List.copyOf(retracted);
    }

    /** Returns an empty answer for {@code version}. */
    static Answer of(String version) {
        return new Answer(version, "", List.of(), List.of(), "", "", "");
    }

    Answer withTime(Instant t) {
        return new Answer(
                version, t == null ? ZERO_TIME : t.toString(), versions, retracted, deprecated, update, error);
    }

    Answer withVersions(List<String> v) {
        return new Answer(version, time, v, retracted, deprecated, update, error);
    }

    Answer withRetracted(List<String> r) {
        return new Answer(version, time, versions, r, deprecated, update, error);
    }

    Answer withDeprecated(String d) {
        return new Answer(version, time, versions, retracted, d, update, error);
    }

    Answer withUpdate(String u) {
        return new Answer(version, time, versions, retracted, deprecated, u, error);
    }

    /** Returns a copy with {@code e} as the error, unless one is already set (as the go command does). */
    Answer withFirstError(String e) {
        return error.isEmpty() ? new Answer(version, time, versions, retracted, deprecated, update, e) : this;
    }

    /** Returns the answer in a go command JSON object. */
    static Answer parse(JsonNode node) {
        String version = node.path("Version").asText("");
        String time = node.path("Time").asText("");
        if (!time.isEmpty()) {
            time = OffsetDateTime.parse(time).toInstant().toString();
        }
        return new Answer(
                version,
                time,
                strings(node.path("Versions")),
                strings(node.path("Retracted")),
                node.path("Deprecated").asText(""),
                node.path("Update").path("Version").asText(""),
                node.path("Error").path("Err").asText(""));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
