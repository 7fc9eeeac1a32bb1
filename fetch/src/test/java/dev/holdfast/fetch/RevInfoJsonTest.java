package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** encoding/json into the go command's RevInfo: what is accepted and what is an invalid response. */
class RevInfoJsonTest {
    static RevInfo parse(String json) {
        return RevInfoJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_fieldsAnyCaseUnknownIgnored() {
        RevInfo info = parse("{\"VERSION\":\"v1.0.0\",\"time\":\"2020-01-02T03:04:05.5+01:00\",\"Name\":\"x\"}");
        assertThat(info.version()).isEqualTo("v1.0.0");
        assertThat(info.time()).isEqualTo(Instant.parse("2020-01-02T02:04:05.5Z"));
        assertThat(info.origin()).isNull();
    }

    @Test
    void parse_nullAndMissingKeepZeroValues() {
        assertThat(parse("null")).isEqualTo(new RevInfo("", null, null));
        assertThat(parse("{\"Version\":null,\"Time\":null,\"Origin\":null}")).isEqualTo(new RevInfo("", null, null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{",
                "[]",
                "\"v1.0.0\"",
                "{\"Version\":1}",
                "{\"Time\":\"yesterday\"}",
                "{\"Time\":\"2020-01-02T03:04Z\"}",
                "{\"Origin\":[]}",
                "{} {}",
            })
    void parse_rejects(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class);
    }
}
