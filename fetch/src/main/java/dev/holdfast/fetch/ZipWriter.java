package dev.holdfast.fetch;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Writes a downloading zip into its {@link ZipTarget} through a 64 KiB buffer, appending to a resumed
 * download or starting the file over, and refuses to let the file grow past its size limit. Closing
 * writes out what is buffered, so the bytes of a failed transfer are kept for a resume. A file that
 * cannot be written (a full disk) fails with {@link LocalFailureException}: Holdfast's failure, not the
 * upstream's.
 */
final class ZipWriter implements Closeable {
    /** Bytes buffered between writes to the file. */
    static final int BUFFER_BYTES = 64 << 10;

    private final java.nio.file.Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private final long limit;
    private long total;
    private long received;
    private boolean closed;

    /**
     * Returns a writer appending to {@code target} when {@code append}, else emptying it first, that
     * fails once the file would hold more than {@code limit} bytes.
     */
    ZipWriter(ZipTarget target, boolean append, long limit) throws IOException {
        this.limit = limit;
        this.file = target.file();
        try {
            this.total = append ? target.length() : 0;
            this.channel = append
                    ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    : FileChannel.open(
                            file,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw local(e);
        }
    }

    private LocalFailureException local(IOException e) {
        return new LocalFailureException("cannot write the download to " + file + ": " + Failures.describe(e), e);
    }

    /** Writes the remaining bytes of {@code b}. */
    void write(ByteBuffer b) throws IOException {
        if (total + b.remaining() > limit) {
            throw new ProxyTransport.ZipTooLargeException();
        }
        total += b.remaining();
        received += b.remaining();
        while (b.hasRemaining()) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(buffer.remaining(), b.remaining());
            buffer.put(buffer.position(), b, b.position(), n);
            buffer.position(buffer.position() + n);
            b.position(b.position() + n);
        }
    }

    /** Writes {@code length} bytes of {@code bytes} from {@code offset}. */
    void write(byte[] bytes, int offset, int length) throws IOException {
        write(ByteBuffer.wrap(bytes, offset, length));
    }

    /** Returns how many bytes this writer was given. */
    long received() {
        return received;
    }

    private void flush() throws IOException {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw local(e);
        }
        buffer.clear();
    }

    /** Writes out the buffer and closes the file; does nothing the second time. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            flush();
        } catch (LocalFailureException e) {
            throw e;
        } catch (IOException e) {
            throw local(e);
        }
    }
}
