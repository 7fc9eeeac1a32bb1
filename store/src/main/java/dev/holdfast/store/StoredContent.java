package dev.holdfast.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Content a {@link Store} holds, ready to be sent: its size, when it was stored, and either the file on
 * this machine's disk (sent in chunks and byte ranges without reading it whole) or a stream. The
 * holder closes it; closing a file closes nothing.
 */
public sealed interface StoredContent extends Closeable {
    /** Returns the size in bytes. */
    long size();

    /** Returns when the content was stored, or {@link Instant#EPOCH} when the store does not know. */
    Instant stored();

    /**
     * Returns the {@code h1:} hash of a module zip when the store kept it beside the zip, else {@code
     * ""}; a strong entity tag for it.
     */
    String h1();

    /** Returns all the bytes; for small content ({@code .info}, {@code .mod}, lists). */
    byte[] readAll() throws IOException;

    /**
     * A stored file on this machine's disk.
     *
     * @param file the file; it is never changed in place (a store replaces files by renaming)
     * @param size its size in bytes
     * @param stored when it was stored
     * @param h1 the hash of a zip, or {@code ""}
     */
    record OnDisk(Path file, long size, Instant stored, String h1) implements StoredContent {
        @Override
        public byte[] readAll() throws IOException {
            return Files.readAllBytes(file);
        }

        @Override
        public void close() {}
    }

    /**
     * A stream of stored content.
     *
     * @param in the bytes; closed by {@link #close}
     * @param size how many bytes {@code in} gives
     * @param stored when it was stored
     * @param h1 the hash of a zip, or {@code ""}
     */
    record Streamed(InputStream in, long size, Instant stored, String h1) implements StoredContent {
        @Override
        public byte[] readAll() throws IOException {
            return in.readAllBytes();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
