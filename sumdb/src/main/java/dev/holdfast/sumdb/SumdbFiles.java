package dev.holdfast.sumdb;

import dev.holdfast.fetch.AnswerLimits;
import dev.holdfast.fetch.FetchErrors;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.fetch.RetryPolicy;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.fetch.UpstreamHttp;
import dev.holdfast.fetch.UpstreamUnavailableException;
import dev.holdfast.store.CachePaths;
import dev.holdfast.store.Flock;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checksum-database client's world where the go command keeps it (modfetch {@code dbClient}): the
 * latest verified tree in {@code $GOPATH/pkg/sumdb/<name>/latest}, replaced under the go command's
 * file lock only if unchanged since read; verified lookups and tiles under {@code
 * $GOMODCACHE/cache/download/sumdb/}; and the server over HTTP (or {@code file://}).
 *
 * <p>The server's base URL is the one GOSUMDB gives, else found on first use as the go command finds
 * it: each GOPROXY entry in turn is asked for {@code <proxy>/sumdb/<name>/supported}; a 200 makes the
 * proxy the way in, a 404 or 410 (or any failure after a {@code |}) moves on, {@code direct} and
 * {@code off} end the search at {@code https://<name>}, and any other failure makes the database
 * unavailable. Requests go through {@link UpstreamHttp}, with a proxy's limits (adaptive time-outs,
 * hedging, the HTTP/2 stream limit, {@link AnswerLimits#SUMDB_BYTES} per answer) and through a circuit
 * breaker per host ({@link UpstreamBreakers}, as the module sources' are); transient failures of each
 * request are retried under a {@link RetryPolicy}, within its attempt count and time budget, and no longer
 * than its outage patience once the breaker has found the host down. Each request is logged at DEBUG.
 * Thread-safe.
 */
public final class SumdbFiles implements SumdbClient.Ops {
    private static final Logger LOG = LoggerFactory.getLogger(SumdbFiles.class);

    private final SumdbConfig config;
    private final List<ProxySpec> proxies;
    private final Path sumdbDir;
    private final Path cacheDir;
    private final UpstreamHttp http;
    private final RetryConfig retryConfig;
    private final Duration budget;
    private final Duration outagePatience;
    private final UpstreamBreakers breakers;
    private volatile String base;
    private volatile String baseUpstream; // the breakers' name for the way in: the proxy's, or the host's
    private IOException baseError;

    /**
     * Returns the files of the database {@code config} with configuration under {@code sumdbDir}
     * ({@code $GOPATH/pkg/sumdb}) and cache under {@code modCache} ({@code $GOMODCACHE}), finding the
     * server through {@code proxies} when the configuration has no URL, its requests counted by {@code
     * breakers}: for a command, those of the module sources over the same GOPROXY list, so that a proxy
     * found down while fetching modules is not waited for again as the way to the database (its breaker
     * is the one named by {@link ProxySource#describe(String)}).
     */
    public SumdbFiles(
            SumdbConfig config,
            List<ProxySpec> proxies,
            Path sumdbDir,
            Path modCache,
            HttpClient client,
            ProxySource.Timeouts timeouts,
            RetryPolicy retryPolicy,
            UpstreamBreakers breakers) {
        this.breakers = breakers;
        this.config = config;
        this.proxies = List.copyOf(proxies);
        this.sumdbDir = sumdbDir;
        this.cacheDir = CachePaths.sumdbDir(modCache);
        this.http = new UpstreamHttp(client, timeouts, Clock.systemUTC(), "checksum database " + config.name());
        this.retryConfig = retryPolicy.retryConfig();
        this.budget = retryPolicy.budget();
        this.outagePatience = retryPolicy.outagePatience();
        this.base = config.url() == null ? null : trimSlash(config.url());
        this.baseUpstream = base == null ? null : host(base);
    }

    @Override
    public byte[] readRemote(String path) throws IOException {
        String b = base();
        return get(b + path, baseUpstream);
    }

    /** Returns the server's base URL, finding it through the GOPROXY list on first use. */
    String base() throws IOException {
        String b = base;
        if (b != null) {
            return b;
        }
        synchronized (this) {
            if (base == null && baseError == null) {
                try {
                    findBase();
                } catch (IOException e) {
                    baseError = e;
                }
            }
            if (baseError != null) {
                throw baseError;
            }
            return base;
        }
    }

    /**
     * The go command's {@code initBase}: {@code TryProxies} over {@code /sumdb/<name>/supported}; sets the
     * base URL and the name of its breakers.
     */
    private void findBase() throws IOException {
        IOException best = null;
        boolean bestIsProxyError = false;
        for (ProxySpec proxy : proxies) {
            switch (proxy) {
                case ProxySpec.Url url -> {
                    String candidate = trimSlash(url.url()) + "/sumdb/" + config.name();
                    String upstream = ProxySource.describe(url.url());
                    try {
                        get(candidate + "/supported", upstream);
                        LOG.debug("checksum database {} reached through proxy {}", config.name(), upstream);
                        baseUpstream = upstream;
                        base = candidate;
                        return;
                    } catch (IOException e) {
                        boolean notExist = isNotExist(e);
                        if (!notExist && !bestIsProxyError) {
                            best = e;
                            bestIsProxyError = true;
                        }
                        if (!url.fallBackOnError() && !notExist) {
                            throw best;
                        }
                    }
                }
                case ProxySpec.Direct d -> {
                    direct();
                    return;
                }
                case ProxySpec.Off o -> {
                    direct();
                    return;
                }
                default -> {} // noproxy: this entry is for other modules
            }
        }
        if (bestIsProxyError) {
            throw best;
        }
        direct();
    }

    private void direct() {
        baseUpstream = "https://" + config.name();
        base = baseUpstream;
    }

    private static boolean isNotExist(IOException e) {
        return e instanceof SumdbException s && (s.status() == 404 || s.status() == 410);
    }

    private byte[] get(String url, String upstream) throws IOException {
        try {
            return Retry.decorateCheckedSupplier(
                            retryFor(System.nanoTime()), () -> breakers.call(upstream, url, () -> getOnce(url)))
                    .get();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /**
     * Returns the policy's Resilience4j retry for one request that started at {@code startNanos}: a
     * transient failure is retried only while the policy's time budget lasts, and a host the breaker found
     * down only while its outage is younger than the policy's outage patience.
     */
    private Retry retryFor(long startNanos) {
        RetryConfig config = RetryConfig.from(retryConfig)
                .retryOnException(e -> FetchErrors.isTransient(e)
                        && Duration.ofNanos(System.nanoTime() - startNanos).compareTo(budget) < 0
                        && !(e instanceof UpstreamUnavailableException down
                                && down.outlasts(outagePatience, Instant.now())))
                .build();
        return Retry.of("sumdb " + this.config.name(), config);
    }

    private byte[] getOnce(String url) throws IOException {
        if (url.startsWith("file:")) {
            Path file = Path.of(URI.create(url));
            try {
                byte[] data = Files.readAllBytes(file);
                LOG.debug("read {}: {} bytes", url, data.length);
                return data;
            } catch (NoSuchFileException e) {
                throw new SumdbException("open " + file + ": no such file or directory", 404, false, e);
            }
        }
        try {
            return http.get(url, AnswerLimits.SUMDB_BYTES);
        } catch (UpstreamHttp.StatusException e) {
            throw new SumdbException(e.getMessage(), e.status(), e.isTransient(), e);
        }
    }

    @Override
    public byte[] readConfig(String file) throws IOException {
        Path target = sumdbDir.resolve(file);
        try (Flock lock = Flock.lockShared(target)) {
            return Files.readAllBytes(target);
        } catch (NoSuchFileException e) {
            return new byte[0]; // the first contact with this database
        }
    }

    @Override
    public void writeConfig(String file, byte[] old, byte[] now) throws IOException {
        Path target = sumdbDir.resolve(file);
        Files.createDirectories(target.getParent());
        // In place under the go command's lock (lockedfile.Edit), so a go command sees one file.
        try (Flock lock = Flock.lock(target)) {
            byte[] data = Files.readAllBytes(target);
            if (data.length > 0 && !Arrays.equals(data, old)) {
                throw new SumdbClient.WriteConflictException();
            }
            Files.write(target, now, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        }
    }

    @Override
    public Optional<byte[]> readCache(String file) {
        Path target = cacheDir.resolve(file);
        try (Flock lock = Flock.lockShared(target)) {
            byte[] data = Files.readAllBytes(target);
            // The go command creates the file before it locks it: empty means not written yet.
            return data.length == 0 ? Optional.empty() : Optional.of(data);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void writeCache(String file, byte[] data) {
        Path target = cacheDir.resolve(file);
        try {
            Files.createDirectories(target.getParent());
            try (Flock lock = Flock.lock(target)) {
                Files.write(target, data, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            }
        } catch (IOException e) {
            LOG.debug("cannot cache {}: {}", target, e.toString()); // the next run fetches it again
        }
    }

    /** Returns the scheme and authority of {@code url}: what one breaker stands for. */
    private static String host(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() + "://" + u.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
