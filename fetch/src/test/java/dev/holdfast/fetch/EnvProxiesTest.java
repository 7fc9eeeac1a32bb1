package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
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
        assertThatThrownBy(() -> EnvProxies.forEnv(Map.of("HTTP_PROXY", "http://u:pw@p.example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HTTP_PROXY: holdfast cannot send a user and password to a proxy");
    }
}
