package dev.holdfast.conformance.zip;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds zip files record by record, including ones no well-behaved writer produces: wrong declared
 * sizes or CRCs, raw name bytes, duplicate names, unknown methods.
 */
public final class RawZip {
    /** One entry: what goes into its headers and which bytes follow its local header. */
    public record Entry(byte[] name, int method, byte[] payload, int crc, long declaredSize, int flags) {}

    private final List<Entry> entries = new ArrayList<>();

    /** Adds a stored entry with correct CRC and size. */
    public RawZip stored(String name, byte[] data) {
        return add(new Entry(utf8(name), 0, data, crc(data), data.length, 0));
    }

    /** Adds a Deflate entry with correct CRC and size. */
    public RawZip deflated(String name, byte[] data) {
        return add(new Entry(utf8(name), 8, deflate(data), crc(data), data.length, 0));
    }

    /** Adds an arbitrary entry. */
    public RawZip add(Entry e) {
        entries.add(e);
        return this;
    }

    /** Returns the zip file's bytes. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> offsets = new ArrayList<>();
        for (Entry e : entries) {
            offsets.add((long) out.size());
            ByteBuffer h = le(30);
            h.putInt(0x04034b50).putShort((short) 20).putShort((short) e.flags).putShort((short) e.method);
            h.putShort((short) 0).putShort((short) 0).putInt(e.crc).putInt(e.payload.length);
            h.putInt((int) e.declaredSize).putShort((short) e.name.length).putShort((short) 0);
            out.writeBytes(h.array());
            out.writeBytes(e.name);
            out.writeBytes(e.payload);
            if ((e.flags & 8) != 0) {
                ByteBuffer d = le(16);
                d.putInt(0x08074b50).putInt(e.crc).putInt(e.payload.length).putInt((int) e.declaredSize);
                out.writeBytes(d.array());
            }
        }
        long start = out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            boolean zip64 = e.declaredSize >= 0xffffffffL;
            ByteBuffer c = le(46);
            c.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) e.flags);
            c.putShort((short) e.method).putShort((short) 0).putShort((short) 0).putInt(e.crc);
            c.putInt(e.payload.length).putInt(zip64 ? -1 : (int) e.declaredSize);
            c.putShort((short) e.name.length).putShort((short) (zip64 ? 12 : 0)).putShort((short) 0);
            c.putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) (long) offsets.get(i));
            out.writeBytes(c.array());
            out.writeBytes(e.name);
            if (zip64) {
                ByteBuffer x = le(12);
                x.putShort((short) 1).putShort((short) 8).putLong(e.declaredSize);
                out.writeBytes(x.array());
            }
        }
        long size = out.size() - start;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
        end.putShort((short) entries.size()).putShort((short) entries.size());
        end.putInt((int) size).putInt((int) start).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    /** Returns the CRC-32 of data. */
    public static int crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return (int) crc.getValue();
    }

    /** Returns raw Deflate data. */
    public static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /** Returns the UTF-8 bytes of s. */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
