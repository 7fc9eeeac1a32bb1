package dev.holdfast.zip.archive;

import static dev.holdfast.zip.archive.ZipArchive.DATA_DESCRIPTOR_LEN;
import static dev.holdfast.zip.archive.ZipArchive.DATA_DESCRIPTOR_SIGNATURE;
import static dev.holdfast.zip.archive.ZipArchive.ERR_ALGORITHM;
import static dev.holdfast.zip.archive.ZipArchive.ERR_CHECKSUM;
import static dev.holdfast.zip.archive.ZipArchive.ERR_FORMAT;
import static dev.holdfast.zip.archive.ZipArchive.ERR_UNEXPECTED_EOF;
import static dev.holdfast.zip.archive.ZipArchive.FILE_HEADER_LEN;
import static dev.holdfast.zip.archive.ZipArchive.FILE_HEADER_SIGNATURE;
import static dev.holdfast.zip.archive.ZipArchive.littleEndian;
import static dev.holdfast.zip.archive.ZipArchive.readAt;

import dev.holdfast.zip.archive.ZipArchive.Entry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * An entry's data, capped and checked like Go's {@code checksumReader}: more bytes than declared
 * fail with {@code zip: not a valid zip file} as soon as they appear, fewer with {@code unexpected
 * EOF}, and a CRC-32 mismatch with {@code zip: checksum error}.
 */
final class ZipEntryStream extends InputStream {
    private static final int STORE = 0;
    private static final int DEFLATE = 8;
    private static final int CHUNK = 64 << 10;

    private final FileChannel channel;
    private final Entry entry;
    private final long dataStart;
    private final CRC32 crc = new CRC32();
    private final Inflater inflater;
    private final byte[] input = new byte[CHUNK];
    private long compressedRead;
    private long nread;
    private boolean eof;

    private ZipEntryStream(FileChannel channel, Entry entry, long dataStart, boolean deflate) {
        this.channel = channel;
        this.entry = entry;
        this.dataStart = dataStart;
        this.inflater = deflate ? new Inflater(true) : null;
    }

    static InputStream open(FileChannel channel, Entry entry) throws IOException {
        long bodyOffset = findBodyOffset(channel, entry);
        if (entry.isDirectory()) {
            // Directories carry no data; Go tolerates compressed bytes but not a declared size.
            return entry.uncompressedSize != 0 ? new FailingStream(ERR_FORMAT) : InputStream.nullInputStream();
        }
        if (entry.method != STORE && entry.method != DEFLATE) {
            throw new ZipException(ERR_ALGORITHM);
        }
        return new ZipEntryStream(channel, entry, entry.headerOffset + bodyOffset, entry.method == DEFLATE);
    }

    private static long findBodyOffset(FileChannel channel, Entry entry) throws IOException {
        byte[] buf = new byte[FILE_HEADER_LEN];
        if (readAt(channel, buf, entry.headerOffset) < buf.length) {
            throw new ZipException("EOF");
        }
        ByteBuffer b = littleEndian(buf);
        if (b.getInt() != FILE_HEADER_SIGNATURE) {
            throw new ZipException(ERR_FORMAT);
        }
        b.position(26);
        int nameLen = Short.toUnsignedInt(b.getShort());
        int extraLen = Short.toUnsignedInt(b.getShort());
        return (long) FILE_HEADER_LEN + nameLen + extraLen;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (eof) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = inflater == null ? readStored(b, off, len) : readDeflated(b, off, len);
        if (n < 0) {
            finish();
            return -1;
        }
        crc.update(b, off, n);
        nread += n;
        if (Long.compareUnsigned(nread, entry.uncompressedSize) > 0) {
            throw new ZipException(ERR_FORMAT);
        }
        return n;
    }

    /** Returns the bytes left in the compressed section, which Go bounds by the declared size. */
    private long sectionLeft() {
        return entry.compressedSize < 0 ? 0 : entry.compressedSize - compressedRead;
    }

    private int readSection(byte[] b, int off, int len) throws IOException {
        int want = (int) Math.min(len, sectionLeft());
        if (want <= 0) {
            return -1;
        }
        ByteBuffer bb = ByteBuffer.wrap(b, off, want);
        int n = channel.read(bb, dataStart + compressedRead);
        if (n <= 0) {
            return -1;
        }
        compressedRead += n;
        return n;
    }

    private int readStored(byte[] b, int off, int len) throws IOException {
        return readSection(b, off, len);
    }

    private int readDeflated(byte[] b, int off, int len) throws IOException {
        try {
            while (true) {
                if (inflater.finished()) {
                    return -1;
                }
                int n = inflater.inflate(b, off, len);
                if (n > 0) {
                    return n;
                }
                if (inflater.finished()) {
                    return -1;
                }
                if (inflater.needsDictionary()) {
                    throw new ZipException("flate: corrupt input");
                }
                if (inflater.needsInput()) {
                    int k = readSection(input, 0, input.length);
                    if (k <= 0) {
                        throw new ZipException(ERR_UNEXPECTED_EOF); // Go's flate: stream cut short
                    }
                    inflater.setInput(input, 0, k);
                }
            }
        } catch (DataFormatException e) {
            throw new ZipException("flate: corrupt input: " + e.getMessage());
        }
    }

    /** Runs Go's end-of-data checks: exact size, then data descriptor and CRC-32. */
    private void finish() throws IOException {
        eof = true;
        if (nread != entry.uncompressedSize) {
            throw new ZipException(ERR_UNEXPECTED_EOF);
        }
        int sum = (int) crc.getValue();
        if ((entry.flags & 0x8) != 0) {
            readDataDescriptor();
            if (sum != entry.crc32) {
                throw new ZipException(ERR_CHECKSUM);
            }
        } else if (entry.crc32 != 0 && sum != entry.crc32) {
            throw new ZipException(ERR_CHECKSUM);
        }
    }

    /** Checks the descriptor's CRC-32 against the central directory's; its sizes are ignored. */
    private void readDataDescriptor() throws IOException {
        byte[] buf = new byte[DATA_DESCRIPTOR_LEN];
        int n = entry.compressedSize < 0 ? 0 : readAt(channel, buf, dataStart + entry.compressedSize);
        ByteBuffer b = littleEndian(buf);
        // The descriptor's signature is optional: without it the record is 12 bytes long.
        boolean signed = n >= 4 && b.getInt(0) == DATA_DESCRIPTOR_SIGNATURE;
        if (n < (signed ? DATA_DESCRIPTOR_LEN : DATA_DESCRIPTOR_LEN - 4)) {
            throw new ZipException(ERR_UNEXPECTED_EOF);
        }
        if (b.getInt(signed ? 4 : 0) != entry.crc32) {
            throw new ZipException(ERR_CHECKSUM);
        }
    }

    @Override
    public void close() {
        if (inflater != null) {
            inflater.end();
        }
    }

    /** A directory entry that declares data: every read fails like Go's {@code dirReader}. */
    private static final class FailingStream extends InputStream {
        private final String message;

        FailingStream(String message) {
            this.message = message;
        }

        @Override
        public int read() throws IOException {
            throw new ZipException(message);
        }
    }
}
