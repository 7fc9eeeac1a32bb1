package dev.holdfast.fetch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.module.PseudoVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes {@link CachingSource} stores for answers that are not files of their own: a version
 * list as the {@code @v/list} endpoint serves it, and version information as the go command writes
 * a {@code .info} file into its module cache (modfetch/cache.go {@code writeDiskStat}).
 */
final class CacheCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Go's zero time.Time, which a RevInfo without a time marshals as. */
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private CacheCodec() {}

    static byte[] encodeList(List<String> versions) {
        StringBuilder b = new StringBuilder();
        for (String v : versions) {
            b.append(v).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the first field of every non-blank line. */
    static List<String> decodeList(byte[] data) {
        List<String> versions = new ArrayList<>();
        for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (!fields[0].isEmpty()) {
                versions.add(fields[0]);
            }
        }
        return versions;
    }

    /**
     * Returns the JSON the go command caches for {@code info}: {@code Version}, {@code Time} and the
     * {@code Origin} without the fields that do not matter once a version is known ({@code TagSum},
     * {@code TagPrefix}, {@code RepoSum}, and {@code Ref} of a pseudo-version).
     */
    static byte[] encodeInfo(RevInfo info) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Version", info.version());
        node.put("Time", info.time() == null ? ZERO_TIME : info.formattedTime());
        if (info.origin() != null) {
            node.set("Origin", cleanOrigin(info.origin(), info.version()));
        }
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode cleanOrigin(String origin, String version) {
        try {
            JsonNode node = JSON.readTree(origin);
            if (node instanceof ObjectNode o) {
                o.remove(List.of("TagSum", "TagPrefix", "RepoSum"));
                if (PseudoVersion.isPseudoVersion(version)) {
                    o.remove("Ref");
                }
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid Origin JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses {@code .info} JSON.
     *
     * @throws IllegalArgumentException if it is not a JSON object with a {@code Version}
     */
    static RevInfo decodeInfo(byte[] data) {
        JsonNode node;
        try {
            node = JSON.readTree(data);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("invalid version information: " + e.getMessage(), e);
        }
        if (node == null || !node.path("Version").isTextual()) {
            throw new IllegalArgumentException("invalid version information: no Version");
        }
        String time = node.path("Time").asText("");
        Instant instant = time.isEmpty() || time.equals(ZERO_TIME)
                ? null
                : OffsetDateTime.parse(time).toInstant();
        JsonNode origin = node.get("Origin");
        return new RevInfo(
                node.get("Version").asText(), instant, origin == null || origin.isNull() ? null : origin.toString());
    }
}
