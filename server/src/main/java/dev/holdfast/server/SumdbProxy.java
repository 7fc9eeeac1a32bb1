package dev.holdfast.server;

import dev.holdfast.fetch.AnswerLimits;
import dev.holdfast.fetch.UpstreamException;
import dev.holdfast.fetch.UpstreamHttp;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.PrefixPatterns;
import dev.holdfast.sumdb.SumdbClient;
import dev.holdfast.sumdb.Tile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Forwards the checksum-database endpoints ({@code sumdb/<name>/...}, go help goproxy) to the first
 * proxy upstream, so that a go command whose only network is Holdfast can still verify go.sum lines.
 * Every answer is read within {@link AnswerLimits#SUMDB_BYTES} and the upstream time limits.
 *
 * <p>A complete hash tile never changes once published, so it is kept for good under the store's {@code
 * cache/download/sumdb/<name>/tile/...}, the go command's own layout, but only after it was authenticated
 * against a signed tree of the database ({@link SumdbClient#verifiedTile}): a garbage tile from a broken
 * or hostile upstream is refused (502), never served as immutable. That needs the database's key: for a
 * database the installed go command knows by name, or the one given with {@code --sumdb}. Tiles of other
 * databases, data and partial tiles, {@code latest} and lookups are relayed without being kept; the go
 * command verifies them itself. Thread-safe.
 */
final class SumdbProxy {
    private final Optional<URI> upstream;
    private final UpstreamHttp http;
    private final Path cacheRoot;
    private final Function<String, Optional<SumdbClient>> authorities;
    private final String noSumdb;

    /**
     * Returns a forwarder to {@code upstream} (a proxy base URL; empty when no upstream is an HTTP proxy,
     * and then every database is unsupported) through {@code http}, keeping verified tiles under {@code
     * cacheRoot}, verified by the client {@code authorities} gives for a database name (empty: not kept);
     * lookups of modules matching the GONOSUMDB patterns {@code noSumdb} are refused, never forwarded.
     */
    SumdbProxy(
            Optional<URI> upstream,
            UpstreamHttp http,
            Path cacheRoot,
            Function<String, Optional<SumdbClient>> authorities,
            String noSumdb) {
        this.upstream = upstream;
        this.noSumdb = noSumdb;
        this.http = http;
        this.cacheRoot = cacheRoot;
        this.authorities = authorities;
    }

    /**
     * Answers {@code sumdb/<name>/supported}: 200 when the upstream proxies the database, else 404; without
     * an upstream (or asked for the cache only), 200 when the cache holds files of the database (proofs an
     * import brought), so that the go command asks this server instead of a database it cannot reach.
     */
    Reply supported(String name, boolean cacheOnly) throws IOException {
        if (upstream.isEmpty() || cacheOnly) {
            return cachedDatabase(name)
                    ? Reply.text(200, "")
                    : Reply.text(404, "checksum database " + name + " not proxied");
        }
        try {
            get(name, "supported");
            return Reply.text(200, "");
        } catch (UpstreamHttp.StatusException e) {
            return Reply.text(404, "checksum database " + name + " not proxied by the upstream");
        }
    }

    /** Answers {@code sumdb/<name>/latest|lookup/...|tile/...}. */
    Reply file(ProxyRequest.SumdbFile request, boolean cacheOnly) throws IOException {
        if (isPrivateLookup(request)) {
            return Reply.text(403, "checksum database lookups of private modules are not forwarded (GONOSUMDB)");
        }
        Path cached = cacheRoot.resolve(request.name()).resolve(request.rest()).normalize();
        if (!cached.startsWith(cacheRoot)) {
            throw BadRequestException.malformed("checksum database path outside the cache");
        }
        String type = request.rest().startsWith("tile/") ? Reply.OCTETS : Reply.TEXT;
        boolean offline = upstream.isEmpty() || cacheOnly;
        // A full tile never changes; without an upstream, a lookup answer or partial tile an import brought
        // (signed and proved) is answered too.
        if ((request.isImmutable() || offline) && Files.isRegularFile(cached) && Files.size(cached) > 0) {
            String cacheControl = request.isImmutable() ? ZipReply.IMMUTABLE : "no-cache";
            return Reply.of(200, type, Files.readAllBytes(cached)).withHeader("Cache-Control", cacheControl);
        }
        if (offline) {
            return Reply.text(404, "sumdb/" + request.name() + "/" + request.rest() + ": not cached");
        }
        Optional<Tile> hashTile = hashTile(request);
        Optional<SumdbClient> authority = hashTile.isPresent() ? authorities.apply(request.name()) : Optional.empty();
        try {
            if (authority.isPresent()) {
                byte[] verified = authority.get().verifiedTile(hashTile.get()); // and now in the cache
                return Reply.of(200, type, verified).withHeader("Cache-Control", ZipReply.IMMUTABLE);
            }
            return Reply.of(200, type, get(request.name(), request.rest())).withHeader("Cache-Control", "no-cache");
        } catch (UpstreamHttp.StatusException e) {
            int status = e.status();
            int mapped = status == 404 || status == 410 || status == 400 ? status : 502;
            return Reply.text(mapped, "upstream checksum database answered " + status);
        } catch (UpstreamException e) {
            return Reply.text(502, e.getMessage());
        }
    }

    /** Reports whether the cache holds lookups of database {@code name}. */
    private boolean cachedDatabase(String name) {
        Path dir = cacheRoot.resolve(name).normalize();
        return dir.startsWith(cacheRoot) && !dir.equals(cacheRoot) && Files.isDirectory(dir.resolve("lookup"));
    }

    /** Reports whether {@code request} looks up a module the GONOSUMDB patterns make private. */
    private boolean isPrivateLookup(ProxyRequest.SumdbFile request) {
        if (noSumdb.isEmpty() || !request.rest().startsWith("lookup/")) {
            return false;
        }
        String module = request.rest().substring("lookup/".length());
        int at = module.lastIndexOf('@');
        String escaped = at < 0 ? module : module.substring(0, at);
        String path;
        try {
            path = ModulePath.unescape(escaped);
        } catch (IllegalArgumentException e) {
            path = escaped;
        }
        return PrefixPatterns.match(noSumdb, path);
    }

    /** Returns the complete hash tile {@code request} asks for, or empty for anything else. */
    private static Optional<Tile> hashTile(ProxyRequest.SumdbFile request) {
        if (!request.isImmutable()) {
            return Optional.empty();
        }
        try {
            Tile tile = Tile.parsePath(request.rest());
            return tile.l() >= 0 ? Optional.of(tile) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] get(String name, String rest) throws IOException {
        String base = upstream.orElseThrow().toString().replaceAll("/+$", "");
        return http.get(base + "/sumdb/" + name + "/" + rest, AnswerLimits.SUMDB_BYTES);
    }
}
