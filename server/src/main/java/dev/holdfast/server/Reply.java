package dev.holdfast.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer, independent of the web server that sends it: a status, headers and a body that is
 * bytes in memory, a region of a file, or a stream (the last two sent in large chunks, never read
 * whole).
 *
 * @param status the HTTP status
 * @param headers the response headers, in order
 * @param body the body
 */
record Reply(int status, Map<String, String> headers, Body body) {
    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json";
    static final String OCTETS = "application/octet-stream";

    Reply {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** What a reply sends. */
    sealed interface Body {
        /** Returns the number of bytes the body has. */
        long length();

        /** Releases what the body holds open; called once the reply is sent or dropped. */
        default void release() {}
    }

    /** A body held in memory. */
    record Bytes(byte[] data) implements Body {
        @Override
        public long length() {
            return data.length;
        }
    }

    /**
     * A body held in memory in chunks, each written as it is (a zip kept by {@link HotZips}).
     *
     * @param chunks the bytes, in order; not changed once made
     * @param length the number of bytes in all chunks
     */
    record Chunks(byte[][] chunks, long length) implements Body {}

    /** {@code length} bytes of {@code file} starting at {@code offset}. */
    record FileRegion(Path file, long offset, long length) implements Body {}

    /** The next {@code length} bytes of {@code in}, which {@link #release} closes. */
    record Stream(InputStream in, long length) implements Body {
        @Override
        public void release() {
            try {
                in.close();
            } catch (IOException e) {
                // nothing more to read from it either way
            }
        }
    }

    /** Returns a reply with a body held in memory. */
    static Reply of(int status, String contentType, byte[] data) {
        return new Reply(status, Map.of("Content-Type", contentType), new Bytes(data));
    }

    /** Returns a plain-text reply, a line the go command shows to its user. */
    static Reply text(int status, String message) {
        return of(status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a copy with header {@code name} set to {@code value}. */
    Reply withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, copy, body);
    }

    /** Returns the body as a string, for tests and logs (file bodies are not read). */
    String bodyText() {
        return body instanceof Bytes b ? new String(b.data(), StandardCharsets.UTF_8) : "";
    }
}
