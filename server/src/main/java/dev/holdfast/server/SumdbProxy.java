package dev.holdfast.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Forwards the checksum-database endpoints ({@code sumdb/<name>/...}, go help goproxy) to the first
 * proxy upstream, so that a go command whose only network is Holdfast can still verify go.sum lines.
 * Full tiles never change once published, so they are kept forever under the store's {@code
 * cache/download/sumdb/<name>/tile/...}, the go command's own layout; partial tiles, {@code latest}
 * and lookups are always forwarded. The go command verifies every tile against the signed tree
 * itself, so a tile is stored as received. Thread-safe.
 */
final class SumdbProxy {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Optional<URI> upstream;
    private final HttpClient client;
    private final Path cacheRoot;

    /**
     * Returns a forwarder to {@code upstream} (a proxy base URL; empty when no upstream is an HTTP
     * proxy, and then every database is unsupported), caching tiles under {@code cacheRoot}.
     */
    SumdbProxy(Optional<URI> upstream, HttpClient client, Path cacheRoot) {
        this.upstream = upstream;
        this.client = client;
        this.cacheRoot = cacheRoot;
    }

    /** Answers {@code sumdb/<name>/supported}: 200 when the upstream proxies the database, else 404. */
    Reply supported(String name, boolean cacheOnly) throws IOException {
        if (upstream.isEmpty() || cacheOnly) {
            return Reply.text(404, "checksum database " + name + " not proxied");
        }
        HttpResponse<byte[]> response = get(name, "supported");
        return response.statusCode() == 200
                ? Reply.text(200, "")
                : Reply.text(404, "checksum database " + name + " not proxied by the upstream");
    }

    /** Answers {@code sumdb/<name>/latest|lookup/...|tile/...}. */
    Reply file(ProxyRequest.SumdbFile request, boolean cacheOnly) throws IOException {
        Path cached = cacheRoot.resolve(request.name()).resolve(request.rest()).normalize();
        if (!cached.startsWith(cacheRoot)) {
            throw BadRequestException.malformed("checksum database path outside the cache");
        }
        String type = request.rest().startsWith("tile/") ? Reply.OCTETS : Reply.TEXT;
        if (request.isImmutable() && Files.isRegularFile(cached) && Files.size(cached) > 0) {
            return Reply.of(200, type, Files.readAllBytes(cached)).withHeader("Cache-Control", ZipReply.IMMUTABLE);
        }
        if (upstream.isEmpty() || cacheOnly) {
            return Reply.text(404, "sumdb/" + request.name() + "/" + request.rest() + ": not cached");
        }
        HttpResponse<byte[]> response = get(request.name(), request.rest());
        int status = response.statusCode();
        if (status != 200) {
            int mapped = status == 404 || status == 410 || status == 400 ? status : 502;
            return Reply.text(mapped, "upstream checksum database answered " + status);
        }
        if (request.isImmutable()) {
            store(cached, response.body());
            return Reply.of(200, type, response.body()).withHeader("Cache-Control", ZipReply.IMMUTABLE);
        }
        return Reply.of(200, type, response.body()).withHeader("Cache-Control", "no-cache");
    }

    private HttpResponse<byte[]> get(String name, String rest) throws IOException {
        String base = upstream.orElseThrow().toString().replaceAll("/+$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/sumdb/" + name + "/" + rest))
                .timeout(TIMEOUT)
                .GET()
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while asking the checksum database");
        }
    }

    /** Writes a tile atomically: temp file in the same directory, then rename. */
    private static void store(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, data);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
