package dev.holdfast.zip.archive;

import static dev.holdfast.zip.archive.ZipArchive.DATA_DESCRIPTOR_SIGNATURE;
import static dev.holdfast.zip.archive.ZipArchive.DIRECTORY64_END_LEN;
import static dev.holdfast.zip.archive.ZipArchive.DIRECTORY64_END_SIGNATURE;
import static dev.holdfast.zip.archive.ZipArchive.DIRECTORY64_LOC_SIGNATURE;
import static dev.holdfast.zip.archive.ZipArchive.DIRECTORY_END_SIGNATURE;
import static dev.holdfast.zip.archive.ZipArchive.DIRECTORY_HEADER_SIGNATURE;
import static dev.holdfast.zip.archive.ZipArchive.FILE_HEADER_SIGNATURE;
import static dev.holdfast.zip.archive.ZipArchive.UINT16_MAX;
import static dev.holdfast.zip.archive.ZipArchive.UINT32_MAX;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a zip stream the way Go's {@code zip.Writer.Create} does: every entry Deflate-compressed
 * with a zero modification time, followed by a data descriptor, then the central directory.
 *
 * <p>{@link java.util.zip.ZipOutputStream} cannot write a zero MS-DOS time (it clamps to 1980-01-01),
 * so the few records are written here. Entries stay below 4 GiB because module zips are limited to
 * 500 MiB; a zip64 end record is written only when there are 65535 entries or more, as Go does. Not
 * thread-safe; the caller closes the underlying stream.
 */
public final class ZipArchiveWriter {
    private static final int VERSION_20 = 20;
    private static final int VERSION_45 = 45;
    private static final int FLAG_DATA_DESCRIPTOR = 0x8;
    private static final int FLAG_UTF8 = 0x800;
    private static final int METHOD_DEFLATE = 8;
    private static final int BUFFER = 64 << 10;

    private final CountingStream out;
    private final List<Header> directory = new ArrayList<>();

    private record Header(byte[] name, int flags, int crc, long compressed, long uncompressed, long offset) {}

    /** Creates a writer that appends the archive to {@code out}. */
    public ZipArchiveWriter(OutputStream out) {
        this.out = new CountingStream(out);
    }

    /**
     * Adds an entry whose data is read from {@code in} until it ends, writing at most {@code limit}
     * bytes; returns the number of bytes read, which exceeds {@code limit} when the input was longer.
     */
    public long add(String name, InputStream in, long limit) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        // Go sets the UTF-8 flag only when the name leaves the CP-437/ASCII-compatible range.
        int flags = FLAG_DATA_DESCRIPTOR | (needsUtf8Flag(nameBytes) ? FLAG_UTF8 : 0);
        long offset = out.count;
        ByteBuffer h = record(30);
        h.putInt(FILE_HEADER_SIGNATURE).putShort((short) VERSION_20).putShort((short) flags);
        h.putShort((short) METHOD_DEFLATE).putShort((short) 0).putShort((short) 0);
        h.putInt(0).putInt(0).putInt(0).putShort((short) nameBytes.length).putShort((short) 0);
        out.write(h.array());
        out.write(nameBytes);

        CRC32 crc = new CRC32();
        long start = out.count;
        long read = 0;
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            DeflaterOutputStream deflate = new DeflaterOutputStream(new NonClosing(out), deflater, BUFFER);
            byte[] buf = new byte[BUFFER];
            while (read <= limit) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, limit + 1 - read));
                if (n < 0) {
                    break;
                }
                read += n;
                int keep = (int) Math.min(n, Math.max(0, limit - (read - n)));
                crc.update(buf, 0, keep);
                deflate.write(buf, 0, keep);
            }
            deflate.finish();
        } finally {
            deflater.end();
        }
        long compressed = out.count - start;
        long uncompressed = Math.min(read, limit);
        if (compressed >= UINT32_MAX || uncompressed >= UINT32_MAX || offset >= UINT32_MAX) {
            throw new IOException("zip entry too large: " + name);
        }
        ByteBuffer d = record(16);
        d.putInt(DATA_DESCRIPTOR_SIGNATURE).putInt((int) crc.getValue());
        d.putInt((int) compressed).putInt((int) uncompressed);
        out.write(d.array());
        directory.add(new Header(nameBytes, flags, (int) crc.getValue(), compressed, uncompressed, offset));
        return read;
    }

    /** Writes the central directory and end records; the underlying stream stays open. */
    public void finish() throws IOException {
        long start = out.count;
        for (Header e : directory) {
            ByteBuffer b = record(46);
            b.putInt(DIRECTORY_HEADER_SIGNATURE).putShort((short) VERSION_20).putShort((short) VERSION_20);
            b.putShort((short) e.flags)
                    .putShort((short) METHOD_DEFLATE)
                    .putShort((short) 0)
                    .putShort((short) 0);
            b.putInt(e.crc).putInt((int) e.compressed).putInt((int) e.uncompressed);
            b.putShort((short) e.name.length).putShort((short) 0).putShort((short) 0);
            b.putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) e.offset);
            out.write(b.array());
            out.write(e.name);
        }
        long end = out.count;
        long records = directory.size();
        long size = end - start;
        long offset = start;
        if (records >= UINT16_MAX || size >= UINT32_MAX || offset >= UINT32_MAX) {
            ByteBuffer b = record(DIRECTORY64_END_LEN + 20);
            b.putInt(DIRECTORY64_END_SIGNATURE).putLong(DIRECTORY64_END_LEN - 12);
            b.putShort((short) VERSION_45)
                    .putShort((short) VERSION_45)
                    .putInt(0)
                    .putInt(0);
            b.putLong(records).putLong(records).putLong(size).putLong(offset);
            b.putInt(DIRECTORY64_LOC_SIGNATURE).putInt(0).putLong(end).putInt(1);
            out.write(b.array());
            records = UINT16_MAX;
            size = UINT32_MAX;
            offset = UINT32_MAX;
        }
        ByteBuffer b = record(22);
        b.putInt(DIRECTORY_END_SIGNATURE).putShort((short) 0).putShort((short) 0);
        b.putShort((short) records).putShort((short) records).putInt((int) size).putInt((int) offset);
        b.putShort((short) 0);
        out.write(b.array());
        out.flush();
    }

    private static boolean needsUtf8Flag(byte[] name) {
        for (byte c : name) {
            int u = c & 0xff;
            if (u < 0x20 || u > 0x7d || u == 0x5c) {
                return true;
            }
        }
        return false;
    }

    private static ByteBuffer record(int len) {
        return ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Counts bytes written so offsets can be recorded without seeking. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    /** Lets a DeflaterOutputStream finish without closing the zip stream. */
    private static final class NonClosing extends OutputStream {
        private final OutputStream out;

        NonClosing(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }
    }
}
