package dev.holdfast.fetch;

import dev.holdfast.module.GoStrings;
import dev.holdfast.module.InvalidVersionException;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.module.PseudoVersion;
import dev.holdfast.semver.Semver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A module proxy at an {@code https://}, {@code http://} or {@code file://} base URL, spoken to as the
 * go command's {@code proxyRepo} does (spec section 8): the same URLs (escaped path and version under
 * the base path), the same status rules (200 is success; 404 and 410 are {@link
 * ModuleNotFoundException}; others are {@link UpstreamException}, transient for 429 and 5xx) and the
 * same messages ({@code example.com/m@v1.0.0: reading URL: 404 Not Found}).
 *
 * <p>Beyond the go command: a body that stops arriving is abandoned after the stall timeout ({@link
 * StalledTransferException}), a body shorter than announced is a transient failure, and zip downloads
 * resume after what their {@link ZipTarget} holds ({@code Range} with {@code If-Range}). Every attempt
 * is logged at DEBUG with URL, status, bytes and duration. Thread-safe.
 */
public final class ProxySource implements ModuleSource {
    /** The largest module zip accepted, as the go command's {@code codehost.MaxZipFile}. */
    public static final long MAX_ZIP_BYTES = AnswerLimits.ZIP_BYTES;

    /**
     * Time limits for an HTTP proxy. The request and stall limits are the most ever waited: on a link that
     * usually answers faster, shorter ones are derived from what was measured ({@link LinkStats}).
     *
     * @param connect how long to wait for a connection (used by the factories that build the client)
     * @param request the longest wait for the response headers of one request
     * @param stall the longest a response body may go without a byte before it is abandoned
     * @param total how long one exchange may take in all, headers and body; a large body gets a second
     *     more for each KiB that arrived ({@link BodyWatch})
     */
    public record Timeouts(Duration connect, Duration request, Duration stall, Duration total) {
        /** Ten seconds to connect, thirty for the headers, thirty without a byte of body, thirty in all. */
        public static final Timeouts DEFAULT = new Timeouts(
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));

        /** Checks that every limit is given. */
        public Timeouts {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(stall, "stall");
            Objects.requireNonNull(total, "total");
        }

        /** Returns limits with the default overall limit of one exchange. */
        public Timeouts(Duration connect, Duration request, Duration stall) {
            this(connect, request, stall, DEFAULT.total());
        }

        /** Returns a copy whose exchanges may take {@code total} in all. */
        public Timeouts withTotal(Duration total) {
            return new Timeouts(connect, request, stall, total);
        }
    }

    private final GoUrl base;
    private final ProxyTransport transport;
    private final long maxZipBytes;
    private final LinkStats link;

    /**
     * Returns a source for the proxy at {@code baseUrl} (a GOPROXY entry such as {@code
     * https://proxy.example.com/base} or {@code file:///srv/proxy}), using {@code client} for HTTP with
     * the request and stall limits of {@code timeouts}, and {@code clock} to time attempts.
     *
     * @throws IllegalArgumentException with the go command's message if the go command would not accept
     *     {@code baseUrl} as a proxy URL
     */
    public ProxySource(String baseUrl, HttpClient client, Timeouts timeouts, Clock clock) {
        this(ProxyList.check(baseUrl), client, timeouts, clock, MAX_ZIP_BYTES);
    }

    ProxySource(GoUrl base, HttpClient client, Timeouts timeouts, Clock clock, long maxZipBytes) {
        this(base, client, timeouts, clock, maxZipBytes, new LinkStats());
    }

    private ProxySource(
            GoUrl base, HttpClient client, Timeouts timeouts, Clock clock, long maxZipBytes, LinkStats link) {
        this(
                base,
                base.scheme().equals("file")
                        ? new FileTransport(clock)
                        : new HttpTransport(client, timeouts, clock, link, base.redacted()),
                maxZipBytes,
                link);
    }

    ProxySource(GoUrl base, ProxyTransport transport, long maxZipBytes) {
        this(base, transport, maxZipBytes, new LinkStats());
    }

    private ProxySource(GoUrl base, ProxyTransport transport, long maxZipBytes, LinkStats link) {
        this.base = base;
        this.transport = transport;
        this.maxZipBytes = maxZipBytes;
        this.link = link;
    }

    /** Returns what was measured of the link to this proxy (nothing for a {@code file://} one). */
    public LinkStats link() {
        return link;
    }

    /** Returns a source for {@code base} with its own HTTP client, the default timeouts and the system clock. */
    public static ProxySource of(URI base) {
        return of(base.toString(), Timeouts.DEFAULT);
    }

    /** Returns a source for {@code baseUrl} with its own HTTP client built for {@code timeouts}. */
    public static ProxySource of(String baseUrl, Timeouts timeouts) {
        return new ProxySource(baseUrl, newClient(timeouts), timeouts, Clock.systemUTC());
    }

    /** Returns an HTTP client as {@link #newClient(Timeouts, Map)} does, for this process's environment. */
    public static HttpClient newClient(Timeouts timeouts) {
        return newClient(timeouts, System.getenv());
    }

    /**
     * Returns an HTTP client as the go command's in process environment {@code env}: redirects followed
     * except from https to http, the connect timeout of {@code timeouts}, the forward proxies of
     * HTTP_PROXY, HTTPS_PROXY and NO_PROXY with the user and password in their URLs ({@link EnvProxies}),
     * the certificate authorities the go command trusts besides the JDK's ({@link TrustRoots}: the system
     * bundle, SSL_CERT_FILE, SSL_CERT_DIR) and the credentials of GOAUTH ({@link GoAuth}: {@code .netrc},
     * programs, {@code git DIR}). One client may serve
     * many sources. It is built (TLS set up, {@code .netrc} read) when the first request is sent, so a
     * command served from the module cache never pays for it.
     *
     * @throws IllegalArgumentException (from the first request) with the go command's message for a
     *     GOAUTH it refuses, or naming a proxy variable whose proxy the JDK's client cannot use
     */
    public static HttpClient newClient(Timeouts timeouts, Map<String, String> env) {
        Map<String, String> environment = Map.copyOf(env);
        EnvProxies.allowTunnelCredentials(environment);
        return new LazyHttpClient(
                () -> EnvProxies.forEnv(environment),
                proxies -> HttpClient.newBuilder()
                        .connectTimeout(timeouts.connect())
                        .followRedirects(HttpClient.Redirect.NEVER) // HttpTransport follows them (Redirects)
                        .sslContext(TrustRoots.sslContext(environment))
                        .proxy(proxies)
                        .build(),
                () -> {
                    try {
                        return GoAuth.forEnv(environment);
                    } catch (IOException e) {
                        return GoAuth.NONE; // the go env file cannot be read: no GOAUTH from it
                    }
                });
    }

    /**
     * {@inheritDoc}
     *
     * <p>A line whose first field is no valid semantic version (garbage, NUL bytes, bytes that are not
     * UTF-8) is dropped here, as the go command drops it ({@code proxyRepo.Versions} keeps only {@code
     * semver.IsValid} versions): so nothing a client could not use is ever stored or relayed.
     */
    @Override
    public List<String> list(String path) throws IOException {
        List<String> versions = new ArrayList<>();
        for (String line : listLines(path)) {
            List<String> f = GoStrings.fields(line);
            if (!f.isEmpty() && Semver.isValid(f.getFirst())) {
                versions.add(f.getFirst());
            }
        }
        return versions;
    }

    /**
     * Returns the versions of a raw {@link #list} that the go command keeps (spec section 8.2): valid
     * semantic versions starting with {@code prefix}, not pseudo-versions, in semver order.
     */
    public static List<String> filterList(List<String> raw, String prefix) {
        return ProxyLatest.filter(raw, prefix);
    }

    @Override
    public RevInfo latest(String path) throws IOException {
        byte[] data;
        try {
            data = transport.get(moduleUrl(path).resolve("@latest"), AnswerLimits.INFO_BYTES);
        } catch (HttpError e) {
            if (!e.isNotExist()) {
                throw failure(path, "", e);
            }
            // No @latest endpoint: pick the newest version the list gives a time for.
            String best = ProxyLatest.fromList(listLines(path));
            if (best == null) {
                throw new ModuleNotFoundException(ModuleFailures.prefix(path, "") + "no commits");
            }
            return info(new ModuleVersion(path, best));
        } catch (IOException e) {
            throw failure(path, "", e);
        }
        return parseInfo(path, "", data);
    }

    @Override
    public RevInfo info(ModuleVersion mv) throws IOException {
        String rev = mv.version();
        RevInfo info = parseInfo(
                mv.path(), rev, get(mv.path(), rev, "@v/" + escapeVersion(mv) + ".info", AnswerLimits.INFO_BYTES));
        if (!info.version().equals(rev) && rev.equals(ModulePath.canonicalVersion(rev)) && isValid(mv)) {
            // Asked for a correct version, a proxy must answer with exactly it or fail.
            throw new UpstreamException(
                    ModuleFailures.prefix(mv.path(), rev) + "proxy returned info for version " + info.version()
                            + " instead of requested version",
                    200,
                    false);
        }
        return info;
    }

    @Override
    public byte[] mod(ModuleVersion mv) throws IOException {
        checkCanonical(mv, "GoMod");
        return get(mv.path(), mv.version(), "@v/" + escapeVersion(mv) + ".mod", AnswerLimits.MOD_BYTES);
    }

    @Override
    public void zip(ModuleVersion mv, ZipTarget target) throws IOException {
        checkCanonical(mv, "Zip");
        GoUrl url = moduleUrl(mv.path()).resolve("@v/" + escapeVersion(mv) + ".zip");
        try {
            transport.download(url, target, maxZipBytes);
        } catch (IOException e) {
            throw failure(mv.path(), mv.version(), e);
        }
    }

    @Override
    public String describe() {
        return base.redacted();
    }

    /**
     * Returns how a source for the proxy at {@code baseUrl} {@linkplain #describe describes} itself (the
     * name its breakers go by), so that another client of the same proxy can share them.
     *
     * @throws IllegalArgumentException if the go command would not accept {@code baseUrl} as a proxy URL
     */
    public static String describe(String baseUrl) {
        return ProxyList.check(baseUrl).redacted();
    }

    @Override
    public String toString() {
        return "ProxySource[" + describe() + "]";
    }

    private List<String> listLines(String path) throws IOException {
        byte[] data = get(path, "", "@v/list", AnswerLimits.LIST_BYTES);
        return List.of(new String(data, StandardCharsets.UTF_8).split("\n", -1));
    }

    private byte[] get(String path, String version, String rel, long limit) throws IOException {
        try {
            return transport.get(moduleUrl(path).resolve(rel), limit);
        } catch (IOException e) {
            throw failure(path, version, e);
        }
    }

    private RevInfo parseInfo(String path, String version, byte[] data) throws UpstreamException {
        try {
            return RevInfoJson.parse(data);
        } catch (IllegalArgumentException e) {
            String message = ModuleFailures.prefix(path, version) + "invalid response from proxy "
                    + HttpTransport.quote(base.redacted()) + ": " + e.getMessage();
            throw new UpstreamException(message, 200, false);
        }
    }

    /** Returns the URL of module {@code path} under the base, as the go command's {@code newProxyRepo}. */
    private GoUrl moduleUrl(String path) {
        String escaped = ModulePath.escape(path);
        return base.withPath(
                trimSlash(base.path()) + "/" + escaped,
                trimSlash(base.rawPath()) + "/" + GoUrlEscaping.pathEscape(escaped));
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String escapeVersion(ModuleVersion mv) {
        try {
            return ModulePath.escapeVersion(mv.version());
        } catch (InvalidVersionException e) {
            throw new InvalidVersionException(
                    mv.path(), mv.version(), PseudoVersion.isPseudoVersion(mv.version()), e.reason());
        }
    }

    private static void checkCanonical(ModuleVersion mv, String operation) {
        if (!mv.version().equals(ModulePath.canonicalVersion(mv.version()))) {
            throw new InvalidVersionException(
                    mv.path(),
                    mv.version(),
                    PseudoVersion.isPseudoVersion(mv.version()),
                    "internal error: version passed to " + operation + " is not canonical");
        }
    }

    private static boolean isValid(ModuleVersion mv) {
        try {
            ModuleVersion.check(mv.path(), mv.version());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static IOException failure(String path, String version, IOException e) {
        return ModuleFailures.of(path, version, e);
    }
}
