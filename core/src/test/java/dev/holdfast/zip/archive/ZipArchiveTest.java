package dev.holdfast.zip.archive;

import static dev.holdfast.zip.archive.RawZip.crc;
import static dev.holdfast.zip.archive.RawZip.deflate;
import static dev.holdfast.zip.archive.RawZip.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Go's archive/zip outcomes (reader.go: ErrFormat, ErrChecksum, ErrAlgorithm, io.ErrUnexpectedEOF)
 * for well-formed and hostile archives, and the java.util.zip.ZipFile behaviour that made a reader of
 * our own necessary.
 */
class ZipArchiveTest {
    @TempDir
    Path tmp;

    private Path file(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(tmp, "z", ".zip"), bytes);
    }

    private static byte[] read(ZipArchive z, ZipArchive.Entry e) throws IOException {
        try (InputStream in = z.open(e)) {
            return in.readAllBytes();
        }
    }

    @Test
    void writerOutput_readsBack() throws IOException {
        Path zip = tmp.resolve("w.zip");
        byte[] big = new byte[300_000];
        Arrays.fill(big, (byte) 'q');
        try (OutputStream out = Files.newOutputStream(zip)) {
            ZipArchiveWriter w = new ZipArchiveWriter(out);
            assertThat(w.add("m@v1.0.0/a.txt", new ByteArrayInputStream(utf8("hello")), 5))
                    .isEqualTo(5);
            w.add("m@v1.0.0/\u00e9/big", new ByteArrayInputStream(big), big.length);
            w.add("m@v1.0.0/empty", InputStream.nullInputStream(), 0);
            w.finish();
        }
        try (ZipArchive z = ZipArchive.open(zip)) {
            assertThat(z.entries())
                    .extracting(ZipArchive.Entry::name)
                    .containsExactly("m@v1.0.0/a.txt", "m@v1.0.0/\u00e9/big", "m@v1.0.0/empty");
            assertThat(read(z, z.entries().get(0))).isEqualTo(utf8("hello"));
            assertThat(read(z, z.entries().get(1))).isEqualTo(big);
            assertThat(read(z, z.entries().get(2))).isEmpty();
        }
        // The JDK reads our output too, and sees the zero MS-DOS time Go writes.
        try (ZipFile jdk = new ZipFile(zip.toFile())) {
            assertThat(jdk.getInputStream(jdk.getEntry("m@v1.0.0/a.txt")).readAllBytes())
                    .isEqualTo(utf8("hello"));
        }
    }

    @Test
    void writer_inputLongerThanLimit_reportsBytesRead() throws IOException {
        ZipArchiveWriter w = new ZipArchiveWriter(OutputStream.nullOutputStream());
        assertThat(w.add("x", new ByteArrayInputStream(utf8("123456")), 4)).isEqualTo(5);
    }

    @Test
    void writer_manyEntries_usesZip64EndRecord() throws IOException {
        Path zip = tmp.resolve("many.zip");
        int n = 65_536;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(zip))) {
            ZipArchiveWriter w = new ZipArchiveWriter(out);
            for (int i = 0; i < n; i++) {
                w.add("f" + i, InputStream.nullInputStream(), 0);
            }
            w.finish();
        }
        try (ZipArchive z = ZipArchive.open(zip)) {
            assertThat(z.entries()).hasSize(n);
            assertThat(z.entries().get(n - 1).name()).isEqualTo("f" + (n - 1));
        }
    }

    @Test
    void duplicateNames_bothListedWithOwnData() throws IOException {
        Path zip = file(
                new RawZip().stored("a", utf8("one")).stored("a", utf8("two")).bytes());
        try (ZipArchive z = ZipArchive.open(zip)) {
            assertThat(z.entries()).hasSize(2);
            assertThat(read(z, z.entries().get(0))).isEqualTo(utf8("one"));
            assertThat(read(z, z.entries().get(1))).isEqualTo(utf8("two"));
        }
    }

    @Test
    void invalidUtf8Name_keptAsRawBytes() throws IOException {
        byte[] name = {'m', '/', (byte) 0xff, 'x'};
        Path zip = file(new RawZip()
                .add(new RawZip.Entry(name, 0, utf8("d"), crc(utf8("d")), 1, 0))
                .bytes());
        try (ZipArchive z = ZipArchive.open(zip)) {
            ZipArchive.Entry e = z.entries().get(0);
            assertThat(e.nameBytes()).isEqualTo(name);
            assertThat(e.hasUtf8Name()).isFalse();
            assertThat(e.name()).isEqualTo("m/\uFFFDx");
        }
    }

    @Test
    void storedDataLongerThanDeclared_failsWithErrFormat() throws IOException {
        byte[] data = utf8("0123456789");
        Path zip = file(new RawZip()
                .add(new RawZip.Entry(utf8("a"), 0, data, crc(data), 4, 0))
                .bytes());
        try (ZipArchive z = ZipArchive.open(zip)) {
            assertThatThrownBy(() -> read(z, z.entries().get(0)))
                    .isInstanceOf(ZipException.class)
                    .hasMessage("zip: not a valid zip file");
        }
    }

    @Test
    void deflatedDataLongerThanDeclared_failsWithErrFormat() throws IOException {
        byte[] data = new byte[1 << 20]; // a small bomb: 1 MiB of zeros declared as 10 bytes
        Path zip = file(new RawZip()
                .add(new RawZip.Entry(utf8("a"), 8, deflate(data), crc(data), 10, 0))
                .bytes());
        try (ZipArchive z = ZipArchive.open(zip);
                InputStream in = z.open(z.entries().get(0))) {
            byte[] buf = new byte[4];
            long total = 0;
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    total += n;
                }
                throw new AssertionError("no error");
            } catch (ZipException e) {
                assertThat(e).hasMessage("zip: not a valid zip file");
            }
            assertThat(total).isLessThanOrEqualTo(10); // reading stopped at the declared size
        }
    }

    @Test
    void dataShorterThanDeclared_failsWithUnexpectedEof() throws IOException {
        byte[] data = utf8("abc");
        Path zip = file(new RawZip()
                .add(new RawZip.Entry(utf8("a"), 8, deflate(data), crc(data), 7, 0))
                .bytes());
        try (ZipArchive z = ZipArchive.open(zip)) {
            assertThatThrownBy(() -> read(z, z.entries().get(0))).hasMessage("unexpected EOF");
        }
    }

    @Test
    void crcMismatch_failsWithChecksumError() throws IOException {
        byte[] data = utf8("abc");
        Path zip = file(new RawZip()
                .add(new RawZip.Entry(utf8("a"), 0, data, 12345, 3, 0))
                .bytes());
        try (ZipArchive z = ZipArchive.open(zip)) {
            assertThatThrownBy(() -> read(z, z.entries().get(0))).hasMessage("zip: checksum error");
        }
    }

    @Test
    void zeroCrcWithoutDescriptor_isNotChecked() throws IOException {
        byte[] data = utf8("abc");
        Path zip = file(
                new RawZip().add(new RawZip.Entry(utf8("a"), 0, data, 0, 3, 0)).bytes());
        try (ZipArchive z = ZipArchive.open(zip)) {
            assertThat(read(z, z.entries().get(0))).isEqualTo(data);
        }
    }

    @Test
    void dataDescriptor_isChecked() throws IOException {
        byte[] data = utf8("abc");
        Path ok = file(new RawZip()
                .add(new RawZip.Entry(utf8("a"), 0, data, crc(data), 3, 8))
                .bytes());
        try (ZipArchive z = ZipArchive.open(ok)) {
            assertThat(read(z, z.entries().get(0))).isEqualTo(data);
        }
        Path bad = file(
                new RawZip().add(new RawZip.Entry(utf8("a"), 0, data, 0, 3, 8)).bytes());
        try (ZipArchive z = ZipArchive.open(bad)) {
            assertThatThrownBy(() -> read(z, z.entries().get(0))).hasMessage("zip: checksum error");
        }
    }

    @Test
    void unknownMethod_failsWithErrAlgorithm() throws IOException {
        Path zip = file(new RawZip()
                .add(new RawZip.Entry(utf8("a"), 99, utf8("x"), 0, 1, 0))
                .bytes());
        try (ZipArchive z = ZipArchive.open(zip)) {
            assertThatThrownBy(() -> z.open(z.entries().get(0))).hasMessage("zip: unsupported compression algorithm");
        }
    }

    @Test
    void directoryWithDeclaredSize_failsOnRead() throws IOException {
        Path zip = file(new RawZip()
                .add(new RawZip.Entry(utf8("d/"), 0, new byte[0], 0, 5, 0))
                .bytes());
        try (ZipArchive z = ZipArchive.open(zip)) {
            assertThat(z.entries().get(0).isDirectory()).isTrue();
            assertThatThrownBy(() -> read(z, z.entries().get(0))).hasMessage("zip: not a valid zip file");
        }
    }

    @Test
    void zip64DeclaredSize_isRead() throws IOException {
        Path zip = file(new RawZip()
                .add(new RawZip.Entry(utf8("a"), 0, new byte[0], 0, 5L << 32, 0))
                .bytes());
        try (ZipArchive z = ZipArchive.open(zip)) {
            assertThat(z.entries().get(0).uncompressedSize()).isEqualTo(5L << 32);
        }
    }

    @Test
    void notAZip_failsWithErrFormat() throws IOException {
        assertThatThrownBy(() -> ZipArchive.open(file(utf8("this is not a zip file at all"))))
                .isInstanceOf(ZipException.class)
                .hasMessage("zip: not a valid zip file");
        assertThatThrownBy(() -> ZipArchive.open(file(new byte[0]))).hasMessage("zip: not a valid zip file");
    }

    @Test
    void truncatedDirectory_fails() throws IOException {
        byte[] whole =
                new RawZip().stored("a", utf8("x")).stored("b", utf8("y")).bytes();
        byte[] cut = new byte[whole.length - 22 - 10];
        System.arraycopy(whole, 0, cut, 0, cut.length);
        byte[] withEnd = new byte[cut.length + 22];
        System.arraycopy(cut, 0, withEnd, 0, cut.length);
        System.arraycopy(whole, whole.length - 22, withEnd, cut.length, 22);
        assertThatThrownBy(() -> ZipArchive.open(file(withEnd))).isInstanceOf(ZipException.class);
    }

    // The java.util.zip.ZipFile behaviour recorded in the archive package documentation.

    @Test
    void jdkZipFile_rejectsInvalidUtf8Names() throws IOException {
        byte[] name = {'m', '/', (byte) 0xff};
        Path zip = file(new RawZip()
                .add(new RawZip.Entry(name, 0, utf8("d"), crc(utf8("d")), 1, 0))
                .bytes());
        assertThatThrownBy(() -> new ZipFile(zip.toFile()).close()).isInstanceOf(ZipException.class);
    }

    @Test
    void jdkZipFile_readsPastDeclaredSizeWithoutError() throws IOException {
        byte[] data = new byte[100_000];
        Path zip = file(new RawZip()
                .add(new RawZip.Entry(utf8("a"), 8, deflate(data), crc(data), 10, 0))
                .bytes());
        try (ZipFile jdk = new ZipFile(zip.toFile());
                InputStream in = jdk.getInputStream(jdk.entries().nextElement())) {
            assertThat(in.readAllBytes().length).isGreaterThan(10);
        }
    }

    @Test
    void jdkZipFile_listsDuplicatesAndLooksUpTheLast() throws IOException {
        // Same outcome as Go here: both records listed, a lookup by name finds the last one.
        Path zip = file(
                new RawZip().stored("a", utf8("one")).stored("a", utf8("two")).bytes());
        try (ZipFile jdk = new ZipFile(zip.toFile())) {
            assertThat(jdk.size()).isEqualTo(2);
            assertThat(jdk.getInputStream(jdk.getEntry("a")).readAllBytes()).isEqualTo(utf8("two"));
        }
    }

    @Test
    void jdkZipFile_doesNotVerifyCrc() throws IOException {
        byte[] data = utf8("abc");
        Path zip = file(new RawZip()
                .add(new RawZip.Entry(utf8("a"), 0, data, 12345, 3, 0))
                .bytes());
        try (ZipFile jdk = new ZipFile(zip.toFile())) {
            assertThat(jdk.getInputStream(jdk.getEntry("a")).readAllBytes()).isEqualTo(data);
        }
    }
}
