package dev.holdfast.sumdb;

import dev.holdfast.fetch.FetchErrors;
import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.ProxySpec;
import dev.holdfast.fetch.RetryPolicy;
import dev.holdfast.store.Flock;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * unavailable. Transient failures of each request are retried under a {@link RetryPolicy}, within
 * its attempt count and time budget. Each request is logged at DEBUG. Thread-safe.
 */
public final class SumdbFiles implements SumdbClient.Ops {
    private static final Logger LOG = LoggerFactory.getLogger(SumdbFiles.class);
    /** The largest answer accepted from the server; lookups and tiles are a few KiB. */
    static final int MAX_BODY_BYTES = 16 << 20;

    private final SumdbConfig config;
    private final List<ProxySpec> proxies;
    private final Path sumdbDir;
    private final Path cacheDir;
    private final HttpClient client;
    private final ProxySource.Timeouts timeouts;
    private final RetryConfig retryConfig;
    private final Duration budget;
    private volatile String base;
    private IOException baseError;

    /**
     * Returns the files of the database {@code config} with configuration under {@code sumdbDir}
     * ({@code $GOPATH/pkg/sumdb}) and cache under {@code modCache} ({@code $GOMODCACHE}), finding the
     * server through {@code proxies} when the configuration has no URL.
     */
    public SumdbFiles(
            SumdbConfig config,
            List<ProxySpec> proxies,
            Path sumdbDir,
            Path modCache,
            HttpClient client,
            ProxySource.Timeouts timeouts,
            RetryPolicy retryPolicy) {
        this.config = config;
        this.proxies = List.copyOf(proxies);
        this.sumdbDir = sumdbDir;
        this.cacheDir = modCache.resolve("cache/download/sumdb");
        this.client = client;
        this.timeouts = timeouts;
        this.retryConfig = retryPolicy.retryConfig();
        this.budget = retryPolicy.budget();
        this.base = config.url() == null ? null : trimSlash(config.url());
    }

    @Override
    public byte[] readRemote(String path) throws IOException {
        return get(base() + path);
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
                    base = findBase();
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

    /** The go command's {@code initBase}: {@code TryProxies} over {@code /sumdb/<name>/supported}. */
    private String findBase() throws IOException {
        IOException best = null;
        boolean bestIsProxyError = false;
        for (ProxySpec proxy : proxies) {
            switch (proxy) {
                case ProxySpec.Url url -> {
                    String candidate = trimSlash(url.url()) + "/sumdb/" + config.name();
                    try {
                        get(candidate + "/supported");
                        LOG.debug("checksum database {} reached through proxy {}", config.name(), url.url());
                        return candidate;
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
                    return direct();
                }
                case ProxySpec.Off o -> {
                    return direct();
                }
                default -> {} // noproxy: this entry is for other modules
            }
        }
        if (bestIsProxyError) {
            throw best;
        }
        return direct();
    }

    private String direct() {
        return "https://" + config.name();
    }

    private static boolean isNotExist(IOException e) {
        return e instanceof SumdbException s && (s.status() == 404 || s.status() == 410);
    }

    private byte[] get(String url) throws IOException {
        try {
            return Retry.decorateCheckedSupplier(retryFor(System.nanoTime()), () -> getOnce(url))
                    .get();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /**
     * Returns the policy's Resilience4j retry for one request that started at {@code startNanos}: a
     * transient failure is retried only while the policy's time budget lasts.
     */
    private Retry retryFor(long startNanos) {
        RetryConfig config = RetryConfig.from(retryConfig)
                .retryOnException(e -> FetchErrors.isTransient(e)
                        && Duration.ofNanos(System.nanoTime() - startNanos).compareTo(budget) < 0)
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeouts.request())
                .GET()
                .build();
        long start = System.nanoTime();
        // Answers are small: the whole exchange, body included, gets the request and stall limits.
        Duration deadline = timeouts.request().plus(timeouts.stall());
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Get \"" + url + "\": interrupted");
        } catch (TimeoutException e) {
            pending.cancel(true);
            LOG.debug("GET {} timed out after {}", url, deadline);
            throw new HttpTimeoutException("Get \"" + url + "\": no complete answer within " + deadline);
        } catch (ExecutionException e) {
            String reason = reason(request.uri(), e.getCause());
            LOG.debug("GET {} failed: {}", url, reason);
            throw new IOException("Get \"" + url + "\": " + reason, e.getCause());
        }
        byte[] body = response.body();
        int status = response.statusCode();
        LOG.debug("GET {} {} {} bytes {} ms", url, status, body.length, (System.nanoTime() - start) / 1_000_000);
        if (status != 200) {
            String detail = new String(body, 0, Math.min(body.length, 1000), StandardCharsets.UTF_8).strip();
            String message =
                    "reading " + url + ": " + status + (detail.isEmpty() ? "" : "\n\tserver response: " + detail);
            throw new SumdbException(message, status, status == 429 || status >= 500, null);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new SumdbException(
                    "reading " + url + ": answer larger than " + MAX_BODY_BYTES + " bytes", 0, false, null);
        }
        return body;
    }

    /** Returns why a request failed, in the go command's words for a refused connection. */
    private static String reason(URI uri, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
                return "dial tcp " + uri.getHost() + ":" + port + ": connect: connection refused";
            }
        }
        if (failure == null) {
            return "failed";
        }
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
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

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
