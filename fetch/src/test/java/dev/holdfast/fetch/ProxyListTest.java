package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The go command's proxyList rules (cmd/go/internal/modfetch/proxy.go), one row per rule. */
class ProxyListTest {
    /** Formats entries compactly: the token, then {@code |} for fall-back-on-error, joined by spaces. */
    private static String format(List<ProxySpec> list) {
        return list.stream()
                .map(s -> s.token() + (s.fallBackOnError() ? "|" : ""))
                .collect(Collectors.joining(" "));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "https://a.example.com,direct; ''; https://a.example.com direct",
                "https://a.example.com|https://b.example.com; ''; https://a.example.com| https://b.example.com",
                "https://a.example.com|https://b.example.com,off; ''; https://a.example.com| https://b.example.com off",
                // off and direct end the list; what follows is ignored
                "off,https://a.example.com; ''; off",
                "direct|https://a.example.com; ''; direct",
                "https://a.example.com,direct,https://b.example.com; ''; https://a.example.com direct",
                // the separator after an entry decides; the last entry has none
                "https://a.example.com|; ''; https://a.example.com|",
                "' https://a.example.com ,, | https://b.example.com '; ''; https://a.example.com https://b.example.com",
                // bare hosts get https://; single words are reserved
                "proxy.example.com; ''; https://proxy.example.com",
                "127.0.0.1:8080; ''; https://127.0.0.1:8080",
                "localhost:80/x; ''; https://localhost:80/x",
                "relative/dir; ''; https://relative/dir",
                "file:///srv/proxy; ''; file:///srv/proxy",
                "HTTP://a.example.com; ''; HTTP://a.example.com",
                // GONOPROXY adds noproxy in front, unless GOPROXY is exactly direct
                "https://a.example.com; example.com/private; noproxy https://a.example.com",
                "direct; example.com/private; direct",
                "' direct'; example.com/private; noproxy direct",
                "off; ','; noproxy off",
            })
    void parse_entries(String goproxy, String gonoproxy, String want) {
        assertThat(format(ProxyList.parse(goproxy, gonoproxy))).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "''; ''; GOPROXY list is not the empty string, but contains no entries",
                "','; ''; GOPROXY list is not the empty string, but contains no entries",
                "' , | '; ''; GOPROXY list is not the empty string, but contains no entries",
                "','; example.com; GOPROXY list is not the empty string, but contains no entries",
                "ftp://x.test; ''; invalid proxy URL scheme (must be https, http, file): ftp://x.test",
                "mailto:x; ''; parse \"https://mailto:x\": invalid port \":x\" after host",
                "file://host/x; ''; invalid file:// proxy URL with non-path elements: file://host/x",
                "file:///abs?q=1; ''; invalid file:// proxy URL with non-path elements: file:///abs?q=1",
                "file:/abs; ''; invalid file:// proxy URL with non-path elements: file:/abs",
                "/abs/path; ''; invalid proxy URL missing scheme: /abs/path",
                "foo; ''; invalid proxy URL missing scheme: foo",
                "http://[::1; ''; parse \"http://[::1\": missing ']' in host",
                "':x'; ''; parse \"https://:x\": invalid port \":x\" after host",
                "https://u:pw@x.test:bad; ''; parse \"https://u:pw@x.test:bad\": invalid port \":bad\" after host",
                "ftp://u:pw@x.test; ''; invalid proxy URL scheme (must be https, http, file): ftp://u:xxxxx@x.test",
                "https://a.example.com,foo; ''; invalid proxy URL missing scheme: foo",
            })
    void parse_rejects(String goproxy, String gonoproxy, String message) {
        assertThatThrownBy(() -> ProxyList.parse(goproxy, gonoproxy))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void redacted_hidesEveryPasswordAndKeepsTheSeparators() {
        assertThat(ProxyList.redacted("https://ci:s3cret@a.example.com/base|http://b.example.com,direct"))
                .isEqualTo("https://ci:xxxxx@a.example.com/base|http://b.example.com,direct");
        assertThat(ProxyList.redacted("ci:s3cret@a.example.com")).doesNotContain("s3cret");
        assertThat(ProxyList.redacted("off")).isEqualTo("off");
    }

    @Test
    void urlEntry_tokenAndToStringNeverShowThePassword() {
        ProxySpec.Url url = (ProxySpec.Url)
                ProxyList.parse("https://ci:s3cret@a.example.com", "").getFirst();

        assertThat(url.url()).contains("s3cret"); // for the code that connects
        assertThat(url.token()).isEqualTo("https://ci:xxxxx@a.example.com");
        assertThat(url.toString()).doesNotContain("s3cret");
    }
}
