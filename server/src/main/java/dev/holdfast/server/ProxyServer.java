package dev.holdfast.server;

import dev.holdfast.fetch.ProxySource;
import io.helidon.common.mapper.MapperManager;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caching GOPROXY server on the Helidon SE web server: every request runs on its own virtual
 * thread through {@link ProxyHandler}, and file bodies are sent in 64 KiB chunks straight from the
 * store ({@link FileBody}), never read whole. One access-log line per request goes to the {@code dev.holdfast.server.access}
 * logger at INFO. Thread-safe; {@link #close} stops it gracefully.
 */
public final class ProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
    private static final AtomicBoolean MAPPERS_PINNED = new AtomicBoolean();

    /** How long a connection may go without a request before it is closed. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

    private final WebServer server;
    private final ServerConfig config;
    private final Backend backend;
    private final HeaderDeadline headerDeadline;
    private final ProxyHandler handler;

    private ProxyServer(
            WebServer server,
            ServerConfig config,
            Backend backend,
            HeaderDeadline headerDeadline,
            ProxyHandler handler) {
        this.handler = handler;
        this.server = server;
        this.config = config;
        this.backend = backend;
        this.headerDeadline = headerDeadline;
    }

    /**
     * Starts a server for {@code backend} as {@code config} says and returns once it listens.
     *
     * @throws IllegalArgumentException if it cannot listen (the port is taken, the host is not this
     *     machine's or does not resolve)
     */
    public static ProxyServer start(Backend backend, ServerConfig config) {
        ListenCheck.check(config.host(), config.port());
        pinMappers();
        HttpClient client = ProxySource.newClient(ProxySource.Timeouts.DEFAULT);
        ProxyHandler handler = new ProxyHandler(backend, config, client);
        HeaderDeadline headerDeadline = new HeaderDeadline();
        WebServerConfig.Builder builder = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                .shutdownGracePeriod(config.shutdownGrace())
                // A connection that sends no request for 10 s is closed (checked every second; a socket
                // read that waits as long fails too, which covers a connection that never sends its first
                // byte), and one whose request headers take over 5 s after the request line (HeaderDeadline).
                .connectionOptions(o -> o.readTimeout(IDLE_TIMEOUT))
                .idleConnectionTimeout(IDLE_TIMEOUT)
                .idleConnectionPeriod(Duration.ofSeconds(1))
                .protocolsDiscoverServices(false) // HTTP/1.1 as configured here (replacing the default)
                .addProtocol(Http1Config.builder()
                        .name("http_1_1")
                        .addReceiveListener(headerDeadline)
                        .build())
                .addConnectionSelector(new Http10Selector(handler, headerDeadline))
                // Helidon 4.4.0's NIO socket drops the rest of a write the kernel accepted only in
                // part, so a large zip to a client slower than the disk arrives short and the client
                // hangs (helidon-io/helidon#11635). Its blocking socket writes everything, and passes each
                // 64 KiB chunk to the socket at once (less CPU per zip; docs/benchmarks.md, "Serve").
                .useNio(false)
                .directHandlers(ProxyServer::plainTextErrors)
                .routing(r -> r.any((req, res) -> serve(handler, req, res)));
        config.tls().ifPresent(tls -> builder.tls(tls.tls()));
        WebServer server = builder.build().start();
        if (!server.isRunning()) { // the address was taken between the check and the start
            headerDeadline.shutdown();
            handler.close(Duration.ZERO);
            throw ListenCheck.refused(
                    config.host(), config.port(), "the web server did not start (its log above says why)", null);
        }
        return new ProxyServer(server, config, backend, headerDeadline, handler);
    }

    /**
     * Gives Helidon one global mapper manager. Without one, Helidon looks it up in its service
     * registry each time it reads a typed header value (the {@code Content-Length} of every response
     * body), and the registry builds a new one each time: 8 % of the server's CPU when it serves zips
     * from a warm cache.
     */
    private static void pinMappers() {
        if (MAPPERS_PINNED.compareAndSet(false, true)) {
            MapperManager.global(MapperManager.create());
        }
    }

    /** Returns the port the server listens on. */
    public int port() {
        return server.port();
    }

    /** Returns the server's base URL, {@code http://host:port} (or {@code https://}), to use as GOPROXY. */
    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return (config.tls().isPresent() ? "https" : "http") + "://" + host + ":" + port();
    }

    /** Returns where the server keeps modules, as the store describes itself (a directory, a bucket). */
    public String store() {
        return backend.store().describe();
    }

    /**
     * Returns why the server is not ready, as {@code /readyz} says (a bucket that does not answer, a full
     * or unwritable disk), or empty when it is.
     */
    public Optional<String> notReady() {
        return handler.notReady();
    }

    /** Returns the upstream list, as GOPROXY would write it. */
    public String upstreams() {
        return backend.upstreams().describe();
    }

    /**
     * Stops listening (new connections are refused at once) and waits up to the configured grace
     * period for the requests in flight, such as zip downloads, to finish.
     */
    @Override
    public void close() {
        server.stop();
        headerDeadline.shutdown();
        handler.close(config.shutdownGrace());
        try {
            if (!backend.source().awaitCommits(config.shutdownGrace())) {
                LOG.warn("stopped before every fetched file was stored; those will be fetched again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (backend.store() instanceof AutoCloseable store) { // a bucket's HTTP client, after the last commit
            try {
                store.close();
            } catch (Exception e) {
                LOG.warn("could not close the store {}: {}", backend.store().describe(), e.toString());
            }
        }
    }

    private static void serve(ProxyHandler handler, ServerRequest req, ServerResponse res) throws IOException {
        long start = System.nanoTime();
        String method = req.prologue().method().text();
        RequestDispatch.Outcome outcome = RequestDispatch.answer(
                handler,
                method,
                req.path().rawPath(),
                name -> req.headers().all(HeaderNames.create(name), List::of),
                RequestDispatch.asksToClose(req.headers().all(HeaderNames.CONNECTION, List::of)),
                isLoopback(req.remotePeer().address()));
        long sent = send(outcome.reply(), res, method.equals("HEAD"));
        RequestDispatch.log(method, req.path().rawPath(), outcome.reply().status(), sent, start);
        if (outcome.close()) {
            // Helidon answers "Connection: close" but goes on reading the connection; end it here, so a
            // client that asked to close is not left holding a socket, and nothing smuggled after a
            // badly framed request is ever read.
            throw new CloseConnectionException("closed after the response, as asked or for bad framing");
        }
    }

    /** Reports whether {@code address} is a loopback address. */
    static boolean isLoopback(java.net.SocketAddress address) {
        return address instanceof java.net.InetSocketAddress inet
                && inet.getAddress() != null
                && inet.getAddress().isLoopbackAddress();
    }

    /**
     * Gives the requests Helidon rejects before routing (a malformed escape or request line, a URL
     * over its prologue limit) a plain-text reason, as every other 4xx has, instead of an empty body.
     */
    private static void plainTextErrors(DirectHandlers.Builder handlers) {
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            handlers.addHandler(type, (request, event, status, headers, message) -> {
                String reason = message == null || message.isBlank() ? status.reasonPhrase() : message;
                return DirectHandler.TransportResponse.builder()
                        .status(status)
                        .headers(headers)
                        .header(HeaderNames.CONTENT_TYPE, Reply.TEXT)
                        .entity((reason + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .build();
            });
        }
    }

    /** Sends {@code reply}; returns the number of body bytes sent. */
    private static long send(Reply reply, ServerResponse res, boolean head) throws IOException {
        try {
            res.status(reply.status());
            reply.headers().forEach(res::header);
            long length = reply.body().length();
            if (head || length == 0) {
                res.contentLength(length);
                res.send();
                return 0;
            }
            if (reply.body() instanceof Reply.Bytes b) {
                res.send(b.data());
                return length;
            }
            res.contentLength(length);
            try (OutputStream out = res.outputStream()) {
                FileBody.send(reply.body(), out);
            }
            return length;
        } finally {
            reply.body().release(); // sent, or not sent at all
        }
    }
}
