package dev.holdfast.server;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.0 request, read, answered by the same {@link ProxyHandler} as HTTP/1.1, and the connection
 * closed (HTTP/1.0 has no persistent connections here). Helidon 4.4 answers HTTP/1.0 with 505, and
 * HTTP/1.0 is what nginx's {@code proxy_pass} and some load-balancer health checks still speak by
 * default; this connection is that gap filled at our edge. The head must arrive within {@link
 * HeaderDeadline#LIMIT} and fit in {@value #MAX_HEAD_BYTES} bytes; a body is refused (GET and HEAD only).
 */
final class Http10Connection implements ServerConnection {
    /** The most bytes the request line and headers may take together. */
    static final int MAX_HEAD_BYTES = 16 << 10;

    private final ConnectionContext ctx;
    private final ProxyHandler handler;
    private final HeaderDeadline deadline;
    private final Instant opened = Instant.now();
    private volatile Thread thread;

    Http10Connection(ConnectionContext ctx, ProxyHandler handler, HeaderDeadline deadline) {
        this.ctx = ctx;
        this.handler = handler;
        this.deadline = deadline;
    }

    @Override
    public void handle(Limit limit) {
        thread = Thread.currentThread();
        long start = System.nanoTime();
        Head head;
        deadline.prologue(ctx, null); // the head must be complete within the limit, as for HTTP/1.1
        try {
            head = readHead(ctx.dataReader());
            deadline.headers(ctx, null);
        } catch (RuntimeException e) {
            deadline.headers(ctx, null);
            write(Reply.text(400, "bad request: " + e.getMessage()), false);
            return;
        }
        RequestDispatch.Outcome outcome = RequestDispatch.answer(
                handler,
                head.method(),
                head.target(),
                head::all,
                true,
                ProxyServer.isLoopback(ctx.remotePeer().address()));
        long sent = write(outcome.reply(), head.method().equals("HEAD"));
        RequestDispatch.log(head.method(), head.target(), outcome.reply().status(), sent, start);
    }

    @Override
    public Duration idleTime() {
        return Duration.between(opened, Instant.now());
    }

    @Override
    public void close(boolean interrupt) {
        Thread t = thread;
        if (interrupt && t != null) {
            t.interrupt();
        }
    }

    /** The request line's method and target and the header lines, parsed no further. */
    private record Head(String method, String target, List<String[]> headers) {
        List<String> all(String name) {
            List<String> values = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    values.add(h[1]);
                }
            }
            return values;
        }
    }

    private static Head readHead(DataReader reader) {
        int[] budget = {MAX_HEAD_BYTES};
        String[] request = line(reader, budget).split(" ", -1);
        if (request.length != 3 || !request[2].equals("HTTP/1.0")) {
            throw new IllegalArgumentException("malformed HTTP/1.0 request line");
        }
        List<String[]> headers = new ArrayList<>();
        for (String line = line(reader, budget); !line.isEmpty(); line = line(reader, budget)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.substring(0, colon).strip().length() != colon) {
                throw new IllegalArgumentException("malformed header line");
            }
            headers.add(new String[] {
                line.substring(0, colon), line.substring(colon + 1).strip()
            });
        }
        return new Head(request[0], request[1], headers);
    }

    private static String line(DataReader reader, int[] budget) {
        int eol = reader.findNewLine(budget[0]);
        if (eol >= budget[0]) {
            throw new IllegalArgumentException("request head longer than " + MAX_HEAD_BYTES + " bytes");
        }
        String line = new String(reader.readBytes(eol), StandardCharsets.ISO_8859_1);
        reader.skip(2);
        budget[0] -= eol + 2;
        return line;
    }

    /** Writes {@code reply} as an HTTP/1.0 response; returns the body bytes sent. */
    private long write(Reply reply, boolean head) {
        StringBuilder b = new StringBuilder("HTTP/1.0 ")
                .append(reply.status())
                .append(' ')
                .append(reason(reply.status()))
                .append("\r\n");
        for (Map.Entry<String, String> h : reply.headers().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Connection")) {
                b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
        }
        long length = reply.body().length();
        b.append("Content-Length: ").append(length).append("\r\nConnection: close\r\n\r\n");
        DataWriter writer = ctx.dataWriter();
        try {
            writer.writeNow(BufferData.create(b.toString().getBytes(StandardCharsets.ISO_8859_1)));
            if (head || length == 0) {
                return 0;
            }
            FileBody.send(reply.body(), new WriterStream(writer));
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // the client went away, or its deadline closed the socket: the connection ends either way
        } finally {
            reply.body().release(); // sent, or not sent at all
        }
        return length;
    }

    private static String reason(int status) {
        return io.helidon.http.Status.create(status).reasonPhrase();
    }

    /** The writer as an output stream, for file bodies. */
    private static final class WriterStream extends OutputStream {
        private final DataWriter writer;

        WriterStream(DataWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            writer.writeNow(BufferData.create(new byte[] {(byte) b}));
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writer.writeNow(BufferData.create(b.clone(), off, len));
        }
    }
}
