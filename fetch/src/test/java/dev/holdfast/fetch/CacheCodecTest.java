package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code .info} JSON as the go command caches it ({@code json.Marshal} of modfetch.RevInfo: Time in
 * RFC 3339 with nanoseconds, trailing zeros dropped; the zero time when unknown) and list bytes.
 */
class CacheCodecTest {
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource({
        "2019-01-02T15:04:05Z, 2019-01-02T15:04:05Z",
        "2019-01-02T15:04:05.100Z, 2019-01-02T15:04:05.1Z",
        "2019-01-02T15:04:05.000000001Z, 2019-01-02T15:04:05.000000001Z",
        "2019-01-02T15:04:05.120300Z, 2019-01-02T15:04:05.1203Z"
    })
    void encodeInfo_timeAsGoMarshalsIt(String instant, String want) {
        byte[] json = CacheCodec.encodeInfo(RevInfo.of("v1.2.3", Instant.parse(instant)));
        assertThat(text(json)).isEqualTo("{\"Version\":\"v1.2.3\",\"Time\":\"" + want + "\"}");
        assertThat(CacheCodec.decodeInfo(json)).isEqualTo(RevInfo.of("v1.2.3", Instant.parse(instant)));
    }

    @Test
    void encodeInfo_noTime_zeroTime() {
        byte[] json = CacheCodec.encodeInfo(RevInfo.of("v1.2.3", null));
        assertThat(text(json)).isEqualTo("{\"Version\":\"v1.2.3\",\"Time\":\"0001-01-01T00:00:00Z\"}");
        assertThat(CacheCodec.decodeInfo(json).time()).isNull();
    }

    @Test
    void encodeInfo_originCleanedAsWriteDiskStat() {
        String origin = "{\"VCS\":\"git\",\"URL\":\"https://example.com/r\",\"Hash\":\"abc\",\"TagPrefix\":\"p\","
                + "\"TagSum\":\"t1:x\",\"Ref\":\"refs/heads/main\",\"RepoSum\":\"r1:y\"}";
        RevInfo pseudo =
                new RevInfo("v0.0.0-20240101000000-abcdefabcdef", Instant.parse("2024-01-01T00:00:00Z"), origin);
        assertThat(text(CacheCodec.encodeInfo(pseudo)))
                .endsWith("\"Origin\":{\"VCS\":\"git\",\"URL\":\"https://example.com/r\",\"Hash\":\"abc\"}}");
        RevInfo tagged = new RevInfo("v1.0.0", Instant.parse("2024-01-01T00:00:00Z"), origin);
        assertThat(text(CacheCodec.encodeInfo(tagged))).endsWith(",\"Ref\":\"refs/heads/main\"}}");
        assertThat(CacheCodec.decodeInfo(CacheCodec.encodeInfo(tagged)).origin())
                .isEqualTo(
                        "{\"VCS\":\"git\",\"URL\":\"https://example.com/r\",\"Hash\":\"abc\",\"Ref\":\"refs/heads/main\"}");
    }

    @Test
    void decodeInfo_offsetsAndMissingTime() {
        RevInfo info = CacheCodec.decodeInfo(
                "{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-01T02:00:00+02:00\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(info.time()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(CacheCodec.decodeInfo("{\"Version\":\"v1.0.0\"}".getBytes(StandardCharsets.UTF_8))
                        .time())
                .isNull();
    }

    @Test
    void decodeInfo_invalid() {
        assertThatThrownBy(() -> CacheCodec.decodeInfo("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheCodec.decodeInfo("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void list_roundTripAndFirstFields() {
        assertThat(text(CacheCodec.encodeList(List.of("v1.0.0", "v1.1.0")))).isEqualTo("v1.0.0\nv1.1.0\n");
        assertThat(CacheCodec.decodeList(
                        "v1.0.0 2019-01-01T00:00:00Z\n\n  v1.1.0\r\nv2.0.0".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("v1.0.0", "v1.1.0", "v2.0.0");
        assertThat(CacheCodec.decodeList(new byte[0])).isEmpty();
    }
}
