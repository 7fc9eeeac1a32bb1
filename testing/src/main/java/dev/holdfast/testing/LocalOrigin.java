package dev.holdfast.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.PseudoVersion;
import dev.holdfast.semver.Semver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A GOPROXY-protocol origin on 127.0.0.1 that serves the module versions a test {@linkplain #add adds}
 * (spec section 8.1): {@code /<escaped path>/@v/list}, {@code @v/<escaped version>.info}, {@code .mod},
 * {@code .zip} and {@code /<escaped path>/@latest}. Anything else is a 404 whose {@code text/plain} body
 * says what was not found.
 *
 * <p>Every answer carries a strong {@code ETag} and honours a single {@code Range} (206 with {@code
 * Content-Range}, 416 past the end) guarded by {@code If-Range}, so resumable downloads can be tested.
 * Requests are logged and counted by URL path, so a test can assert that a file was fetched once, or that
 * a private module was never asked for. {@link #stop()} and {@link #start()} take the origin down and up
 * again on the same port; {@link #writeTo} writes the same tree for a {@code file://} GOPROXY.
 *
 * <p>Thread-safe. Only GET is served; other methods get 405.
 */
public final class LocalOrigin implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Served> files = new ConcurrentHashMap<>();
    private final Map<String, Map<String, byte[]>> infos = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService executor;
    private int port;

    private LocalOrigin() {}

    /** Returns a new origin, already listening on an ephemeral port of 127.0.0.1. */
    public static LocalOrigin open() throws IOException {
        LocalOrigin origin = new LocalOrigin();
        origin.start();
        return origin;
    }

    /**
     * One request as the origin saw it: the URL path, percent-decoded but still in the proxy protocol's
     * {@code !}-escaped form ({@code /example.com/!foo/@v/list} whether the client sent {@code !} or
     * {@code %21}), and lower-case header names.
     */
    public record Request(String method, String path, Map<String, String> headers) {
        /** Copies the headers. */
        public Request {
            headers = Map.copyOf(headers);
        }
    }

    /** One file of the tree with its entity tag. */
    private record Served(byte[] body, String etag) {}

    /**
     * Starts listening again on the port the origin had (does nothing if it is running), as an upstream
     * that was killed comes back.
     */
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        HttpServer s = Loopback.bind(port, a -> HttpServer.create(a, 0));
        executor = Executors.newVirtualThreadPerTaskExecutor();
        s.setExecutor(executor);
        s.createContext("/", this::handle);
        s.start();
        port = s.getAddress().getPort();
        server = s;
    }

    /** Stops listening and drops open connections; clients now get "connection refused". */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
    }

    /** Stops the origin for good; same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Returns the port, which stays the same across {@link #stop()} and {@link #start()}. */
    public synchronized int port() {
        return port;
    }

    /** Returns the socket address, for a {@link FaultRelay} in front of this origin. */
    public InetSocketAddress address() {
        return new InetSocketAddress(Loopback.ADDRESS, port());
    }

    /** Returns the base URL to use as a GOPROXY entry, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Adds (or replaces) version {@code version} of module {@code path}: its {@code .info} (with {@code
     * time}), {@code .mod} and {@code .zip}, and updates the module's {@code list} and {@code @latest}.
     * The bytes are served as given: the origin checks none of them, so tests may serve broken modules.
     *
     * <p>{@code list} omits pseudo-versions, as real proxies do; {@code @latest} is the highest release,
     * else the highest pre-release, else the highest pseudo-version.
     *
     * @throws dev.holdfast.module.InvalidPathException if {@code path} is not a valid module path
     * @throws IllegalArgumentException if {@code version} is not a canonical semantic version
     * @return this origin
     */
    public LocalOrigin add(String path, String version, Instant time, byte[] mod, byte[] zip) {
        if (!Semver.isValid(version) || !Semver.canonical(version).equals(version)) {
            throw new IllegalArgumentException("not a canonical semantic version: " + version);
        }
        String base = "/" + ModulePath.escape(path);
        String file = base + "/@v/" + ModulePath.escapeVersion(version);
        byte[] info = infoJson(version, time);
        synchronized (infos) {
            put(file + ".info", info);
            put(file + ".mod", mod.clone());
            put(file + ".zip", zip.clone());
            Map<String, byte[]> known = infos.computeIfAbsent(path, p -> new TreeMap<>(Semver.ORDER));
            known.put(version, info);
            put(base + "/@v/list", list(known));
            put(base + "/@latest", known.get(latest(known)));
        }
        return this;
    }

    /**
     * Answers requests for exactly URL path {@code urlPath} with {@code status} (and a text body) from now
     * on, as a proxy that refuses some paths does (403 for a module it may not serve).
     */
    public void refuse(String urlPath, int status) {
        refused.put(urlPath, status);
    }

    /**
     * Returns how many requests had exactly this URL path (percent-decoded, {@code !}-escaped), for example
     * {@code /example.com/m/@v/list}.
     */
    public int requestCount(String urlPath) {
        synchronized (requests) {
            return (int) requests.stream().filter(r -> r.path().equals(urlPath)).count();
        }
    }

    /** Returns every request received so far, oldest first. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /**
     * Writes the served tree under {@code dir} ({@code dir/<escaped path>/@v/<escaped version>.zip} and so
     * on, {@code @latest} included), so that {@code file://<dir>} is the same proxy as {@link #url()}.
     */
    public void writeTo(Path dir) throws IOException {
        for (Map.Entry<String, Served> e : Map.copyOf(files).entrySet()) {
            Path target = dir.resolve(e.getKey().substring(1));
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue().body());
        }
    }

    private void put(String urlPath, byte[] body) {
        files.put(urlPath, new Served(body, etag(body)));
    }

    private static byte[] infoJson(String version, Instant time) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("Version", version);
        info.put("Time", DateTimeFormatter.ISO_INSTANT.format(time));
        try {
            return JSON.writeValueAsBytes(info);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] list(Map<String, byte[]> known) {
        StringBuilder b = new StringBuilder();
        for (String v : known.keySet()) {
            if (!PseudoVersion.isPseudoVersion(v)) {
                b.append(v).append('\n');
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String latest(Map<String, byte[]> known) {
        return PseudoVersion.latestOf(known.keySet()).orElse(null);
    }

    private static String etag(byte[] body) {
        try {
            byte[] sum = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(sum, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // The go command percent-encodes the '!' of case-escaped paths (net/url escapes every byte
            // outside its unreserved set), so /example.com/%21foo/@v/list must find /example.com/!foo.
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
            synchronized (requests) {
                requests.add(new Request(exchange.getRequestMethod(), path, headers));
            }
            Served file = files.get(path);
            Integer status = refused.get(path);
            if (status != null) {
                sendText(exchange, status, "refused by the test: " + path);
            } else if (!exchange.getRequestMethod().equals("GET")) {
                sendText(exchange, 405, "method not allowed: " + exchange.getRequestMethod());
            } else if (file == null) {
                sendText(exchange, 404, "not found: " + path);
            } else {
                sendFile(exchange, path, file, headers);
            }
        }
    }

    private static void sendFile(HttpExchange exchange, String path, Served file, Map<String, String> headers)
            throws IOException {
        var out = exchange.getResponseHeaders();
        out.set("Content-Type", contentType(path));
        out.set("ETag", file.etag());
        out.set("Accept-Ranges", "bytes");
        long length = file.body().length;
        var range = ByteRange.select(headers.get("range"), headers.get("if-range"), file.etag(), length);
        if (range.isEmpty()) {
            send(exchange, 200, file.body(), 0, file.body().length);
        } else if (!range.get().satisfiable()) {
            out.set("Content-Range", "bytes */" + length);
            send(exchange, 416, file.body(), 0, 0);
        } else {
            ByteRange r = range.get();
            out.set("Content-Range", "bytes " + r.start() + "-" + r.end() + "/" + length);
            send(exchange, 206, file.body(), (int) r.start(), (int) r.length());
        }
    }

    private static String contentType(String path) {
        if (path.endsWith(".zip")) {
            return "application/zip";
        }
        return path.endsWith(".info") || path.endsWith("/@latest") ? "application/json" : "text/plain; charset=utf-8";
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        send(exchange, status, body, 0, body.length);
    }

    private static void send(HttpExchange exchange, int status, byte[] body, int offset, int length)
            throws IOException {
        // The JDK server reads a length of 0 as "chunked"; -1 is how it says "no body".
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length > 0) {
            exchange.getResponseBody().write(body, offset, length);
        }
    }
}
