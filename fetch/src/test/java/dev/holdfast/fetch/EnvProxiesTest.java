package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvProxiesTest {
    private static List<Proxy> select(Map<String, String> env, String uri) {
        return EnvProxies.forEnv(env).select(URI.create(uri));
    }

    private static String via(Map<String, String> env, String uri) {
        Proxy p = select(env, uri).getFirst();
        return p.type() == Proxy.Type.DIRECT
                ? "direct"
                : ((InetSocketAddress) p.address()).getHostString() + ":" + ((InetSocketAddress) p.address()).getPort();
    }

    @Test
    void eachSchemeHasItsProxy_upperCaseFirst_andAProxyWithoutSchemeIsHttp() {
        Map<String, String> env = Map.of(
                "HTTP_PROXY", "http://plain.example.com:3128",
                "http_proxy", "http://ignored.example.com:1",
                "https_proxy", "tls.example.com");

        assertThat(via(env, "http://modules.example.com/m/@v/list")).isEqualTo("plain.example.com:3128");
        assertThat(via(env, "https://modules.example.com/m/@v/list")).isEqualTo("tls.example.com:80");
        assertThat(via(Map.of("HTTP_PROXY", "p.example.com"), "https://modules.example.com/x"))
                .isEqualTo("direct");
        assertThat(via(Map.of(), "https://modules.example.com/x")).isEqualTo("direct");
    }

    @Test
    void loopbackAndNoProxyEntries_goDirect() {
        Map<String, String> base = Map.of("HTTPS_PROXY", "http://p.example.com:3128");
        assertThat(via(base, "https://localhost:8443/x")).isEqualTo("direct");
        assertThat(via(base, "https://127.0.0.1:8443/x")).isEqualTo("direct");
        assertThat(via(base, "https://[::1]:8443/x")).isEqualTo("direct");

        String[][] cases = {
            // NO_PROXY, URL, expected
            {"*", "https://a.example.com/x", "direct"},
            {"example.com", "https://example.com/x", "direct"},
            {"example.com", "https://a.example.com/x", "direct"},
            {"a.example.com", "https://xa.example.com/x", "p.example.com:3128"},
            {".example.com", "https://example.com/x", "p.example.com:3128"},
            {".example.com", "https://a.example.com/x", "direct"},
            {"*.example.com", "https://a.example.com/x", "direct"},
            {"example.com:8443", "https://example.com/x", "p.example.com:3128"},
            {"example.com:443", "https://example.com/x", "direct"},
            {"192.0.2.0/24", "https://192.0.2.3/x", "direct"},
            {"192.0.2.0/24", "https://198.51.100.3/x", "p.example.com:3128"},
            {"192.0.2.3", "https://192.0.2.3/x", "direct"},
            {" other.example.com , A.EXAMPLE.COM ", "https://a.example.com/x", "direct"},
            {"[2001:db8::1]:443", "https://[2001:db8::1]/x", "direct"},
            {":443", "https://example.com/x", "p.example.com:3128"},
        };
        for (String[] c : cases) {
            Map<String, String> env = Map.of("HTTPS_PROXY", "http://p.example.com:3128", "NO_PROXY", c[0]);
            assertThat(via(env, c[1])).as(c[0] + " " + c[1]).isEqualTo(c[2]);
        }
    }

    @Test
    void proxiesTheClientCannotUse_areRefusedNamingTheVariable() {
        assertThatThrownBy(() -> EnvProxies.forEnv(Map.of("HTTPS_PROXY", "socks5://p.example.com:1080")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "HTTPS_PROXY=socks5://p.example.com:1080: holdfast can use an http:// proxy only");
        assertThatThrownBy(() -> EnvProxies.forEnv(Map.of("HTTPS_PROXY", "socks5://u:secret@p.example.com:1080")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("HTTPS_PROXY=socks5://u:xxxxx@p.example.com:1080: ")
                .message()
                .doesNotContain("secret");
        assertThatThrownBy(() -> EnvProxies.forEnv(Map.of("HTTP_PROXY", "http://u:secret@p.example.com:3128/ x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "invalid proxy address \"http://u:xxxxx@p.example.com:3128/ x\" in HTTP_PROXY: ")
                .message()
                .doesNotContain("secret");
    }

    private static String proxyAuthorization(Map<String, String> env, String uri) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).build();
        return EnvProxies.forEnv(env)
                .apply(request)
                .headers()
                .firstValue("Proxy-Authorization")
                .orElse("none");
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aUserAndPasswordInTheProxysUrl_goToThatProxyOnly_asGosProxyAuth() {
        Map<String, String> env = Map.of(
                "HTTP_PROXY", "http://ci:p%40ss%3Aw+rd@plain.example.com:3128",
                "HTTPS_PROXY", "http://tunnel@tls.example.com:3128",
                "NO_PROXY", "inside.example.com");

        assertThat(proxyAuthorization(env, "http://modules.example.com/m/@v/list"))
                .isEqualTo(basic("ci:p@ss:w+rd"));
        assertThat(proxyAuthorization(env, "https://modules.example.com/m/@v/list"))
                .isEqualTo(basic("tunnel:"));
        assertThat(proxyAuthorization(env, "https://inside.example.com/m/@v/list"))
                .isEqualTo("none");
        assertThat(proxyAuthorization(env, "https://127.0.0.1:8443/m/@v/list")).isEqualTo("none");
        assertThat(proxyAuthorization(Map.of("HTTPS_PROXY", "p.example.com"), "https://modules.example.com/x"))
                .isEqualTo("none");
        assertThat(proxyAuthorization(Map.of("HTTPS_PROXY", "u:pw@p.example.com"), "https://modules.example.com/x"))
                .isEqualTo(basic("u:pw"));
    }

    @Test
    void aProxyAuthorizationAlreadyOnTheRequest_isKept() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://modules.example.com/x"))
                .header("Proxy-Authorization", "Bearer t")
                .build();
        HttpRequest sent = EnvProxies.forEnv(Map.of("HTTP_PROXY", "http://u:pw@p.example.com"))
                .apply(request);
        assertThat(sent.headers().allValues("Proxy-Authorization")).containsExactly("Bearer t");
    }

    @Test
    void redacted_hidesOnlyThePassword() {
        assertThat(EnvProxies.redacted("http://u:pw@p.example.com:3128"))
                .isEqualTo("http://u:xxxxx@p.example.com:3128");
        assertThat(EnvProxies.redacted("u:p@w@p.example.com")).isEqualTo("u:xxxxx@p.example.com");
        assertThat(EnvProxies.redacted("http://u@p.example.com:3128")).isEqualTo("http://u@p.example.com:3128");
        assertThat(EnvProxies.redacted("p.example.com:3128")).isEqualTo("p.example.com:3128");
    }
}
