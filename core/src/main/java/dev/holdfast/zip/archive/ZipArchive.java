package dev.holdfast.zip.archive;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
            return new ZipArchive(channel, size, new DirectoryReader(channel, size).read());
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

    /** Ports Go's {@code readDirectoryEnd}, {@code readDirectoryHeader} and the record loop. */
    private static final class DirectoryReader {
        private final FileChannel channel;
        private final long size;

        DirectoryReader(FileChannel channel, long size) {
            this.channel = channel;
            this.size = size;
        }

        List<Entry> read() throws IOException {
            long[] end = readDirectoryEnd(); // records, dirSize, dirOffset, baseOffset
            long records = end[0];
            Cursor cursor = new Cursor(channel, end[3] + end[2], size);
            List<Entry> entries = new ArrayList<>();
            String stop;
            while (true) {
                Object r = readDirectoryHeader(cursor, end[3]);
                if (r instanceof Entry e) {
                    entries.add(e);
                } else {
                    stop = (String) r;
                    break;
                }
            }
            // Go compares only the low 16 bits: the record count may have been truncated.
            if ((entries.size() & UINT16_MAX) != (records & UINT16_MAX)) {
                throw new ZipException(stop);
            }
            return entries;
        }

        /** Returns a header, or the Go error that ends the record loop; other errors are thrown. */
        private Object readDirectoryHeader(Cursor in, long baseOffset) throws IOException {
            byte[] fixed = in.readFull(DIRECTORY_HEADER_LEN);
            if (fixed == null) {
                return ERR_UNEXPECTED_EOF;
            }
            ByteBuffer b = littleEndian(fixed);
            if (b.getInt() != DIRECTORY_HEADER_SIGNATURE) {
                return ERR_FORMAT;
            }
            b.position(8);
            int flags = Short.toUnsignedInt(b.getShort());
            int method = Short.toUnsignedInt(b.getShort());
            b.position(16);
            int crc = b.getInt();
            long csize = Integer.toUnsignedLong(b.getInt());
            long usize = Integer.toUnsignedLong(b.getInt());
            int nameLen = Short.toUnsignedInt(b.getShort());
            int extraLen = Short.toUnsignedInt(b.getShort());
            int commentLen = Short.toUnsignedInt(b.getShort());
            b.position(42);
            long offset = Integer.toUnsignedLong(b.getInt());
            byte[] variable = in.readFull(nameLen + extraLen + commentLen);
            if (variable == null) {
                return ERR_UNEXPECTED_EOF;
            }
            boolean needUSize = usize == UINT32_MAX;
            boolean needCSize = csize == UINT32_MAX;
            boolean needOffset = offset == UINT32_MAX;
            ByteBuffer extra = littleEndian(Arrays.copyOfRange(variable, nameLen, nameLen + extraLen));
            while (extra.remaining() >= 4) {
                int tag = Short.toUnsignedInt(extra.getShort());
                int fieldSize = Short.toUnsignedInt(extra.getShort());
                if (extra.remaining() < fieldSize) {
                    break;
                }
                ByteBuffer field = extra.slice(extra.position(), fieldSize).order(ByteOrder.LITTLE_ENDIAN);
                extra.position(extra.position() + fieldSize);
                if (tag != ZIP64_EXTRA_ID) {
                    continue;
                }
                // Consult the zip64 values only for fields that are maxed out (golang.org/issue/13367).
                if (needUSize) {
                    needUSize = false;
                    if (field.remaining() < 8) {
                        return ERR_FORMAT;
                    }
                    usize = field.getLong();
                }
                if (needCSize) {
                    needCSize = false;
                    if (field.remaining() < 8) {
                        return ERR_FORMAT;
                    }
                    csize = field.getLong();
                }
                if (needOffset) {
                    needOffset = false;
                    if (field.remaining() < 8) {
                        return ERR_FORMAT;
                    }
                    offset = field.getLong();
                }
            }
            if (needCSize || needOffset) {
                return ERR_FORMAT;
            }
            byte[] name = Arrays.copyOf(variable, nameLen);
            return new Entry(name, flags, method, crc, csize, usize, offset + baseOffset);
        }

        /** Returns {records, directorySize, directoryOffset, baseOffset}. */
        private long[] readDirectoryEnd() throws IOException {
            byte[] buf = null;
            long endOffset = 0;
            int[] blockLens = {1024, 65 * 1024};
            for (int i = 0; i < blockLens.length; i++) {
                int len = (int) Math.min(blockLens[i], size);
                byte[] block = new byte[len];
                readAt(channel, block, size - len);
                int p = findSignatureInBlock(block);
                if (p >= 0) {
                    buf = Arrays.copyOfRange(block, p, block.length);
                    endOffset = size - len + p;
                    break;
                }
                if (i == 1 || len == size) {
                    throw new ZipException(ERR_FORMAT);
                }
            }
            ByteBuffer b = littleEndian(buf);
            b.position(10);
            long records = Short.toUnsignedLong(b.getShort());
            long dirSize = Integer.toUnsignedLong(b.getInt());
            long dirOffset = Integer.toUnsignedLong(b.getInt());
            int commentLen = Short.toUnsignedInt(b.getShort());
            if (commentLen > b.remaining()) {
                throw new ZipException("zip: invalid comment length");
            }
            // Go checks the size against 0xffff (sic), as archive/zip does.
            if (records == UINT16_MAX || dirSize == UINT16_MAX || dirOffset == UINT32_MAX) {
                long p = findDirectory64End(endOffset);
                if (p >= 0) {
                    endOffset = p;
                    long[] d64 = readDirectory64End(p);
                    records = d64[0];
                    dirSize = d64[1];
                    dirOffset = d64[2];
                }
            }
            if (dirSize < 0 || dirOffset < 0) {
                throw new ZipException(ERR_FORMAT);
            }
            long baseOffset = endOffset - dirSize - dirOffset;
            long o = baseOffset + dirOffset;
            if (o < 0 || o >= size) {
                throw new ZipException(ERR_FORMAT);
            }
            // Some writers record a wrong base offset: prefer 0 when a header is found there.
            if (baseOffset > 0) {
                try {
                    if (readDirectoryHeader(new Cursor(channel, dirOffset, size), 0) instanceof Entry) {
                        baseOffset = 0;
                    }
                } catch (ZipException e) {
                    // Go only asks whether a header parses here; any failure keeps the base offset.
                }
            }
            return new long[] {records, dirSize, dirOffset, baseOffset};
        }

        private long findDirectory64End(long endOffset) throws IOException {
            long loc = endOffset - DIRECTORY64_LOC_LEN;
            if (loc < 0) {
                return -1;
            }
            byte[] buf = new byte[DIRECTORY64_LOC_LEN];
            if (readAt(channel, buf, loc) < buf.length) {
                throw new ZipException("EOF");
            }
            ByteBuffer b = littleEndian(buf);
            if (b.getInt() != DIRECTORY64_LOC_SIGNATURE || b.getInt() != 0) {
                return -1;
            }
            long p = b.getLong();
            if (b.getInt() != 1) {
                return -1;
            }
            return p;
        }

        private long[] readDirectory64End(long offset) throws IOException {
            byte[] buf = new byte[DIRECTORY64_END_LEN];
            if (readAt(channel, buf, offset) < buf.length) {
                throw new ZipException("EOF");
            }
            ByteBuffer b = littleEndian(buf);
            if (b.getInt() != DIRECTORY64_END_SIGNATURE) {
                throw new ZipException(ERR_FORMAT);
            }
            b.position(32);
            return new long[] {b.getLong(), b.getLong(), b.getLong()};
        }

        private static int findSignatureInBlock(byte[] b) {
            for (int i = b.length - DIRECTORY_END_LEN; i >= 0; i--) {
                if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 0x05 && b[i + 3] == 0x06) {
                    int n = (b[i + DIRECTORY_END_LEN - 2] & 0xff) | (b[i + DIRECTORY_END_LEN - 1] & 0xff) << 8;
                    if (n + DIRECTORY_END_LEN + i > b.length) {
                        return -1; // truncated comment
                    }
                    return i;
                }
            }
            return -1;
        }
    }

    /** Sequential reads over [start, limit) with Go's {@code io.ReadFull} outcomes. */
    private static final class Cursor {
        private static final int CHUNK = 64 << 10;
        private final FileChannel channel;
        private final long limit;
        private long pos;
        private byte[] buf = new byte[0];
        private int bufPos;

        Cursor(FileChannel channel, long start, long limit) {
            this.channel = channel;
            this.pos = start;
            this.limit = limit;
        }

        /**
         * Returns exactly n bytes, or null when only part of them exist (Go's unexpected EOF).
         *
         * @throws ZipException "EOF" when no byte at all is left, as Go's io.ReadFull reports
         */
        byte[] readFull(int n) throws IOException {
            byte[] out = new byte[n];
            int got = 0;
            while (got < n) {
                if (bufPos == buf.length && !fill()) {
                    break;
                }
                int k = Math.min(n - got, buf.length - bufPos);
                System.arraycopy(buf, bufPos, out, got, k);
                bufPos += k;
                got += k;
            }
            if (got == n) {
                return out;
            }
            if (got == 0 && n > 0) {
                throw new ZipException("EOF");
            }
            return null;
        }

        private boolean fill() throws IOException {
            long left = limit - pos;
            if (left <= 0) {
                return false;
            }
            byte[] next = new byte[(int) Math.min(CHUNK, left)];
            int n = readAt(channel, next, pos);
            if (n <= 0) {
                return false;
            }
            pos += n;
            buf = n == next.length ? next : Arrays.copyOf(next, n);
            bufPos = 0;
            return true;
        }
    }
}
