package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoUrlTest {
    @Test
    void parse_splitsComponents() {
        GoUrl u = GoUrl.parse("https://user:secret@proxy.example.com:8443/base/path?q=1#frag");
        assertThat(u.scheme()).isEqualTo("https");
        assertThat(u.host()).isEqualTo("proxy.example.com:8443");
        assertThat(u.user().username()).isEqualTo("user");
        assertThat(u.user().password()).isEqualTo("secret");
        assertThat(u.path()).isEqualTo("/base/path");
        assertThat(u.rawQuery()).isEqualTo("q=1");
        assertThat(u.fragment()).isEqualTo("frag");
        assertThat(u.redacted()).isEqualTo("https://user:xxxxx@proxy.example.com:8443/base/path?q=1#frag");
        assertThat(u.withoutUser()).isEqualTo("https://proxy.example.com:8443/base/path?q=1#frag");
    }

    @Test
    void parse_lowerCasesScheme() {
        assertThat(GoUrl.parse("HTTPS://example.com").scheme()).isEqualTo("https");
    }

    @Test
    void parse_keepsRawPathWhenEscapingDiffers() {
        GoUrl u = GoUrl.parse("http://example.com/a%2Fb");
        assertThat(u.path()).isEqualTo("/a/b");
        assertThat(u.rawPath()).isEqualTo("/a%2Fb");
        assertThat(u.escapedPath()).isEqualTo("/a%2Fb");
    }

    @Test
    void parse_fileUrls() {
        assertThat(GoUrl.parse("file:///srv/proxy").isPathOnly()).isTrue();
        assertThat(GoUrl.parse("file:/srv/proxy").omitHost()).isTrue();
        assertThat(GoUrl.parse("file:/srv/proxy").isPathOnly()).isFalse();
        assertThat(GoUrl.parse("file://host/srv").isPathOnly()).isFalse();
        assertThat(GoUrl.parse("file:///srv?x").isPathOnly()).isFalse();
    }

    @Test
    void resolve_joinsAndCleansBothPaths() {
        GoUrl base = GoUrl.parse("http://127.0.0.1:8080/base/");
        GoUrl u = base.resolve("example.com/m/@v/v1.0.0.info");
        assertThat(u.toString()).isEqualTo("http://127.0.0.1:8080/base/example.com/m/@v/v1.0.0.info");
    }

    // Messages as Go 1.26's net/url.Parse gives them (checked by running it on these inputs).
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://[::1|parse \"http://[::1\": missing ']' in host",
                "http://a b.test|parse \"http://a b.test\": invalid character \" \" in host name",
                "https://:x|parse \"https://:x\": invalid port \":x\" after host",
                "http://%zz|parse \"http://%zz\": invalid URL escape \"%zz\"",
                "https://x.test/%zz|parse \"https://x.test/%zz\": invalid URL escape \"%zz\"",
                ":x|parse \":x\": missing protocol scheme",
                "http://a:1:2|parse \"http://a:1:2\": invalid port \":1:2\" after host",
                "http://x[::1]|parse \"http://x[::1]\": invalid IP-literal",
                "http://[1.2.3.4]|parse \"http://[1.2.3.4]\": invalid IP-literal",
                "http://[zz]|parse \"http://[zz]\": invalid host: ParseAddr(\"zz\"): unable to parse IP",
                "http://a/b#%zz|parse \"http://a/b#%zz\": invalid URL escape \"%zz\"",
                "http://x/%|parse \"http://x/%\": invalid URL escape \"%\"",
                "1a:b|parse \"1a:b\": first path segment in URL cannot contain colon",
            })
    void parse_rejectsAsGo(String raw, String message) {
        assertThatThrownBy(() -> GoUrl.parse(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void parse_opaqueAndRelative() {
        assertThat(GoUrl.parse("a:b/c:d").opaque()).isEqualTo("b/c:d");
        assertThat(GoUrl.parse("x/a:b").path()).isEqualTo("x/a:b"); // a colon after the first segment is fine
    }

    @Test
    void toString_escapesPathWhenRawPathIsNotValid() {
        GoUrl u = GoUrl.parse("http://h/a b");
        assertThat(u.rawPath()).isEqualTo("/a b");
        assertThat(u.toString()).isEqualTo("http://h/a%20b");
    }

    @Test
    void parse_rejectsControlCharacters() {
        assertThatThrownBy(() -> GoUrl.parse("http://a\n"))
                .hasMessage("parse \"http://a\\n\": net/url: invalid control character in URL");
    }

    @Test
    void parse_acceptsIpv6LiteralsWithPortAndZone() {
        assertThat(GoUrl.parse("http://[::1]:8080/x").host()).isEqualTo("[::1]:8080");
        assertThat(GoUrl.parse("http://[fe80::1%25en0]/").host()).isEqualTo("[fe80::1%en0]");
        assertThat(GoUrl.parse("http://[fe80::1%25en0]/").toString()).isEqualTo("http://[fe80::1%25en0]/");
        assertThat(GoUrl.parse("http://[::ffff:1.2.3.4]/").host()).isEqualTo("[::ffff:1.2.3.4]");
    }

    @Test
    void pathEscape_keepsSlashes() {
        assertThat(GoUrlEscaping.pathEscape("example.com/m/@v/v1.0.0-a?b#c.info"))
                .isEqualTo("example.com/m/@v/v1.0.0-a%3Fb%23c.info");
    }

    @Test
    void address_dropsTheUserInformation_andSendsItDecodedAsBasicAuthorization() {
        UpstreamHttp.Address a = UpstreamHttp.Address.of("https://u%40corp:p%3Aw+d@proxy.example.com/go/");
        assertThat(a.url()).isEqualTo("https://proxy.example.com/go/");
        assertThat(a.authorization())
                .isEqualTo("Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString("u@corp:p:w+d".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(UpstreamHttp.Address.of("http://127.0.0.1:3000").authorization())
                .isNull();
    }
}
