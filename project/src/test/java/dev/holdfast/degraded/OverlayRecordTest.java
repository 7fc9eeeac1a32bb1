package dev.holdfast.degraded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayRecordTest {
    static OverlayRecord record() {
        return new OverlayRecord(
                "example.com/app",
                OverlayRecord.sha256("module example.com/app\n".getBytes(StandardCharsets.UTF_8)),
                OverlayRecord.sha256(new byte[0]),
                Instant.parse("2026-01-02T03:04:05Z"),
                List.of(
                        new Substitution(
                                "example.com/a",
                                "v1.2.0",
                                "v1.3.0",
                                Need.ZIP,
                                "example.com/a@v1.2.0: \"quoted\"\nand a newline",
                                Instant.parse("2026-01-02T03:04:00Z")),
                        new Substitution("example.com/b", "v1.1.0", "v1.0.0", Need.GO_MOD, "", Instant.EPOCH)),
                List.of(new OverlayRecord.Raise("example.com/c", "v1.0.0", "v1.1.0")));
    }

    @Test
    void format_parse_roundTrips() {
        OverlayRecord r = record();
        assertThat(OverlayRecord.parse(r.format())).isEqualTo(r);
        assertThat(new String(r.format(), StandardCharsets.UTF_8))
                .contains("\"Wanted\" : \"v1.2.0\"")
                .contains("\"Need\" : \"go.mod\"")
                .contains("\"From\" : \"v1.0.0\"")
                .endsWith("\n");
    }

    @Test
    void sha256_emptyInput_isTheKnownDigest() {
        assertThat(OverlayRecord.sha256(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void parse_malformed_throws() {
        assertThatThrownBy(() -> OverlayRecord.parse("{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed substitution record");
        assertThatThrownBy(() -> OverlayRecord.parse("{\"Module\":\"m\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Substitutions");
        assertThatThrownBy(() -> OverlayRecord.parse(
                        "{\"Module\":\"m\",\"Written\":\"2026-01-01T00:00:00Z\",\"Substitutions\":[{\"Path\":\"p\"}]}"
                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing Wanted");
    }
}
