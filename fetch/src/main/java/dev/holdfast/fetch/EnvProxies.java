package dev.holdfast.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The forward proxies of the environment, chosen as the go command chooses them (Go's {@code
 * httpproxy.FromEnvironment}): HTTPS_PROXY for {@code https://} URLs and HTTP_PROXY for {@code
 * http://} ones (upper case first, then lower case), a proxy without a scheme taken as {@code http://},
 * never for {@code localhost} or a loopback address, and not for the hosts NO_PROXY names: {@code *},
 * IP addresses and CIDR ranges, and domains ({@code example.com} covers it and its subdomains, {@code
 * .example.com} and {@code *.example.com} only the subdomains), each with an optional port. A user
 * and password in the proxy's URL ({@code http://user:pass@proxy:3128}, percent-escaped as in any URL)
 * are sent to it as Go's transport sends them: {@code Proxy-Authorization: Basic ...} on every request
 * through it, in the CONNECT of an {@code https://} URL too ({@link #apply}). The JDK's client speaks to
 * HTTP proxies only (an {@code https://} URL through them with CONNECT): a {@code socks5://} or {@code
 * https://} proxy is refused when the client is made. (Go also refuses HTTP_PROXY when REQUEST_METHOD
 * says it runs as a CGI program; that is not copied.) Immutable and thread-safe.
 */
final class EnvProxies extends ProxySelector {
    /**
     * The JDK's client leaves {@code Proxy-Authorization: Basic} out of a CONNECT unless this net
     * property names no scheme (its default is {@code Basic}, for {@code HttpURLConnection}'s
     * authenticator); it is read once, when the first {@code HttpRequest} of the process is built.
     */
    private static final String TUNNEL_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    /** A proxy and the {@code Proxy-Authorization} value its URL's user and password give, or null. */
    private record Route(Proxy proxy, String authorization) {}

    private final Route httpProxy;
    private final Route httpsProxy;
    private final List<String> noProxy;

    private EnvProxies(Route httpProxy, Route httpsProxy, List<String> noProxy) {
        this.httpProxy = httpProxy;
        this.httpsProxy = httpsProxy;
        this.noProxy = noProxy;
    }

    /**
     * Returns the proxies of process environment {@code env}.
     *
     * @throws IllegalArgumentException naming the variable for a proxy the client cannot use
     */
    static EnvProxies forEnv(Map<String, String> env) {
        List<String> noProxy = new ArrayList<>();
        for (String entry : any(env, "NO_PROXY", "no_proxy").split(",")) {
            String p = entry.strip().toLowerCase(Locale.ROOT);
            if (!p.isEmpty()) {
                noProxy.add(p);
            }
        }
        return new EnvProxies(
                proxy(env, "HTTP_PROXY", "http_proxy"), proxy(env, "HTTPS_PROXY", "https_proxy"), List.copyOf(noProxy));
    }

    /**
     * Lets the JDK's client send the credentials of an HTTPS_PROXY with a user in its CONNECT, as Go's
     * transport does: to be called before the process builds its first {@code HttpRequest} (see {@link
     * #TUNNEL_DISABLED_SCHEMES}), unless that property was set on the command line.
     */
    static void allowTunnelCredentials(Map<String, String> env) {
        if (any(env, "HTTPS_PROXY", "https_proxy").contains("@")
                && System.getProperty(TUNNEL_DISABLED_SCHEMES) == null) {
            System.setProperty(TUNNEL_DISABLED_SCHEMES, "");
        }
    }

    @Override
    public List<Proxy> select(URI uri) {
        Route route = route(uri);
        return List.of(route == null ? Proxy.NO_PROXY : route.proxy());
    }

    /**
     * Returns {@code request} with the {@code Proxy-Authorization} of the proxy it goes through, or as it
     * is when that proxy's URL has no user, it goes direct or it has the header already.
     */
    HttpRequest apply(HttpRequest request) {
        Route route = route(request.uri());
        if (route == null
                || route.authorization() == null
                || request.headers().firstValue("Proxy-Authorization").isPresent()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Proxy-Authorization", route.authorization())
                .build();
    }

    /** Returns the route of a request to {@code uri}, or null when it goes direct. */
    private Route route(URI uri) {
        Route route =
                switch (String.valueOf(uri.getScheme())) {
                    case "https" -> httpsProxy;
                    case "http" -> httpProxy;
                    default -> null;
                };
        if (route == null || uri.getHost() == null) {
            return null;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        return useProxy(uri.getHost(), port) ? route : null;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // the go command does not fall back to a direct connection either
    }

    /** Go's {@code useProxy}: whether a request to {@code host:port} goes through the proxy. */
    boolean useProxy(String rawHost, int port) {
        String host =
                rawHost.startsWith("[") && rawHost.endsWith("]") ? rawHost.substring(1, rawHost.length() - 1) : rawHost;
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("localhost")) {
            return false;
        }
        InetAddress ip = literal(host);
        if (ip != null && ip.isLoopbackAddress()) {
            return false;
        }
        String portText = Integer.toString(port);
        for (String p : noProxy) {
            if (p.equals("*") || matches(p, host, ip, portText)) {
                return false;
            }
        }
        return true;
    }

    /** Whether NO_PROXY entry {@code p} covers {@code host} ({@code ip} when it is an address) and port. */
    private static boolean matches(String p, String host, InetAddress ip, String port) {
        int slash = p.indexOf('/');
        if (slash > 0) { // a CIDR range
            InetAddress net = literal(p.substring(0, slash));
            if (net == null || ip == null) {
                return false;
            }
            try {
                return inRange(ip, net, Integer.parseInt(p.substring(slash + 1)));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        String phost = p;
        String pport = "";
        int colon = p.lastIndexOf(':');
        boolean bracketed = p.startsWith("[") && p.contains("]");
        if (bracketed) {
            int close = p.indexOf(']');
            phost = p.substring(1, close);
            pport = p.length() > close + 2 && p.charAt(close + 1) == ':' ? p.substring(close + 2) : "";
        } else if (colon >= 0 && p.indexOf(':') == colon) { // host:port; more colons: a bare IPv6 address
            phost = p.substring(0, colon);
            pport = p.substring(colon + 1);
            if (phost.isEmpty()) {
                return false;
            }
        }
        boolean portOk = pport.isEmpty() || pport.equals(port);
        InetAddress pip = literal(phost);
        if (pip != null) {
            return ip != null && pip.equals(ip) && portOk;
        }
        if (phost.startsWith("*.")) {
            phost = phost.substring(1);
        }
        boolean matchHost = !phost.startsWith(".");
        String suffix = matchHost ? "." + phost : phost;
        return (host.endsWith(suffix) || (matchHost && host.equals(phost))) && portOk;
    }

    private static boolean inRange(InetAddress ip, InetAddress net, int bits) {
        byte[] a = ip.getAddress();
        byte[] b = net.getAddress();
        if (a.length != b.length || bits < 0 || bits > a.length * 8) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Returns the address {@code text} spells (IPv4 or IPv6), or null for a name: nothing is looked up. */
    private static InetAddress literal(String text) {
        boolean ipv4 = text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean ipv6 = text.contains(":") && text.matches("[0-9a-fA-F:.]+");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The first of {@code names} set to something in {@code env}, or "". */
    private static String any(Map<String, String> env, String... names) {
        for (String name : names) {
            String v = env.getOrDefault(name, "");
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    /** Returns the proxy the first set of {@code names} gives, or null. */
    private static Route proxy(Map<String, String> env, String... names) {
        String value = any(env, names);
        if (value.isEmpty()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(value.contains("://") ? value : "http://" + value);
        } catch (IllegalArgumentException e) {
            String reason = e.getCause() instanceof URISyntaxException u ? u.getReason() : "not a URL";
            throw new IllegalArgumentException(
                    "invalid proxy address \"" + redacted(value) + "\" in " + names[0] + ": " + reason);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(names[0] + "=" + redacted(value)
                    + ": holdfast can use an http:// proxy only (the JDK's HTTP client has no "
                    + uri.getScheme() + " proxies)");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : 80;
        Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), port));
        return new Route(proxy, uri.getRawUserInfo() == null ? null : basic(uri.getRawUserInfo()));
    }

    /** Returns proxy address {@code value} with the password of its user information shown as {@code xxxxx}. */
    static String redacted(String value) {
        int at = value.lastIndexOf('@');
        int start = value.indexOf("://") + 1;
        start = start == 0 ? 0 : start + 2;
        int colon = value.indexOf(':', start);
        if (at < start || colon < 0 || colon > at) {
            return value;
        }
        return value.substring(0, colon + 1) + "xxxxx" + value.substring(at);
    }

    /**
     * Go's {@code proxyAuth}: {@code Basic} and the base64 of user, colon, password, each taken from the
     * URL's user information (split at its first colon, then unescaped; a missing password is empty).
     */
    private static String basic(String rawUserInfo) {
        int colon = rawUserInfo.indexOf(':');
        String user = colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon);
        String password = colon < 0 ? "" : rawUserInfo.substring(colon + 1);
        return BasicAuth.header(unescape(user), unescape(password));
    }

    /** Undoes a URL's percent-escapes ({@code +} stays a plus, as in Go's user information). */
    private static String unescape(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
