package dev.holdfast.zip.archive;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Reads a zip file's central directory and entry data exactly as Go's {@code archive/zip} reader
 * does.
 *
 * <p>{@link java.util.zip.ZipFile} is not used because it differs from Go where module zips are
 * concerned: it refuses entry names that are not valid UTF-8 (Go keeps the raw bytes), and it neither
 * verifies CRC-32 nor stops when an entry inflates to more than its declared size (Go fails with
 * {@code zip: not a valid zip file}). This reader keeps every record in
 * central-directory order with its raw name, and {@link #open(Entry)} enforces the declared size and
 * the checksum as Go's {@code checksumReader} does, so reading is always capped by the declared size.
 *
 * <p>Format errors are {@link ZipException}s carrying Go's messages ({@code zip: not a valid zip
 * file}, {@code zip: checksum error}, {@code zip: unsupported compression algorithm}, {@code
 * unexpected EOF}). Instances hold an open file; they are safe for concurrent reads and must be
 * closed by the caller.
 */
public final class ZipArchive implements Closeable {
    static final String ERR_FORMAT = "zip: not a valid zip file";
    static final String ERR_CHECKSUM = "zip: checksum error";
    static final String ERR_ALGORITHM = "zip: unsupported compression algorithm";
    static final String ERR_UNEXPECTED_EOF = "unexpected EOF";

    static final int FILE_HEADER_SIGNATURE = 0x04034b50;
    static final int DIRECTORY_HEADER_SIGNATURE = 0x02014b50;
    static final int DIRECTORY_END_SIGNATURE = 0x06054b50;
    static final int DIRECTORY64_LOC_SIGNATURE = 0x07064b50;
    static final int DIRECTORY64_END_SIGNATURE = 0x06064b50;
    static final int DATA_DESCRIPTOR_SIGNATURE = 0x08074b50;
    static final int FILE_HEADER_LEN = 30;
    static final int DIRECTORY_HEADER_LEN = 46;
    static final int DIRECTORY_END_LEN = 22;
    static final int DIRECTORY64_LOC_LEN = 20;
    static final int DIRECTORY64_END_LEN = 56;
    static final int DATA_DESCRIPTOR_LEN = 16;
    static final int ZIP64_EXTRA_ID = 0x0001;
    static final int UINT16_MAX = 0xffff;
    static final long UINT32_MAX = 0xffffffffL;

    private final FileChannel channel;
    private final long size;
    private final List<Entry> entries;

    private ZipArchive(FileChannel channel, long size, List<Entry> entries) {
        this.channel = channel;
        this.size = size;
        this.entries = List.copyOf(entries);
    }

    /**
     * Opens the zip file and reads its central directory.
     *
     * @throws ZipException if the central directory is malformed (Go's message)
     * @throws IOException if the file cannot be read
     */
    public static ZipArchive open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            return new ZipArchive(channel, size, new ZipDirectoryReader(channel, size).read());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Returns every central-directory record in file order, duplicates included. */
    public List<Entry> entries() {
        return entries;
    }

    /** Returns the size of the zip file in bytes. */
    public long size() {
        return size;
    }

    /**
     * Returns a stream of the entry's uncompressed data, which fails as Go's reader does when the data
     * is longer or shorter than declared or its CRC-32 does not match. The caller closes the stream.
     *
     * @throws ZipException if the local header is malformed or the compression method is neither
     *     Store nor Deflate
     */
    public java.io.InputStream open(Entry entry) throws IOException {
        return ZipEntryStream.open(channel, entry);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * One central-directory record: the raw name bytes, the declared sizes and where its local header
     * is. Two entries are equal only if they are the same record.
     */
    public static final class Entry {
        private final byte[] name;
        final int flags;
        final int method;
        final int crc32;
        final long compressedSize;
        final long uncompressedSize;
        final long headerOffset;

        Entry(byte[] name, int flags, int method, int crc32, long compressedSize, long uncompressedSize, long offset) {
            this.name = name;
            this.flags = flags;
            this.method = method;
            this.crc32 = crc32;
            this.compressedSize = compressedSize;
            this.uncompressedSize = uncompressedSize;
            this.headerOffset = offset;
        }

        /** Returns the name decoded as UTF-8, with U+FFFD for bytes that are not valid UTF-8. */
        public String name() {
            return new String(name, StandardCharsets.UTF_8);
        }

        /** Returns a copy of the name exactly as stored in the central directory. */
        public byte[] nameBytes() {
            return name.clone();
        }

        /** Reports whether the stored name starts with the given bytes. */
        public boolean nameStartsWith(byte[] prefix) {
            return name.length >= prefix.length && Arrays.equals(name, 0, prefix.length, prefix, 0, prefix.length);
        }

        /** Reports whether the stored name is valid UTF-8, so that {@link #name()} is exact. */
        public boolean hasUtf8Name() {
            return Utf8.isValid(name);
        }

        /**
         * Returns the declared uncompressed size; a value that does not fit a signed 64-bit integer is
         * negative, as in Go's {@code int64(UncompressedSize64)}.
         */
        public long uncompressedSize() {
            return uncompressedSize;
        }

        /** Reports whether the name ends with a slash, which marks a directory. */
        public boolean isDirectory() {
            return name.length > 0 && name[name.length - 1] == '/';
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** Reads little-endian integers from a byte buffer, mirroring Go's {@code readBuf}. */
    static ByteBuffer littleEndian(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads at most {@code buf.length} bytes at {@code pos}; returns how many were read. */
    static int readAt(FileChannel channel, byte[] buf, long pos) throws IOException {
        if (pos < 0) {
            throw new ZipException("negative offset");
        }
        if (pos > Long.MAX_VALUE - buf.length) {
            return 0; // far beyond any file: nothing to read
        }
        ByteBuffer bb = ByteBuffer.wrap(buf);
        while (bb.hasRemaining()) {
            int n = channel.read(bb, pos + bb.position());
            if (n < 0) {
                break;
            }
        }
        return bb.position();
    }

    /** Minimal UTF-8 validity check (Go's {@code utf8.Valid}). */
    static final class Utf8 {
        private Utf8() {}

        static boolean isValid(byte[] b) {
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b));
                return true;
            } catch (java.nio.charset.CharacterCodingException e) {
                return false;
            }
        }
    }
}
