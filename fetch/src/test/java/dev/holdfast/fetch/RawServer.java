package dev.holdfast.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A one-socket-at-a-time HTTP server on 127.0.0.1 whose answers are written byte by byte by a script,
 * for what a well-behaved server library will not do: close the connection in the middle of a body.
 */
final class RawServer implements AutoCloseable {
    /** Writes the answer to one request; the connection is closed afterwards. */
    @FunctionalInterface
    interface Script {
        void answer(String requestHead, OutputStream out) throws IOException;
    }

    private final ServerSocket socket;
    private final Thread thread;

    RawServer(Script script) throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().start(() -> serve(script));
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void serve(Script script) {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                String head = readHead(s.getInputStream());
                script.answer(head, s.getOutputStream());
                s.getOutputStream().flush();
            } catch (IOException e) {
                // the client went away or the server is closing
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int c = in.read(); c >= 0; c = in.read()) {
            head.write(c);
            matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
            if (matched == 4) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Writes a status line and headers announcing {@code contentLength} bytes. */
    static void head(OutputStream out, int status, long contentLength, String... headers) throws IOException {
        StringBuilder b = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
        b.append("Content-Length: ").append(contentLength).append("\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        b.append("Connection: close\r\n\r\n");
        out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        socket.close();
        thread.interrupt();
    }
}
