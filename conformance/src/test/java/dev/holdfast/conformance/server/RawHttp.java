package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for tests that need control a client library does not give: when
 * the request is sent, how fast the body is read, and exactly which bytes arrived.
 */
final class RawHttp {
    private RawHttp() {}

    /** Sends {@code GET path} on {@code socket}. */
    static void send(Socket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads a response head (status line and headers, up to the empty line) from {@code in}. */
    static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed in the response head: " + head);
            }
            head.append((char) c);
        }
        return head.toString();
    }

    /** Returns the body that follows {@code head} on {@code in}: its Content-Length bytes (none without one). */
    static InputStream bounded(InputStream in, String head) {
        long length = head.lines()
                .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .map(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).strip()))
                .findFirst()
                .orElse(0L);
        return new BoundedInput(in, length);
    }

    /** Reads a response head from {@code socket}, checks it is a 200, and returns its body as a stream. */
    static InputStream body(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String head = head(in);
        assertThat(head).startsWith("HTTP/1.1 200");
        return bounded(in, head);
    }

    /** Downloads {@code path} from {@code port} on a connection of its own, fully. */
    static byte[] download(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            send(s, path);
            return body(s).readAllBytes();
        }
    }

    /** The body of a response: {@code length} bytes of the connection, then end of stream. */
    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInput(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int c = in.read();
            left -= c < 0 ? 0 : 1;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            left -= Math.max(n, 0);
            return n;
        }
    }
}
