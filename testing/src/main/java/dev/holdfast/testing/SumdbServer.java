package dev.holdfast.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModulePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checksum database on 127.0.0.1 (spec 12.4, as x/mod's {@code sumdb.Server} serves it) with its own
 * Ed25519 key made at start and its own log of the records a test {@linkplain #add adds}: {@code
 * /latest}, {@code /lookup/<path>@<version>}, {@code /tile/8/<L>/<N>[.p/<W>]} and {@code
 * /tile/8/data/...}. The same files are served under {@code /sumdb/<name>/}, with {@code
 * /sumdb/<name>/supported}, and any other request is passed on to the module proxy given to {@link
 * #proxyTo}, so the server can be a GOPROXY that also proxies its database, as the go command asks.
 *
 * <p>{@link #lie} makes it misbehave in the ways a client must catch. Thread-safe.
 */
public final class SumdbServer implements AutoCloseable {
    private static final Pattern LOOKUP =
            Pattern.compile("^[^@]+@v[0-9]+\\.[0-9]+\\.[0-9]+(-[^@]*)?(\\+incompatible)?$");
    private static final Pattern TILE =
            Pattern.compile("^tile/([0-9]+)/([0-9]+|data)/((?:x[0-9]{3}/)*[0-9]{3})(?:\\.p/([0-9]+))?$");

    /** How the server lies. */
    public enum Lie {
        /** It does not. */
        NONE,
        /**
         * It serves another log signed with its key: a made-up first record before the real ones. A
         * client that saw the real log must detect the fork; a fresh one cannot.
         */
        FORKED_TREE,
        /**
         * It serves a log in which every record's first hash is changed, consistently signed: its
         * answers are provable, and wrong (the go command reports a checksum mismatch).
         */
        WRONG_HASH,
        /** Its lookups carry record text with a changed hash, while its tree and tiles are honest. */
        TAMPERED_RECORD,
        /** Its tree notes are signed by another key that claims its name and key hash. */
        BAD_SIGNATURE,
        /** Its hash tiles have one bit flipped. */
        INCONSISTENT_TILES
    }

    private final SumdbLog.Key key;
    private final SumdbLog.Key impostor;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<byte[]> records = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> requests = new ArrayList<>();
    private Lie lie = Lie.NONE;
    private String upstream;

    private SumdbServer(String name) throws IOException {
        this.key = SumdbLog.Key.generate(name);
        this.impostor = key.impostor();
        this.server = Loopback.bind(0, a -> HttpServer.create(a, 0));
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Returns a new database named {@code name} (a {@code host[/path]} such as {@code sum.example.com}), listening. */
    public static SumdbServer open(String name) throws IOException {
        return new SumdbServer(name);
    }

    /** Returns the database name. */
    public String name() {
        return key.name();
    }

    /** Returns the verifier key, {@code name+hhhhhhhh+base64}. */
    public String verifierKey() {
        return key.verifierKey();
    }

    /** Returns the base URL of the database itself, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Returns the GOSUMDB value that names this database and its URL: {@code KEY URL}. */
    public String gosumdb() {
        return verifierKey() + " " + url();
    }

    /** Makes the server pass requests outside {@code /sumdb/<name>/} on to the module proxy at {@code url}. */
    public synchronized SumdbServer proxyTo(String url) {
        this.upstream = url;
        return this;
    }

    /** Sets how the server lies from now on. */
    public synchronized SumdbServer lie(Lie how) {
        this.lie = how;
        return this;
    }

    /**
     * Appends the record of {@code path@version} to the log, with record text {@code text} (go.sum
     * lines ending in a newline).
     */
    public synchronized SumdbServer add(String path, String version, String text) {
        ids.put(path + "@" + version, records.size());
        records.add(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Appends the record of a module version: its go.sum lines for {@code zip} and {@code mod}. */
    public SumdbServer add(String path, String version, byte[] mod, byte[] zip) {
        return add(path, version, goSumLines(path, version, mod, zip));
    }

    /** Returns the two go.sum lines of a module version, as the go command writes them. */
    public static String goSumLines(String path, String version, byte[] mod, byte[] zip) {
        try {
            Path tmp = Files.createTempFile("sumdb", ".zip");
            try {
                Files.write(tmp, zip);
                return path + " " + version + " " + DirHash.hashZip(tmp) + "\n" + path + " " + version + "/go.mod "
                        + DirHash.hashGoMod(mod) + "\n";
            } finally {
                Files.delete(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the number of records in the (honest) log. */
    public synchronized int size() {
        return records.size();
    }

    /** Returns the URL paths requested so far, as received (with any {@code /sumdb/<name>} prefix). */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The log as served now: the honest one, or the one the current lie needs. */
    private synchronized SumdbLog servedLog() {
        List<byte[]> served = new ArrayList<>();
        if (lie == Lie.FORKED_TREE) {
            served.add("example.com/fork v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] r : records) {
            served.add(lie == Lie.WRONG_HASH ? changeHash(r) : r);
        }
        return SumdbLog.of(served);
    }

    /** Changes one character of the first hash in a record, keeping it a well-formed hash. */
    private static byte[] changeHash(byte[] record) {
        String text = new String(record, StandardCharsets.UTF_8);
        int at = text.indexOf(" h1:") + 4;
        char c = text.charAt(at);
        return (text.substring(0, at) + (c == 'A' ? 'B' : 'A') + text.substring(at + 1))
                .getBytes(StandardCharsets.UTF_8);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Lie how;
            String up;
            synchronized (this) {
                requests.add(path);
                how = lie;
                up = upstream;
            }
            String mount = "/sumdb/" + name();
            if (path.startsWith(mount + "/")) {
                path = path.substring(mount.length());
                if (path.equals("/supported")) {
                    send(exchange, 200, "text/plain; charset=UTF-8", new byte[0]);
                    return;
                }
            } else if (up != null
                    && !path.equals("/latest")
                    && !path.startsWith("/lookup/")
                    && !path.startsWith("/tile/")) {
                forward(exchange, up);
                return;
            }
            serve(exchange, path, how);
        }
    }

    private void serve(HttpExchange exchange, String path, Lie how) throws IOException {
        SumdbLog log = servedLog();
        if (path.equals("/latest")) {
            send(exchange, 200, "text/plain; charset=UTF-8", signed(log, how));
        } else if (path.startsWith("/lookup/")) {
            lookup(exchange, path.substring("/lookup/".length()), log, how);
        } else if (path.startsWith("/tile/")) {
            tile(exchange, path.substring(1), log, how);
        } else {
            text(exchange, 404, "404 page not found");
        }
    }

    private byte[] signed(SumdbLog log, Lie how) {
        return (how == Lie.BAD_SIGNATURE ? impostor : key).sign(log.treeText());
    }

    private void lookup(HttpExchange exchange, String mod, SumdbLog log, Lie how) throws IOException {
        if (!LOOKUP.matcher(mod).matches()) {
            text(exchange, 400, "invalid module@version syntax");
            return;
        }
        int at = mod.indexOf('@');
        String key;
        try {
            key = ModulePath.unescape(mod.substring(0, at)) + "@" + ModulePath.unescapeVersion(mod.substring(at + 1));
        } catch (RuntimeException e) {
            text(exchange, 500, e.getMessage());
            return;
        }
        Integer id;
        synchronized (this) {
            id = ids.get(key);
        }
        if (id == null) {
            text(exchange, 404, "not found: " + key);
            return;
        }
        int served = how == Lie.FORKED_TREE ? id + 1 : id;
        byte[] record = log.record(served);
        if (how == Lie.TAMPERED_RECORD) {
            record = changeHash(record);
        }
        String body = served + "\n" + new String(record, StandardCharsets.UTF_8) + "\n";
        byte[] head = body.getBytes(StandardCharsets.UTF_8);
        byte[] note = signed(log, how);
        byte[] all = new byte[head.length + note.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(note, 0, all, head.length, note.length);
        send(exchange, 200, "text/plain; charset=UTF-8", all);
    }

    private void tile(HttpExchange exchange, String path, SumdbLog log, Lie how) throws IOException {
        Matcher m = TILE.matcher(path);
        if (!m.matches()) {
            text(exchange, 400, "invalid tile syntax");
            return;
        }
        int h = Integer.parseInt(m.group(1));
        long n = 0;
        for (String group : m.group(3).split("/")) {
            n = n * 1000 + Integer.parseInt(group.replace("x", ""));
        }
        int full = h >= 1 && h <= 30 ? 1 << h : 0;
        int w = m.group(4) == null ? full : Integer.parseInt(m.group(4));
        if (full == 0
                || w < 1
                || w > full
                || m.group(4) != null && w == full
                || !path.equals(tilePath(h, m.group(2), n, w))) {
            text(exchange, 400, "invalid tile syntax");
            return;
        }
        boolean data = m.group(2).equals("data");
        byte[] body = data ? log.dataTile(h, n, w) : log.hashTile(h, Integer.parseInt(m.group(2)), n, w);
        if (body == null) {
            text(exchange, 404, "tile not found: " + path);
            return;
        }
        if (how == Lie.INCONSISTENT_TILES && !data) {
            body[body.length - 1] ^= 1;
        }
        send(exchange, 200, data ? "text/plain; charset=UTF-8" : "application/octet-stream", body);
    }

    private static String tilePath(int h, String level, long n, int w) {
        StringBuilder digits = new StringBuilder(String.format("%03d", n % 1000));
        for (long k = n / 1000; k > 0; k /= 1000) {
            digits.insert(0, String.format("x%03d/", k % 1000));
        }
        return "tile/" + h + "/" + level + "/" + digits + (w == 1 << h ? "" : ".p/" + w);
    }

    private void forward(HttpExchange exchange, String up) throws IOException {
        try {
            HttpResponse<byte[]> r = client.send(
                    HttpRequest.newBuilder(
                                    URI.create(up + exchange.getRequestURI().getRawPath()))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            send(
                    exchange,
                    r.statusCode(),
                    r.headers().firstValue("Content-Type").orElse("text/plain"),
                    r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            text(exchange, 502, "interrupted");
        } catch (IOException e) {
            text(exchange, 502, "upstream failed: " + e.getMessage());
        }
    }

    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
