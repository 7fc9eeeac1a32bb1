package dev.holdfast.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The head of an HTTP/1.1 message (start line and header lines, RFC 9112), as much of HTTP as the fault
 * relay needs to find where a response body starts and to make every exchange use its own connection.
 *
 * @param startLine the request line or status line
 * @param headers the header lines, unparsed, in order
 */
record HttpHead(String startLine, List<String> headers) {
    private static final int MAX_BYTES = 64 << 10;

    HttpHead {
        headers = List.copyOf(headers);
    }

    /**
     * Reads a head up to and including its empty line, or returns null if the stream ends before its first
     * byte (the client closed an idle connection).
     *
     * @throws IOException if the stream ends inside the head or the head exceeds 64 KiB
     */
    static HttpHead read(InputStream in) throws IOException {
        int[] budget = {MAX_BYTES};
        String start = readLine(in, budget);
        if (start == null) {
            return null;
        }
        List<String> headers = new ArrayList<>();
        for (String line; !(line = readLine(in, budget)).isEmpty(); ) {
            headers.add(line);
        }
        return new HttpHead(start, headers);
    }

    private static String readLine(InputStream in, int[] budget) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                if (line.size() == 0 && budget[0] == MAX_BYTES) {
                    return null;
                }
                throw new EOFException("connection closed inside an HTTP head");
            }
            if (--budget[0] < 0) {
                throw new IOException("HTTP head longer than " + MAX_BYTES + " bytes");
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Returns this head with {@code Connection: close} instead of its own hop-by-hop headers ({@code
     * Connection}, the headers it names, {@code Keep-Alive}, {@code Proxy-Connection}).
     */
    HttpHead withConnectionClose() {
        Set<String> hop = new HashSet<>(Set.of("connection", "keep-alive", "proxy-connection"));
        for (String value : values("connection")) {
            for (String token : value.split(",")) {
                hop.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        List<String> kept = new ArrayList<>();
        for (String line : headers) {
            if (!hop.contains(name(line))) {
                kept.add(line);
            }
        }
        kept.add("Connection: close");
        return new HttpHead(startLine, kept);
    }

    /** Returns the status code of a response head, or -1 if the status line is malformed. */
    int status() {
        String[] parts = startLine.split(" ", 3);
        try {
            return parts.length >= 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Returns the body length a {@code Content-Length} announces, or -1 if there is none or it is chunked. */
    long contentLength() {
        if (!values("transfer-encoding").isEmpty()) {
            return -1;
        }
        List<String> lengths = values("content-length");
        try {
            return lengths.size() == 1 ? Long.parseLong(lengths.getFirst()) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Returns the head as it goes on the wire, ending with the empty line. */
    byte[] bytes() {
        StringBuilder b = new StringBuilder(startLine).append("\r\n");
        headers.forEach(h -> b.append(h).append("\r\n"));
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (String line : headers) {
            if (name(line).equals(name)) {
                values.add(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return values;
    }

    private static String name(String line) {
        int colon = line.indexOf(':');
        return (colon < 0 ? line : line.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
    }
}
