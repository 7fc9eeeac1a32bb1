package dev.holdfast.drift;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes findings as a SARIF 2.1.0 log that code scanning accepts: one run whose tool driver lists a
 * rule per finding kind (with its description, help and default level; security kinds tagged and given
 * a {@code security-severity}), and one result per finding with its rule, level, message (with the fix)
 * and one physical location — the go.mod or go.sum line, as a URI relative to the repository root
 * ({@code uriBaseId} {@code %SRCROOT%}). A fingerprint of kind and message (not the line) lets code
 * scanning follow a finding across edits that move it. Stateless.
 */
public final class SarifLog {
    /** The SARIF version written. */
    public static final String VERSION = "2.1.0";

    private SarifLog() {}

    /**
     * Returns the SARIF log of {@code findings} as nested maps and lists ready for a JSON writer.
     *
     * @param toolVersion the version of holdfast
     * @param moduleDir the main module's directory relative to the repository root, with {@code /}
     *     separators ({@code ""} when they are the same); prefixed to file names
     */
    public static Map<String, Object> of(List<Finding> findings, String toolVersion, String moduleDir) {
        Finding.Kind[] kinds = Finding.Kind.values();
        List<Object> rules = new ArrayList<>();
        for (Finding.Kind k : kinds) {
            rules.add(rule(k));
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "holdfast");
        driver.put("semanticVersion", toolVersion);
        driver.put("rules", rules);
        List<Object> results = new ArrayList<>();
        String prefix = moduleDir.isEmpty() || moduleDir.endsWith("/") ? moduleDir : moduleDir + "/";
        for (Finding f : findings) {
            results.add(result(f, prefix));
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("columnKind", "unicodeCodePoints");
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("version", VERSION);
        log.put("runs", List.of(run));
        return log;
    }

    private static Map<String, Object> rule(Finding.Kind k) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", k.id());
        rule.put("name", camel(k.id()));
        rule.put("shortDescription", Map.of("text", k.description()));
        rule.put("fullDescription", Map.of("text", k.help()));
        rule.put("help", Map.of("text", k.help(), "markdown", "**" + k.description() + "**\n\n" + k.help()));
        rule.put("defaultConfiguration", Map.of("level", k.severity().label()));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("tags", k.security() ? List.of("security", "dependencies") : List.of("dependencies"));
        properties.put("precision", "high");
        if (k.security()) {
            properties.put("security-severity", k.severity() == Finding.Severity.ERROR ? "8.0" : "5.0");
        }
        rule.put("properties", properties);
        return rule;
    }

    private static Map<String, Object> result(Finding f, String prefix) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ruleId", f.kind().id());
        result.put("ruleIndex", f.kind().ordinal());
        result.put("level", f.severity().label());
        result.put("message", Map.of("text", f.message() + ". Fix: " + f.fix()));
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("uri", prefix + f.location().file());
        artifact.put("uriBaseId", "%SRCROOT%");
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", artifact);
        if (f.location().line() > 0) {
            physical.put("region", Map.of("startLine", f.location().line()));
        }
        result.put("locations", List.of(Map.of("physicalLocation", physical)));
        result.put("partialFingerprints", Map.of("holdfastFinding/v1", fingerprint(f, prefix)));
        return result;
    }

    private static String fingerprint(Finding f, String prefix) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String key = f.kind().id() + "\n" + prefix + f.location().file() + "\n" + f.message();
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Returns {@code go-sum-missing} as {@code GoSumMissing}. */
    private static String camel(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("-")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }
}
