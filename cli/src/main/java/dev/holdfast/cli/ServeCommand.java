package dev.holdfast.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.fetch.ProxyList;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.fetch.RetryPolicy;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.server.Backend;
import dev.holdfast.server.ProxyServer;
import dev.holdfast.server.ServerConfig;
import dev.holdfast.store.DiskStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code holdfast serve}: a caching GOPROXY that keeps answering when its upstreams do not. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves a caching Go module proxy. Point the go command at it:",
            "    GOPROXY=http://127.0.0.1:3000 go build ./...",
            "Each module version is fetched once through the upstream list (retries,",
            "a circuit breaker per upstream, the go command's comma and pipe rules),",
            "verified, kept in the cache directory for good and served from there.",
            "When every upstream fails, version lists and @latest are answered from",
            "the cache with the header X-Holdfast-Degraded: stale; since=<time>.",
            "",
            "It listens on 127.0.0.1 only by default; to expose it to other machines,",
            "use --listen 0.0.0.0:3000 (or :3000). Settings come from the flags, then",
            "HOLDFAST_LISTEN, HOLDFAST_UPSTREAM, HOLDFAST_CACHE, HOLDFAST_OFFLINE, then",
            "the --config TOML file (keys listen, upstream, cache, offline).",
            "",
            "Besides the GOPROXY protocol: /healthz, /readyz, /status (JSON), /metrics",
            "(Prometheus), and /sumdb/<name>/... forwarded to the first proxy upstream.",
            "A request with the header X-Holdfast-Cache-Only: 1 is answered from the",
            "cache only (404 when it is not there)."
        })
final class ServeCommand implements Callable<Integer> {
    /**
     * Retries for the server: fewer and shorter than a build's (3 attempts within 10 s, not 10 within
     * 60 s). A proxy that waits a minute on a dead upstream is not "staying up": once the retries are
     * spent, list and @latest are answered stale from the cache, and the go command may ask again.
     */
    static final RetryPolicy SERVE_RETRIES =
            RetryPolicy.builder().maxAttempts(3).budget(Duration.ofSeconds(10)).build();

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

    @Option(names = "--quiet", description = "No access log lines.")
    private boolean quiet;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Map<String, String> flags = new HashMap<>();
        flags.put("listen", listen);
        flags.put("upstream", upstream);
        flags.put("cache", cache == null ? null : cache.toString());
        flags.put("offline", offline == null ? null : offline.toString());
        ServeSettings settings = ServeSettings.resolve(flags, System.getenv(), config);
        if (!quiet) {
            ((Logger) LoggerFactory.getLogger("dev.holdfast.server.access")).setLevel(Level.INFO);
        }
        try (ProxyServer server = start(settings, System.getenv(), Clock.systemUTC())) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("holdfast: serving " + storeDir(settings, System.getenv()) + " on " + server.url()
                    + (settings.offline() ? " (offline: cache only)" : " (upstream: " + server.upstreams() + ")"));
            out.println("holdfast: use it with: GOPROXY=" + server.url() + " go build ./...");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                server.close(); // waits for downloads in flight, up to the grace period
                stopped.countDown();
            }));
            stopped.await();
        }
        return 0;
    }

    /**
     * Starts a server with {@code settings}, filling the unset upstream from the go environment and
     * the unset cache from the user cache directory of {@code env}.
     */
    static ProxyServer start(ServeSettings settings, Map<String, String> env, Clock clock) throws IOException {
        List<ProxySpec> upstreams = settings.upstream() != null
                ? ProxyList.parse(settings.upstream(), "")
                : GoEnv.fromSystem().proxyList();
        DiskStore store = DiskStore.of(storeDir(settings, env)).withExtraction(false);
        SourceStack stack = SourceStack.of(upstreams, store, Verifier.NONE, clock, SERVE_RETRIES);
        Backend backend = new Backend(stack.source(), store, stack.breakers(), upstreams);
        ServerConfig config = ServerConfig.of(settings.host(), settings.port())
                .withOffline(settings.offline())
                .withClock(clock);
        return ProxyServer.start(backend, config);
    }

    private static Path storeDir(ServeSettings settings, Map<String, String> env) {
        return settings.cache() != null
                ? settings.cache()
                : ServeSettings.userCacheDir(env, System.getProperty("os.name")).resolve("holdfast");
    }
}
