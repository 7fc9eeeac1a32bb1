package dev.holdfast.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Sends a reply's body, above all a {@link Reply.FileRegion} or {@link Reply.Chunks}, to a response stream in chunks through buffers that are reused
 * across requests: a warm cache under load serves thousands of zips a second, and a new buffer for
 * each would be allocated, zeroed and collected again every time. At most {@value #POOLED} idle
 * buffers are kept; requests beyond that borrow a new one, which the pool keeps or drops on return.
 * Thread-safe.
 */
final class FileBody {
    /**
     * The chunk size: large enough for few system calls and large TCP segments, small enough that a
     * chunk is still in the CPU cache when it is copied on to the socket (64 KiB took less CPU per zip
     * served than 32 or 256 KiB).
     */
    static final int CHUNK = 64 << 10;

    /** How many idle buffers are kept (at most 4 MiB of heap). */
    static final int POOLED = 64;

    private static final BlockingQueue<byte[]> IDLE = new ArrayBlockingQueue<>(POOLED);

    private FileBody() {}

    /** Writes the bytes of {@code body} to {@code out}, then releases it. */
    static void send(Reply.Body body, OutputStream out) throws IOException {
        try {
            switch (body) {
                case Reply.Bytes bytes -> out.write(bytes.data());
                case Reply.Chunks chunks -> {
                    for (byte[] chunk : chunks.chunks()) {
                        out.write(chunk); // each from offset 0: see send(FileRegion, ...)
                    }
                }
                case Reply.FileRegion region -> send(region, out);
                case Reply.Stream stream -> send(stream, out);
            }
        } finally {
            body.release();
        }
    }

    private static void send(Reply.Stream stream, OutputStream out) throws IOException {
        byte[] buffer = borrow();
        try {
            long left = stream.length();
            while (left > 0) {
                int n = stream.in().read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("stored content shorter than " + stream.length() + " bytes");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        } finally {
            IDLE.offer(buffer);
        }
    }

    private static void send(Reply.FileRegion region, OutputStream out) throws IOException {
        byte[] buffer = borrow();
        try (FileChannel channel = FileChannel.open(region.file(), StandardOpenOption.READ)) {
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            long position = region.offset();
            long end = region.offset() + region.length();
            while (position < end) {
                wrapped.clear().limit((int) Math.min(buffer.length, end - position));
                int n = channel.read(wrapped, position);
                if (n < 0) {
                    throw new IOException(region.file() + ": shorter than " + end + " bytes");
                }
                // Always from 0: Helidon 4.4.0 mishandles a write from an offset into the array (its
                // FixedBufferData.writeTo failed with "Range [512, 512 + 65536) out of bounds for length 65536").
                out.write(buffer, 0, n);
                position += n;
            }
        } finally {
            IDLE.offer(buffer); // dropped when the pool is full
        }
    }

    private static byte[] borrow() {
        byte[] buffer = IDLE.poll();
        return buffer != null ? buffer : new byte[CHUNK];
    }
}
