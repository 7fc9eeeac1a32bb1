package dev.holdfast.zip.archive;

import static dev.holdfast.zip.archive.ZipArchive.DIRECTORY64_END_LEN;
import static dev.holdfast.zip.archive.ZipArchive.DIRECTORY64_END_SIGNATURE;
import static dev.holdfast.zip.archive.ZipArchive.DIRECTORY64_LOC_LEN;
import static dev.holdfast.zip.archive.ZipArchive.DIRECTORY64_LOC_SIGNATURE;
import static dev.holdfast.zip.archive.ZipArchive.DIRECTORY_END_LEN;
import static dev.holdfast.zip.archive.ZipArchive.DIRECTORY_HEADER_LEN;
import static dev.holdfast.zip.archive.ZipArchive.DIRECTORY_HEADER_SIGNATURE;
import static dev.holdfast.zip.archive.ZipArchive.ERR_FORMAT;
import static dev.holdfast.zip.archive.ZipArchive.ERR_UNEXPECTED_EOF;
import static dev.holdfast.zip.archive.ZipArchive.UINT16_MAX;
import static dev.holdfast.zip.archive.ZipArchive.UINT32_MAX;
import static dev.holdfast.zip.archive.ZipArchive.ZIP64_EXTRA_ID;
import static dev.holdfast.zip.archive.ZipArchive.littleEndian;
import static dev.holdfast.zip.archive.ZipArchive.readAt;

import dev.holdfast.zip.archive.ZipArchive.Entry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Reads the central directory as Go's {@code archive/zip} does ({@code readDirectoryEnd}, {@code
 * readDirectoryHeader} and the record loop of {@code Reader.init}): the end record is searched in the
 * last 1 KiB then 65 KiB, zip64 values are used only for maxed-out fields, records are read until one
 * does not parse, and only the low 16 bits of the record count must match.
 */
final class ZipDirectoryReader {
    private final FileChannel channel;
    private final long size;

    ZipDirectoryReader(FileChannel channel, long size) {
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
            // Consult the zip64 values only for fields that are maxed out (golang/go#13367).
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
