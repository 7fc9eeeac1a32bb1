package dev.holdfast.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpHeadTest {
    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void read_stopsAfterTheEmptyLineAndLeavesTheBody() throws Exception {
        InputStream in = stream("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nETag: \"x\"\r\n\r\nbody");

        HttpHead head = HttpHead.read(in);

        assertThat(head.startLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(head.headers()).containsExactly("Content-Length: 4", "ETag: \"x\"");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.contentLength()).isEqualTo(4);
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("body");
    }

    @Test
    void read_acceptsBareLineFeeds() throws Exception {
        HttpHead head = HttpHead.read(stream("GET / HTTP/1.1\nHost: a\n\n"));

        assertThat(head.headers()).containsExactly("Host: a");
    }

    @Test
    void read_endOfStream() throws Exception {
        assertThat(HttpHead.read(stream(""))).isNull();
        assertThatThrownBy(() -> HttpHead.read(stream("HTTP/1.1 200 OK\r\nContent-Le")))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void read_rejectsAHugeHead() {
        String huge = "GET / HTTP/1.1\r\nX: " + "a".repeat(70_000) + "\r\n\r\n";

        assertThatThrownBy(() -> HttpHead.read(stream(huge))).hasMessageContaining("longer than");
    }

    @Test
    void withConnectionClose_dropsHopByHopHeaders() {
        HttpHead head = new HttpHead(
                "GET / HTTP/1.1",
                java.util.List.of(
                        "Host: a",
                        "Connection: Upgrade, HTTP2-Settings",
                        "Upgrade: h2c",
                        "HTTP2-Settings: AAA",
                        "Keep-Alive: timeout=5",
                        "Range: bytes=1-"));

        HttpHead closed = head.withConnectionClose();

        assertThat(closed.headers()).containsExactly("Host: a", "Range: bytes=1-", "Connection: close");
        assertThat(new String(closed.bytes(), StandardCharsets.ISO_8859_1))
                .isEqualTo("GET / HTTP/1.1\r\nHost: a\r\nRange: bytes=1-\r\nConnection: close\r\n\r\n");
    }

    @Test
    void contentLength_absentOrChunked() {
        HttpHead chunked =
                new HttpHead("HTTP/1.1 200 OK", java.util.List.of("Transfer-Encoding: chunked", "Content-Length: 9"));
        HttpHead none = new HttpHead("HTTP/1.1 204 No Content", java.util.List.of());
        HttpHead bad = new HttpHead("garbage", java.util.List.of("content-length: x"));

        assertThat(chunked.contentLength()).isEqualTo(-1);
        assertThat(none.contentLength()).isEqualTo(-1);
        assertThat(bad.contentLength()).isEqualTo(-1);
        assertThat(bad.status()).isEqualTo(-1);
    }
}
