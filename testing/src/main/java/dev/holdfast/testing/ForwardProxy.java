package dev.holdfast.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A forward proxy on loopback, as a company network puts between builds and the internet: a request in
 * absolute form ({@code GET http://host/path}) is passed to the plain-HTTP origin, a {@code CONNECT
 * host:port} is tunnelled to the TLS origin, whatever host it names (so a GOPROXY may name a host that
 * does not resolve and still be reached). When made {@link #withCredentials with credentials}, a request
 * without the matching {@code Proxy-Authorization: Basic} is answered {@code 407}. Each connection carries
 * one request; every request is recorded.
 */
public final class ForwardProxy implements AutoCloseable {
    /** One request as the proxy saw it: its request line and whether its credentials were accepted. */
    public record Request(String line, String proxyAuthorization, boolean admitted) {}

    private final ServerSocket listener;
    private final int plainPort;
    private final int tlsPort;
    private final String authorization;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private ForwardProxy(int plainPort, int tlsPort, String authorization) throws IOException {
        this.plainPort = plainPort;
        this.tlsPort = tlsPort;
        this.authorization = authorization;
        this.listener = Loopback.bind(0, address -> {
            ServerSocket s = new ServerSocket();
            s.bind(address, 64);
            return s;
        });
        Thread.ofVirtual().name("forward-proxy").start(this::accept);
    }

    /** Opens a proxy that passes plain HTTP to 127.0.0.1:{@code plainPort} and tunnels to {@code tlsPort}. */
    public static ForwardProxy open(int plainPort, int tlsPort) throws IOException {
        return new ForwardProxy(plainPort, tlsPort, null);
    }

    /** Opens a proxy as {@link #open} does that admits only requests with {@code user} and {@code password}. */
    public static ForwardProxy withCredentials(int plainPort, int tlsPort, String user, String password)
            throws IOException {
        String pair = user + ":" + password;
        return new ForwardProxy(
                plainPort,
                tlsPort,
                "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** Returns the proxy's port on 127.0.0.1. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Returns the requests seen so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            HttpHead head = HttpHead.read(in);
            if (head == null) {
                return;
            }
            String given = head.headers().stream()
                    .filter(h -> h.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:"))
                    .map(h -> h.substring(h.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse(null);
            boolean admitted = authorization == null || authorization.equals(given);
            requests.add(new Request(head.startLine(), given, admitted));
            if (!admitted) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"lab\"\r\n"
                                + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            String[] line = head.startLine().split(" ");
            if (line.length == 3 && line[0].equals("CONNECT")) {
                tunnel(client, in, out);
            } else if (line.length == 3 && line[1].startsWith("http://")) {
                pass(head, line, out);
            } else {
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            // the client or the origin went away: this connection ends
        } finally {
            open.remove(client);
        }
    }

    /** Asks the plain origin for the path of an absolute-form request and relays its answer. */
    private void pass(HttpHead head, String[] line, OutputStream out) throws IOException {
        URI target = URI.create(line[1]);
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        List<String> headers = new ArrayList<>();
        for (String h : head.headers()) {
            if (!h.toLowerCase(Locale.ROOT).startsWith("proxy-")) {
                headers.add(h);
            }
        }
        HttpHead forwarded = new HttpHead(line[0] + " " + path + " " + line[2], headers).withConnectionClose();
        try (Socket origin = new Socket(Loopback.ADDRESS, plainPort)) {
            origin.getOutputStream().write(forwarded.bytes());
            InputStream answer = origin.getInputStream();
            HttpHead response = HttpHead.read(answer);
            if (response == null) {
                throw new IOException("the origin closed without an answer");
            }
            out.write(response.withConnectionClose().bytes());
            answer.transferTo(out);
        }
    }

    /** Answers a CONNECT and copies bytes both ways between the client and the TLS origin. */
    private void tunnel(Socket client, InputStream in, OutputStream out) throws IOException {
        try (Socket origin = new Socket(Loopback.ADDRESS, tlsPort)) {
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread up = Thread.ofVirtual().start(() -> {
                try {
                    in.transferTo(origin.getOutputStream());
                    origin.shutdownOutput();
                } catch (IOException e) {
                    // either side closed
                }
            });
            origin.getInputStream().transferTo(out);
            client.shutdownOutput();
            try {
                up.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
