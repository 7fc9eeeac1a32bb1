package dev.holdfast.conformance.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * An HTTP/1.1 server on 127.0.0.1 answering each request path as a function says, one request per
 * connection, with the standard reason phrase in the status line (the JDK's server leaves some out, and
 * the go command repeats the server's phrase in its messages).
 */
final class FailingUpstream implements AutoCloseable {
    /** A status and a text/plain body. */
    record Answer(int status, String body) {}

    private final ServerSocket socket;
    private final Function<String, Answer> answers;

    FailingUpstream(Function<String, Answer> answers) throws IOException {
        this.answers = answers;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            String head = readHead(s.getInputStream());
            String path = head.split(" ", 3).length > 1 ? head.split(" ", 3)[1] : "/";
            Answer a = answers.apply(path);
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            String response = "HTTP/1.1 " + a.status() + " " + reason(a.status()) + "\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int c = in.read(); c >= 0; c = in.read()) {
            head.write(c);
            matched = c == "\r\n\r\n".charAt(matched) ? matched + 1 : (c == '\r' ? 1 : 0);
            if (matched == 4) {
                break; // the end of the head: do not wait for bytes the client will not send
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Returns the RFC 9110 / RFC 6585 reason phrase for the statuses the tests use. */
    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 404 -> "Not Found";
            case 410 -> "Gone";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
