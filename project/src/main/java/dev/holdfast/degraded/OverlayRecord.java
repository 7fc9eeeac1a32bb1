package dev.holdfast.degraded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The record kept next to an overlay ({@code substitutions.json}): which project it was written for,
 * the fingerprints of the project's go.mod and go.sum at the time (so a later change to them shows the
 * overlay is stale), when it was written, and every substitution in it.
 *
 * <p>The JSON uses the go command's {@code -json} field style:
 *
 * <pre>{@code
 * {
 *   "Module": "example.com/app",
 *   "GoModSHA256": "…", "GoSumSHA256": "…",
 *   "Written": "2026-01-02T03:04:05Z",
 *   "Substitutions": [
 *     {"Path": "example.com/a", "Wanted": "v1.2.0", "Used": "v1.3.0", "Need": "zip",
 *      "Reason": "…", "Time": "2026-01-02T03:04:05Z"}
 *   ],
 *   "Raised": [ {"Path": "example.com/b", "From": "v1.1.0", "To": "v1.2.0"} ]
 * }
 * }</pre>
 *
 * @param module the main module's path
 * @param goModSha256 the SHA-256 (hex) of the project's go.mod when the overlay was written
 * @param goSumSha256 the SHA-256 (hex) of the project's go.sum then ({@link #sha256} of nothing when absent)
 * @param written when the overlay was written
 * @param substitutions the substitutions, in module path order
 * @param raised the project's requirements the overlay raises because substitutes require more
 */
public record OverlayRecord(
        String module,
        String goModSha256,
        String goSumSha256,
        Instant written,
        List<Substitution> substitutions,
        List<Raise> raised) {

    /**
     * A requirement of the project's go.mod that the overlay states at a higher version, because a
     * substitute's requirements select it (the go command would write the same).
     *
     * @param path the module path
     * @param from the version the project's go.mod requires
     * @param to the version the overlay requires
     */
    public record Raise(String path, String from, String to) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Copies the list. */
    public OverlayRecord {
        substitutions = List.copyOf(substitutions);
        raised = List.copyOf(raised);
    }

    /** Returns the hex SHA-256 of {@code data}. */
    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Returns the record as JSON text ending in a newline. */
    public byte[] format() {
        ObjectNode root = JSON.createObjectNode();
        root.put("Module", module);
        root.put("GoModSHA256", goModSha256);
        root.put("GoSumSHA256", goSumSha256);
        root.put("Written", written.toString());
        ArrayNode subs = root.putArray("Substitutions");
        for (Substitution s : substitutions) {
            subs.add(JSON.valueToTree(s.fields()));
        }
        ArrayNode raises = root.putArray("Raised");
        for (Raise r : raised) {
            raises.addObject().put("Path", r.path()).put("From", r.from()).put("To", r.to());
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses a record written by {@link #format()}.
     *
     * @throws IllegalArgumentException if {@code data} is not such a record
     */
    public static OverlayRecord parse(byte[] data) {
        JsonNode root;
        try {
            root = JSON.readTree(data);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed substitution record: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("Substitutions").isArray()) {
            throw new IllegalArgumentException("malformed substitution record: no Substitutions list");
        }
        List<Substitution> subs = new ArrayList<>();
        for (JsonNode o : root.get("Substitutions")) {
            subs.add(new Substitution(
                    text(o, "Path"),
                    text(o, "Wanted"),
                    text(o, "Used"),
                    Need.ofWord(text(o, "Need")),
                    o.path("Reason").asText(""),
                    Instant.parse(text(o, "Time"))));
        }
        List<Raise> raised = new ArrayList<>();
        for (JsonNode o : root.path("Raised")) {
            raised.add(new Raise(text(o, "Path"), text(o, "From"), text(o, "To")));
        }
        return new OverlayRecord(
                text(root, "Module"),
                root.path("GoModSHA256").asText(""),
                root.path("GoSumSHA256").asText(""),
                Instant.parse(text(root, "Written")),
                subs,
                raised);
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("malformed substitution record: missing " + field);
        }
        return v.asText();
    }
}
