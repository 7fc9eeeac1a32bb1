package dev.holdfast.fetch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the JSON of an {@code .info} or {@code @latest} answer as the go command's {@code json.Unmarshal}
 * into its {@code RevInfo} does: field names match case-insensitively, unknown fields are ignored, a
 * missing or null field keeps its zero value, and {@code Time} must be an RFC 3339 string.
 */
final class RevInfoJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** RFC 3339 as Go's {@code time.Time.UnmarshalJSON} accepts it (seconds required, optional fraction). */
    private static final Pattern RFC3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private RevInfoJson() {}

    /**
     * Returns the information in {@code data}.
     *
     * @throws IllegalArgumentException saying what is wrong, when {@code data} is not such JSON
     */
    static RevInfo parse(byte[] data) {
        notAValue(data).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
        JsonNode root;
        try {
            root = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("unexpected end of JSON input");
        }
        if (root.isNull()) {
            return new RevInfo("", null, null);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(
                    "json: cannot unmarshal " + kind(root) + " into Go value of type modfetch.RevInfo");
        }
        String version = "";
        Instant time = null;
        String origin = null;
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey().toLowerCase(java.util.Locale.ROOT)) {
                case "version" -> version = value.isNull() ? version : text(value, "Version");
                case "time" -> time = value.isNull() ? time : parseTime(text(value, "Time"));
                case "origin" -> origin = value.isNull() ? null : checkObject(value);
                default -> {}
            }
        }
        return new RevInfo(version, time, origin);
    }

    /**
     * Returns encoding/json's error for a document whose first character cannot begin a value (an HTML
     * page from a captive portal, say): {@code invalid character '<' looking for beginning of value}; empty
     * when it can, or when the character is one Go would quote otherwise (outside printable ASCII).
     */
    private static java.util.Optional<String> notAValue(byte[] data) {
        for (byte b : data) {
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                continue;
            }
            if ("{[\"-0123456789tfn".indexOf(b) >= 0 || b < 0x20 || b > 0x7e) {
                return java.util.Optional.empty();
            }
            String c = b == '\'' ? "\\'" : String.valueOf((char) b);
            return java.util.Optional.of("invalid character '" + c + "' looking for beginning of value");
        }
        return java.util.Optional.empty();
    }

    /**
     * Returns {@code s} as an instant if it is an RFC 3339 date and time.
     *
     * @throws IllegalArgumentException otherwise
     */
    static Instant parseTime(String s) {
        if (!RFC3339.matcher(s).matches()) {
            throw new IllegalArgumentException("parsing time \"" + s + "\" as RFC 3339: bad syntax");
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("parsing time \"" + s + "\": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode value, String field) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("json: cannot unmarshal " + kind(value)
                    + " into Go struct field RevInfo." + field + " of type string");
        }
        return value.textValue();
    }

    private static String checkObject(JsonNode value) {
        if (!value.isObject()) {
            throw new IllegalArgumentException("json: cannot unmarshal " + kind(value)
                    + " into Go struct field RevInfo.Origin of type codehost.Origin");
        }
        return value.toString();
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case BOOLEAN -> "bool";
            case NUMBER -> "number";
            case STRING -> "string";
            case OBJECT -> "object";
            default -> "value";
        };
    }
}
