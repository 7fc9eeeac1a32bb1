package dev.holdfast.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 upstream on 127.0.0.1 that misbehaves on purpose (issue 12): for each URL path a test
 * chooses what comes back, from an honest answer to an endless body, a body trickled a byte at a time, or
 * bytes no proxy should ever pass on. Paths nobody configured get a 404. Every request is recorded with its
 * headers (so a test can see whether a password or a private module path reached it), and the bytes sent
 * are counted. One connection per request. Thread-safe.
 */
public final class HostileUpstream implements AutoCloseable {
    /** What the upstream does for one path. */
    public sealed interface Behaviour {}

    /** A normal answer. */
    public record Answer(int status, String contentType, byte[] body) implements Behaviour {}

    /** A 200 whose chunked body never ends: the same block, again and again, until the client leaves. */
    public record Endless(byte[] block) implements Behaviour {}

    /** A 200 that announces {@code body.length} bytes and sends them one at a time, {@code gap} apart. */
    public record Trickle(byte[] body, Duration gap) implements Behaviour {}

    /** One request as the upstream saw it: the path and the header lines. */
    public record Request(String path, List<String> headers) {}

    private final ServerSocket listener;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> prefixes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong bytesSent = new AtomicLong();

    private HostileUpstream(ServerSocket listener) {
        this.listener = listener;
        Thread.ofVirtual().name("hostile-accept").start(this::accept);
    }

    /** Returns a new upstream listening on an ephemeral port of 127.0.0.1. */
    public static HostileUpstream open() throws IOException {
        return new HostileUpstream(Loopback.bind(0, address -> {
            ServerSocket s = new ServerSocket();
            s.bind(address, 128);
            return s;
        }));
    }

    /** Makes requests for {@code path} (the raw URL path) behave as {@code behaviour}; returns this. */
    public HostileUpstream on(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
        return this;
    }

    /** Makes requests for paths starting with {@code prefix} behave as {@code behaviour}, unless set exactly. */
    public HostileUpstream onPrefix(String prefix, Behaviour behaviour) {
        prefixes.put(prefix, behaviour);
        return this;
    }

    /** Returns {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** Returns every request so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Returns how many body bytes the upstream has sent. */
    public long bytesSent() {
        return bytesSent.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void accept() {
        while (true) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return;
            }
            Thread.ofVirtual().name("hostile-connection").start(() -> serve(s));
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            HttpHead head = HttpHead.read(in);
            if (head == null) {
                return;
            }
            String path = head.startLine().split(" ")[1];
            requests.add(new Request(path, head.headers()));
            OutputStream out = socket.getOutputStream();
            switch (behaviour(path)) {
                case Answer a -> {
                    out.write(head(a.status(), a.contentType(), "Content-Length: " + a.body().length));
                    out.write(a.body());
                    bytesSent.addAndGet(a.body().length);
                }
                case Endless e -> {
                    out.write(head(200, "text/plain; charset=utf-8", "Transfer-Encoding: chunked"));
                    byte[] size = bytes(Integer.toHexString(e.block().length) + "\r\n");
                    while (true) {
                        out.write(size);
                        out.write(e.block());
                        out.write('\r');
                        out.write('\n');
                        bytesSent.addAndGet(e.block().length);
                    }
                }
                case Trickle t -> {
                    out.write(head(200, "text/plain; charset=utf-8", "Content-Length: " + t.body().length));
                    for (byte b : t.body()) {
                        out.flush();
                        Thread.sleep(t.gap());
                        out.write(b);
                        bytesSent.incrementAndGet();
                    }
                }
            }
            out.flush();
        } catch (IOException e) {
            // the client went away: the usual end of an endless answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Behaviour behaviour(String path) {
        Behaviour exact = behaviours.get(path);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Behaviour> p : prefixes.entrySet()) {
            if (path.startsWith(p.getKey())) {
                return p.getValue();
            }
        }
        return new Answer(404, "text/plain; charset=utf-8", bytes("not found\n"));
    }

    private static byte[] head(int status, String contentType, String framing) {
        return bytes("HTTP/1.1 " + status + " Whatever\r\nContent-Type: " + contentType + "\r\n" + framing
                + "\r\nConnection: close\r\n\r\n");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
