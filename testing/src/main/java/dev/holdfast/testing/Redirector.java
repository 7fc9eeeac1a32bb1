package dev.holdfast.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A web server on 127.0.0.1 that answers every GET with a redirect, as a proxy in front of storage or a
 * moved host does: a request for {@code /P} is sent through {@code hops} redirects in all, the last to
 * {@code target + /P}. The hops before the last are relative ({@code /_hop/N/P}, so clients resolve a
 * Location against the URL they asked); the status codes go round 301, 302, 303, 307 and 308. Each
 * request's path and {@code Authorization} header are recorded. Over TLS when given a server context.
 * Thread-safe.
 */
public final class Redirector implements AutoCloseable {
    private static final int[] STATUSES = {302, 301, 303, 307, 308};
    private static final String HOP = "/_hop/";

    /** One request as the redirector saw it. */
    public record Request(String path, String authorization) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final int hops;
    private final String target;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private Redirector(int hops, String target, SSLContext tls) throws IOException {
        if (hops < 1) {
            throw new IllegalArgumentException("hops must be at least 1: " + hops);
        }
        this.hops = hops;
        this.target = target;
        this.server = Loopback.bind(0, address -> create(address, tls));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private static HttpServer create(InetSocketAddress address, SSLContext tls) throws IOException {
        if (tls == null) {
            return HttpServer.create(address, 0);
        }
        HttpsServer https = HttpsServer.create(address, 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        return https;
    }

    /** Starts a plain-HTTP redirector that sends each request through {@code hops} redirects to {@code target}. */
    public static Redirector open(int hops, String target) throws IOException {
        return new Redirector(hops, target, null);
    }

    /** Starts a redirector as {@link #open} does, over TLS with the certificate {@code certs} makes. */
    public static Redirector openTls(int hops, String target, TestCerts certs) throws Exception {
        return new Redirector(hops, target, certs.serverContext());
    }

    /** Returns the base URL, {@code http://127.0.0.1:PORT} (or {@code https://}). */
    public String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port();
    }

    /** Returns the port on 127.0.0.1. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Returns the requests seen so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String raw = exchange.getRequestURI().getRawPath();
            requests.add(new Request(raw, exchange.getRequestHeaders().getFirst("Authorization")));
            int left = hops; // redirects still to make, this one included
            String rest = raw;
            if (raw.startsWith(HOP)) {
                int slash = raw.indexOf('/', HOP.length());
                left = Integer.parseInt(raw.substring(HOP.length(), slash));
                rest = raw.substring(slash);
            }
            String location = left <= 1 ? target + rest : HOP + (left - 1) + rest;
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(STATUSES[(hops - left) % STATUSES.length], -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
