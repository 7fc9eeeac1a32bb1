package dev.holdfast.fetch;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 for the fetch module's unit tests, answering each raw URL path with the
 * handler registered for it (404 with a text body otherwise) and recording every request.
 */
final class TestServer implements AutoCloseable {
    /** A request as the server saw it. */
    record Seen(String path, Headers headers) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Returns {@code http://127.0.0.1:PORT} followed by {@code path}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    TestServer on(String path, HttpHandler handler) {
        handlers.put(path, handler);
        return this;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** Returns the requests for {@code path}. */
    List<Seen> seen(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            seen.add(new Seen(path, exchange.getRequestHeaders()));
            HttpHandler handler = handlers.get(path);
            if (handler == null) {
                send(exchange, 404, "text/plain; charset=utf-8", ("not found: " + path + "\n").getBytes());
            } else {
                handler.handle(exchange);
            }
        }
    }

    /** Returns a handler answering {@code status} with a body of type {@code contentType}. */
    static HttpHandler answer(int status, String contentType, String body) {
        return exchange -> send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a handler answering 200 with {@code body} as text. */
    static HttpHandler ok(String body) {
        return answer(200, "text/plain; charset=utf-8", body);
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
