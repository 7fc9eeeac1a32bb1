package dev.holdfast.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Clients for the lab's tests: the JDK's HTTP client, and a raw socket that shows exactly what arrived. */
final class LabHttp {
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private LabHttp() {}

    /** GETs {@code url} with a 5 s timeout and the given header name/value pairs. */
    static HttpResponse<byte[]> get(String url, String... headers) throws IOException, InterruptedException {
        return get(url, Duration.ofSeconds(5), headers);
    }

    /** GETs {@code url} with {@code timeout} and the given header name/value pairs. */
    static HttpResponse<byte[]> get(String url, Duration timeout, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** What a raw GET received: the head's lines, headers by lower-case name, and every body byte. */
    record Raw(String statusLine, Map<String, String> headers, byte[] body) {}

    /** GETs {@code path} over a plain socket to 127.0.0.1:{@code port} and reads until the server closes. */
    static Raw raw(int port, String path) throws IOException {
        try (Socket socket = new Socket(Loopback.ADDRESS, port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return split(all.toByteArray());
        }
    }

    private static Raw split(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        return new Raw(lines[0], headers, Arrays.copyOfRange(bytes, end + 4, bytes.length));
    }
}
