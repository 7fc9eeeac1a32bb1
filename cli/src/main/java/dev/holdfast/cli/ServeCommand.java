package dev.holdfast.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.ProxyList;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.fetch.RetryPolicy;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.server.Backend;
import dev.holdfast.server.ProxyServer;
import dev.holdfast.server.ServerAuth;
import dev.holdfast.server.ServerConfig;
import dev.holdfast.server.ServerTls;
import dev.holdfast.server.UpstreamMeter;
import dev.holdfast.server.Upstreams;
import dev.holdfast.store.BoundedStore;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.Store;
import dev.holdfast.store.TieredStore;
import dev.holdfast.store.s3.S3Location;
import dev.holdfast.store.s3.S3Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code holdfast serve}: a caching GOPROXY that keeps answering when its upstreams do not. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves a caching Go module proxy.",
            "",
            "Serves a caching Go module proxy. Point the go command at it:",
            "    GOPROXY=http://127.0.0.1:3000 go build ./...",
            "Each module version is fetched once through the upstream list (retries,",
            "a circuit breaker per upstream, the go command's comma and pipe rules),",
            "verified, kept in the cache directory for good and served from there.",
            "When every upstream fails, version lists and @latest are answered from",
            "the cache with the header X-Holdfast-Degraded: stale; since=<time>.",
            "When it serves a go.mod it did not hold, it fetches in the background what",
            "the go command asks for next (the go.mod files of the requirements, then",
            "the module's .info; the zip once its .info is asked for), --prefetch files",
            "at a time (0: never).",
            "",
            "It listens on 127.0.0.1 only by default; to expose it to other machines,",
            "use --listen 0.0.0.0:3000 (or :3000), ideally with --tls-cert/--tls-key",
            "and --auth-basic or --auth-bearer. Settings come from the flags, then",
            "HOLDFAST_<SETTING> variables (HOLDFAST_LISTEN, HOLDFAST_AUTH_BASIC, ...),",
            "then the --config TOML file, whose keys are the long options below without",
            "their dashes (listen = \"127.0.0.1:3000\", max-size = \"20GiB\", ...), all",
            "but config, debug, quiet and verbose.",
            "",
            "Checksum database: with --sumdb (for example --sumdb \"$(go env GOSUMDB)\")",
            "every .mod and .zip is checked against that database before it is stored,",
            "and one it disagrees with is refused (502) and never cached. Modules matched",
            "by GONOSUMDB or GOPRIVATE are not looked up. It is off by default because",
            "the go command already checks what it downloads against its own GOSUMDB,",
            "and a database that cannot be reached then stops new fills.",
            "",
            "Upstreams are reached as the go command reaches them: through the forward",
            "proxy of HTTP_PROXY, HTTPS_PROXY and NO_PROXY (http://user:password@host:port",
            "for one that wants credentials), with the credentials of GOAUTH (.netrc,",
            "a program, or git DIR) for HTTPS, trusting the authorities of SSL_CERT_FILE",
            "and SSL_CERT_DIR besides the JDK's.",
            "",
            "Authentication: --auth-basic FILE has user:hash lines, the hash made by",
            "`openssl passwd -6` (the go command sends the user and password of",
            "GOPROXY=https://user:password@host:port, or of its .netrc);",
            "--auth-bearer FILE has one token per line, or sha256:<hex of the token>.",
            "/healthz and /readyz never need authentication.",
            "",
            "Besides the GOPROXY protocol: / (a status page for a browser), /status",
            "(JSON), /healthz, /readyz, /metrics (Prometheus), and /sumdb/<name>/...",
            "forwarded to the first proxy upstream. /, /status and /metrics reveal the",
            "module paths served stale, the upstreams (passwords replaced by xxxxx) and",
            "their last error texts: they answer only clients on this machine unless",
            "--admin-auth FILE (user:hash and token lines, as in the files of",
            "--auth-basic and --auth-bearer) or module authentication is set.",
            "A request with the header X-Holdfast-Cache-Only: 1 is answered from the",
            "cache only (404 when it is not there).",
            "",
            "SIGTERM or SIGINT stops it: new connections are refused at once, downloads",
            "in flight finish (up to --shutdown-grace), and it exits 0. A second signal",
            "stops it at once."
        },
        footer = {
            "",
            "Exit codes: 0 stopped by a signal; 1 the server could not start (the port is",
            "taken); 2 bad settings."
        })
final class ServeCommand extends HoldfastCommand {
    // Retries for the server are those of a build (docs/resilience.md), with the budget of the
    // retry-budget setting. The go command on the other side has no time limit of its own, so a request
    // for a module not yet cached is retried through a lossy link until its content arrives, within the
    // budget. A dead upstream costs little all the same: its breaker opens within seconds, list and
    // @latest are then answered stale at once, and past the first seconds of an outage nothing waits.

    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            description = "Address to listen on (default: " + ServeSettings.DEFAULT_LISTEN + ").")
    private String listen;

    @Option(
            names = "--upstream",
            paramLabel = "GOPROXY-LIST",
            description = "Upstream proxies in GOPROXY syntax (default: the go environment's GOPROXY).")
    private String upstream;

    @Option(
            names = "--cache",
            paramLabel = "DIR",
            description = "Cache directory, in module-cache layout (default: <user cache dir>/holdfast).")
    private Path cache;

    @Option(names = "--config", paramLabel = "FILE", description = "A TOML file with settings.")
    private Path config;

    @Option(names = "--offline", description = "Answer from the cache only; never ask an upstream.")
    private Boolean offline;

    @Option(names = "--auth-basic", paramLabel = "FILE", description = "Require basic auth: user:hash lines.")
    private Path authBasic;

    @Option(names = "--auth-bearer", paramLabel = "FILE", description = "Require a bearer token from FILE.")
    private Path authBearer;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "Serve HTTPS with this PEM certificate chain.")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The PEM private key of --tls-cert.")
    private Path tlsKey;

    @Option(
            names = "--shutdown-grace",
            paramLabel = "DURATION",
            description = "How long a stop waits for downloads in flight, like 30s (default: 30s).")
    private String shutdownGrace;

    @Option(
            names = "--sumdb",
            paramLabel = "GOSUMDB",
            description = "Verify new content against this checksum database before storing it.")
    private String sumdb;

    @Option(
            names = "--admin-auth",
            paramLabel = "FILE",
            description = "Require these users (user:hash lines) or tokens for /status and /metrics.")
    private Path adminAuth;

    @Option(
            names = "--upstream-timeout",
            paramLabel = "DURATION",
            description = "How long one request to an upstream may take in all, like 30s (default: 30s;"
                    + " a zip gets a second more for each KiB that arrived).")
    private String upstreamTimeout;

    @Option(
            names = "--retry-budget",
            paramLabel = "DURATION",
            description = "How long a client's request may keep retrying the upstreams, like 90s (default: 60s).")
    private String retryBudget;

    @Option(
            names = "--store",
            paramLabel = "URL",
            description = "Keep module files in an S3-compatible bucket, s3://BUCKET[/PREFIX], shared by"
                    + " several instances (endpoint, region and credentials from AWS_ENDPOINT_URL_S3,"
                    + " AWS_REGION, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the AWS SDK's defaults); --cache"
                    + " then holds only local state.")
    private String store;

    @Option(
            names = "--max-size",
            paramLabel = "SIZE",
            description = "Keep at most SIZE of module files on local disk, like 20GiB, evicting the zips"
                    + " used least recently (default: no bound); with --store, the size of a local tier in"
                    + " front of the bucket (default: none).")
    private String maxSize;

    @Option(
            names = "--memory-cache",
            paramLabel = "SIZE",
            description = "Keep up to SIZE of the zips served most often in memory, like 512MiB, 0 or off for"
                    + " none (default: an eighth of the JVM's largest heap, at most 256MiB).")
    private String memoryCache;

    @Option(
            names = "--prefetch",
            paramLabel = "N",
            description = "Fetch what the go command asks for next, N files at a time, 0 or off for none"
                    + " (default: " + ServerConfig.DEFAULT_PREFETCH + ").")
    private String prefetch;

    /**
     * Serves until the process gets SIGTERM or SIGINT, or (when run in-process) the calling thread is
     * interrupted; then stops gracefully and returns 0.
     */
    @Override
    int run() throws IOException {
        ServeSettings settings = ServeSettings.resolve(flags(), environment(), config);
        ServeSettings.unknownVariables(environment()).forEach(w -> err().println("holdfast serve: warning: " + w));
        err().flush();
        if (!quiet()) {
            ((Logger) LoggerFactory.getLogger("dev.holdfast.server.access")).setLevel(Level.INFO);
        }
        PrintWriter out = out();
        try (StopSignals.Stop stop = StopSignals.install(); // a signal from here on stops the server gracefully
                ProxyServer server = start(settings, context())) {
            out.println("holdfast: serving " + server.store() + " on " + server.url()
                    + (settings.offline() ? " (offline: cache only)" : " (upstream: " + server.upstreams() + ")"));
            out.println("holdfast: use it with: GOPROXY=" + server.url() + " go build ./...");
            server.notReady()
                    .ifPresent(why -> out.println(
                            "holdfast: warning: not ready (" + why + "); /readyz answers 503 until this is mended"));
            out.flush();
            stop.await();
            out.println("holdfast: stopping: new connections refused, waiting up to "
                    + settings.shutdownGrace().toSeconds() + "s for downloads in flight");
            out.flush();
        }
        out.println("holdfast: stopped");
        out.flush();
        return ExitCodes.OK;
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        flags.put("listen", listen);
        flags.put("upstream", upstream);
        flags.put("cache", string(cache));
        flags.put("offline", offline == null ? null : offline.toString());
        flags.put("auth-basic", string(authBasic));
        flags.put("auth-bearer", string(authBearer));
        flags.put("tls-cert", string(tlsCert));
        flags.put("tls-key", string(tlsKey));
        flags.put("shutdown-grace", shutdownGrace);
        flags.put("sumdb", sumdb);
        flags.put("admin-auth", string(adminAuth));
        flags.put("upstream-timeout", upstreamTimeout);
        flags.put("retry-budget", retryBudget);
        flags.put("prefetch", prefetch);
        flags.put("store", store);
        flags.put("max-size", maxSize);
        flags.put("memory-cache", memoryCache);
        return flags;
    }

    private static String string(Path path) {
        return path == null ? null : path.toString();
    }

    /**
     * Starts a server with {@code settings} in {@code context}, filling the unset upstream from its go
     * environment and the unset cache from its user cache directory.
     *
     * @throws IllegalArgumentException for settings that cannot be used (a malformed upstream list, an
     *     unreadable or malformed authentication or TLS file)
     */
    static ProxyServer start(ServeSettings settings, Context context) throws IOException {
        // GOPRIVATE, GONOPROXY and GONOSUMDB are the server's own: private modules are fetched only with its
        // credentials from version control, and their names are never sent to a public proxy or database.
        List<ProxySpec> upstreams = settings.upstream() != null
                ? ProxyList.parse(settings.upstream(), GoEnv.gonoproxy(context.environment()))
                : context.goEnv().proxyList();
        checkHosts(upstreams);
        ServerConfig config = ServerConfig.of(settings.host(), settings.port())
                .withOffline(settings.offline())
                .withClock(context.clock())
                .withShutdownGrace(settings.shutdownGrace())
                .withAuth(auth(settings))
                .withAdminAuth(adminAuth(settings))
                .withPrefetch(settings.prefetch())
                .withMemoryCache(settings.memoryCache())
                .withNoSumdb(GoEnv.gonosumdb(context.environment()))
                .withTrustedSumdbs(settings.sumdb() == null ? List.of() : List.of(settings.sumdb()))
                .withTls(settings.tlsCert() == null ? null : new ServerTls(settings.tlsCert(), settings.tlsKey()));
        Path localDir = storeDir(settings, context.environment());
        try {
            Files.createDirectories(localDir);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cache directory " + localDir + " cannot be created: " + ErrorReport.reason(e), e);
        }
        Store store = store(settings, context, localDir);
        UpstreamMeter meter = new UpstreamMeter();
        Network network = new Network(
                RetryPolicy.builder().budget(settings.retryBudget()).build(),
                ProxySource.Timeouts.DEFAULT.withTotal(settings.upstreamTimeout()));
        SourceStack<Store> stack = SourceStack.over(upstreams, store, context.clock())
                .verifier(sumdbVerifier(settings, context, upstreams, localDir))
                .network(network)
                .around(meter::meter)
                .direct(localDir.resolve("direct-state"), context.environment())
                .environment(context.environment())
                .build();
        Upstreams wired = new Upstreams(upstreams, stack.breakers(), meter, stack.links());
        // A client gets a .mod or .info as soon as it is verified; the durable write follows.
        CachingSource source = stack.source().withBackgroundCommits();
        if (settings.store() != null) {
            source = source.withSharedAnswers(); // lists and @latest fresh from another instance count
        }
        return ProxyServer.start(new Backend(source, store, localDir, wired), config);
    }

    /**
     * Refuses an HTTP upstream without a host ({@code http://}) before the server starts: the go command
     * accepts such a GOPROXY and fails each request ("no Host in request URL"); a server would only answer
     * 502 for ever.
     */
    private static void checkHosts(List<ProxySpec> upstreams) {
        for (ProxySpec p : upstreams) {
            if (p instanceof ProxySpec.Url url && !url.url().startsWith("file:")) {
                String host;
                try {
                    host = java.net.URI.create(url.url()).getHost();
                } catch (IllegalArgumentException e) {
                    host = null;
                }
                if (host == null || host.isEmpty()) {
                    throw new IllegalArgumentException(
                            "upstream \"" + ProxyList.redacted(url.url()) + "\" has no host");
                }
            }
        }
    }

    /**
     * Returns the store of {@code settings}: the cache directory, or the S3 bucket with (given a size) a
     * local tier in {@code localDir/s3-tier}; held under the size bound when there is one.
     */
    private static Store store(ServeSettings settings, Context context, Path localDir) throws IOException {
        if (settings.store() == null) {
            DiskStore disk = DiskStore.of(localDir).withExtraction(false);
            return settings.maxSize() == 0 ? disk : BoundedStore.over(disk, settings.maxSize());
        }
        Store bucket = S3Store.open(
                S3Location.parse(settings.store()), context.environment(), localDir.resolve("s3-tmp"), false);
        if (settings.maxSize() == 0) {
            return bucket;
        }
        DiskStore tier = DiskStore.of(localDir.resolve("s3-tier")).withExtraction(false);
        return TieredStore.of(BoundedStore.over(tier, settings.maxSize()), bucket);
    }

    /**
     * Returns the checksum-database verifier of {@code settings}, or {@link Verifier#NONE} without one:
     * the database is reached through {@code upstreams}, its verified tree and its tiles live in the store
     * directory {@code storeRoot}, apart from any user's module cache, and GONOSUMDB and GOPRIVATE come
     * from the go environment.
     */
    private static Verifier sumdbVerifier(
            ServeSettings settings, Context context, List<ProxySpec> upstreams, Path storeRoot) throws IOException {
        if (settings.sumdb() == null) {
            return Verifier.NONE;
        }
        return Context.sumdbVerifier(
                        settings.sumdb(),
                        GoEnv.gonosumdb(context.environment()),
                        upstreams,
                        storeRoot.resolve("sumdb-state/pkg/sumdb"),
                        storeRoot,
                        Network.DEFAULT)
                .<Verifier>map(v -> v)
                .orElse(Verifier.NONE);
    }

    private static ServerAuth auth(ServeSettings settings) {
        try {
            return ServerAuth.load(settings.authBasic(), settings.authBearer());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the authentication file: " + e, e);
        }
    }

    private static ServerAuth adminAuth(ServeSettings settings) {
        if (settings.adminAuth() == null) {
            return ServerAuth.NONE;
        }
        try {
            return ServerAuth.loadMixed(settings.adminAuth());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the admin authentication file: " + e, e);
        }
    }

    private static Path storeDir(ServeSettings settings, Map<String, String> env) {
        return settings.cache() != null
                ? settings.cache()
                : ServeSettings.userCacheDir(env, System.getProperty("os.name")).resolve("holdfast");
    }
}
