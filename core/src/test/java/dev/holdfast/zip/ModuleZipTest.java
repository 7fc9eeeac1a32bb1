package dev.holdfast.zip;

import static dev.holdfast.zip.FileChecksTest.file;
import static dev.holdfast.zip.archive.RawZip.crc;
import static dev.holdfast.zip.archive.RawZip.deflate;
import static dev.holdfast.zip.archive.RawZip.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.zip.CheckedFiles.FileError;
import dev.holdfast.zip.archive.RawZip;
import dev.holdfast.zip.archive.ZipArchive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Create, CheckZip, CheckDir and Unzip with x/mod/zip's rules and messages (zip.go). */
class ModuleZipTest {
    private static final ModuleVersion MV = new ModuleVersion("example.com/m", "v1.0.0");
    private static final String PREFIX = "example.com/m@v1.0.0/";

    @TempDir
    Path tmp;

    private Path zipOf(RawZip raw) throws IOException {
        return Files.write(Files.createTempFile(tmp, "m", ".zip"), raw.bytes());
    }

    private Path create(List<ZipFileSource> files) throws IOException {
        Path zip = Files.createTempFile(tmp, "created", ".zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            ModuleZip.create(MV, files, out);
        }
        return zip;
    }

    @Test
    void create_writesValidFilesInInputOrderWithPrefix() throws IOException {
        Path zip = create(List.of(
                file("z.go", "package m\n"),
                file("go.mod", "module example.com/m\n"),
                file("vendor/a/b.go", "package b\n"),
                file(".hg_archival.txt", "x")));
        try (ZipArchive z = ZipArchive.open(zip)) {
            assertThat(z.entries())
                    .extracting(ZipArchive.Entry::name)
                    .containsExactly(PREFIX + "z.go", PREFIX + "go.mod");
        }
        CheckedFiles cf = ModuleZip.checkZip(MV, zip);
        assertThat(cf.valid()).containsExactly(PREFIX + "z.go", PREFIX + "go.mod");
        assertThat(cf.isValid()).isTrue();
    }

    @Test
    void create_invalidFiles_failWithGoMessage() {
        assertThatThrownBy(() -> create(List.of(file("a/../b", ""), file("GO.MOD", ""))))
                .isInstanceOf(ModuleZipException.class)
                .hasMessage("create zip: a/../b: file path is not clean\n"
                        + "GO.MOD: go.mod files must have lowercase names");
    }

    @Test
    void create_nonCanonicalVersion_fails() {
        ModuleVersion mv = new ModuleVersion("example.com/m", "v1.0");
        assertThatThrownBy(() -> ModuleZip.create(mv, List.of(), OutputStream.nullOutputStream()))
                .isInstanceOf(ModuleZipException.class)
                .hasMessage("create zip: version \"v1.0\" is not canonical (should be \"v1.0.0\")");
    }

    @Test
    void create_fileLargerThanItsStat_fails() {
        ZipFileSource liar = new ZipFileSource() {
            @Override
            public String path() {
                return "a.txt";
            }

            @Override
            public Stat lstat() {
                return new Stat(Type.REGULAR, 3);
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(utf8("abcdef"));
            }
        };
        assertThatThrownBy(() -> create(List.of(liar)))
                .isInstanceOf(ModuleZipException.class)
                .hasMessage("create zip: file \"a.txt\" is larger than declared size");
    }

    @Test
    void createFromDir_skipsVcsSubmodulesAndSymlinks() throws IOException {
        Path dir = tmp.resolve("src");
        write(dir, "go.mod", "module example.com/m\n");
        write(dir, "a.go", "package m\n");
        write(dir, ".git/config", "");
        write(dir, "sub/go.mod", "module example.com/m/sub\n");
        write(dir, "sub/s.go", "package sub\n");
        Files.createSymbolicLink(dir.resolve("link.go"), dir.resolve("a.go"));
        Path zip = tmp.resolve("out.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            ModuleZip.createFromDir(out, MV, dir);
        }
        assertThat(ModuleZip.checkZip(MV, zip).valid()).containsExactly(PREFIX + "a.go", PREFIX + "go.mod");
        CheckedFiles cd = ModuleZip.checkDir(dir);
        assertThat(cd.valid()).containsExactly(dir + "/a.go", dir + "/go.mod");
        assertThat(cd.omitted())
                .containsExactly(
                        new FileError(dir + "/.git", "directory is a version control repository"),
                        new FileError(dir + "/link.go", "not a regular file"),
                        new FileError(dir + "/sub", "directory is in another module"));
    }

    @Test
    void checkZip_namesAndPrefixRules() throws IOException {
        byte[] x = utf8("x");
        Path zip = zipOf(new RawZip()
                .stored(PREFIX, new byte[0])
                .stored(PREFIX + "dir/", new byte[0])
                .stored(PREFIX + "ok.go", x)
                .stored("other.com/m@v1.0.0/a.go", x)
                .stored(PREFIX + "a//b.go", x)
                .stored(PREFIX + "sub/go.mod", x)
                .stored(PREFIX + "GO.MOD", x)
                .stored(PREFIX + "OK.go", x)
                .stored(PREFIX + "ok.go", x)
                .add(new RawZip.Entry(concat(utf8(PREFIX), new byte[] {'b', (byte) 0xff}), 0, x, crc(x), 1, 0)));
        CheckedFiles cf = ModuleZip.checkZip(MV, zip);
        assertThat(cf.valid()).containsExactly(PREFIX + "ok.go");
        assertThat(cf.omitted()).isEmpty();
        assertThat(cf.invalid())
                .containsExactly(
                        new FileError("other.com/m@v1.0.0/a.go", "path does not have prefix \"example.com/m@v1.0.0/\""),
                        new FileError(PREFIX + "a//b.go", "file path is not clean"),
                        new FileError(PREFIX + "sub/go.mod", "go.mod file not in module root directory"),
                        new FileError(PREFIX + "GO.MOD", "go.mod files must have lowercase names"),
                        new FileError(
                                PREFIX + "OK.go", "case-insensitive file name collision: \"ok.go\" and \"OK.go\""),
                        new FileError(PREFIX + "ok.go", "multiple entries for file \"ok.go\""),
                        new FileError(PREFIX + "b\uFFFD", "malformed file path \"b\\xff\": invalid UTF-8"));
    }

    @Test
    void checkZip_fileAndDirectoryWithOneName() throws IOException {
        Path zip = zipOf(new RawZip().stored(PREFIX + "d", utf8("x")).stored(PREFIX + "d/", new byte[0]));
        assertThat(ModuleZip.checkZip(MV, zip).invalid())
                .containsExactly(new FileError(PREFIX + "d/", "entry \"d\" is both a file and a directory"));
    }

    @Test
    void checkZip_declaredSizes_exactlyAtLimitAndOneOver() throws IOException {
        long max = ModuleZip.MAX_GO_MOD_BYTES;
        Path at = zipOf(new RawZip().add(declared(PREFIX + "go.mod", max)).add(declared(PREFIX + "LICENSE", max)));
        assertThat(ModuleZip.checkZip(MV, at).isValid()).isTrue();
        Path over = zipOf(
                new RawZip().add(declared(PREFIX + "go.mod", max + 1)).add(declared(PREFIX + "LICENSE", max + 1)));
        assertThat(ModuleZip.checkZip(MV, over).invalid())
                .containsExactly(
                        new FileError(PREFIX + "go.mod", "go.mod file too large (max size is 16777216 bytes)"),
                        new FileError(PREFIX + "LICENSE", "LICENSE file too large (max size is 16777216 bytes)"));

        long half = ModuleZip.MAX_ZIP_BYTES / 2;
        Path total = zipOf(new RawZip().add(declared(PREFIX + "a", half)).add(declared(PREFIX + "b", half)));
        assertThat(ModuleZip.checkZip(MV, total).sizeError()).isEmpty();
        Path totalOver = zipOf(new RawZip().add(declared(PREFIX + "a", half)).add(declared(PREFIX + "b", half + 1)));
        assertThat(ModuleZip.checkZip(MV, totalOver).sizeError())
                .contains("total uncompressed size of module contents too large (max size is 524288000 bytes)");
        Path zip64 = zipOf(new RawZip().add(declared(PREFIX + "huge", 1L << 40)));
        assertThat(ModuleZip.checkZip(MV, zip64).sizeError()).isPresent();
    }

    @Test
    void checkZip_zipFileTooLarge() throws IOException {
        Path big = tmp.resolve("big.zip");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(ModuleZip.MAX_ZIP_BYTES + 1L); // sparse: costs no disk space
        }
        assertThat(ModuleZip.checkZip(MV, big).error())
                .isEqualTo(Optional.of("module zip file is too large (524288001 bytes; limit is 524288000 bytes)"));
    }

    @Test
    void unzip_extractsReadOnlyFiles() throws IOException {
        Path zip = create(List.of(file("go.mod", "module example.com/m\n"), file("a/b/c.go", "package b\n")));
        Path target = tmp.resolve("out/m@v1.0.0");
        ModuleZip.unzip(target, MV, zip);
        assertThat(Files.readString(target.resolve("a/b/c.go"))).isEqualTo("package b\n");
        assertThat(Files.getPosixFilePermissions(target.resolve("go.mod")))
                .doesNotContain(
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.GROUP_WRITE,
                        PosixFilePermission.OTHERS_WRITE);
    }

    @Test
    void unzip_nonEmptyTarget_refused() throws IOException {
        Path zip = create(List.of(file("a.go", "package m\n")));
        Path target = Files.createDirectories(tmp.resolve("t"));
        Files.writeString(target.resolve("existing"), "");
        assertThatThrownBy(() -> ModuleZip.unzip(target, MV, zip))
                .isInstanceOf(ModuleZipException.class)
                .hasMessage("unzip " + zip + ": target directory " + target + " exists and is not empty");
    }

    @Test
    void unzip_traversal_refusedAndNothingWritten() throws IOException {
        Path zip = zipOf(new RawZip().stored(PREFIX + "a.go", utf8("x")).stored(PREFIX + "../evil", utf8("x")));
        Path target = tmp.resolve("t");
        assertThatThrownBy(() -> ModuleZip.unzip(target, MV, zip))
                .isInstanceOf(ModuleZipException.class)
                .hasMessageStartingWith("unzip " + zip + ": " + PREFIX + "../evil: malformed file path");
        assertThat(target).doesNotExist();
        assertThat(tmp.resolve("evil")).doesNotExist();
    }

    @Test
    void unzip_declaredBombRefusedBeforeExtraction() throws IOException {
        Path zip = zipOf(new RawZip().stored(PREFIX + "a.go", utf8("x")).add(declared(PREFIX + "bomb", 1L << 40)));
        Path target = tmp.resolve("t");
        assertThatThrownBy(() -> ModuleZip.unzip(target, MV, zip))
                .hasMessage("unzip " + zip
                        + ": total uncompressed size of module contents too large (max size is 524288000 bytes)");
        assertThat(target).doesNotExist();
    }

    @Test
    void unzip_dataBeyondDeclaredSize_failsAndWritesAtMostDeclared() throws IOException {
        byte[] data = new byte[1 << 20];
        Path zip = zipOf(new RawZip().add(new RawZip.Entry(utf8(PREFIX + "a"), 8, deflate(data), crc(data), 10, 0)));
        Path target = tmp.resolve("t");
        assertThatThrownBy(() -> ModuleZip.unzip(target, MV, zip))
                .isInstanceOf(ModuleZipException.class)
                .hasMessage("unzip " + zip + ": zip: not a valid zip file");
        assertThat(Files.size(target.resolve("a"))).isLessThanOrEqualTo(10);
    }

    @Test
    void unzip_skipsDirectoryEntriesAndPrefixEntry() throws IOException {
        Path zip = zipOf(new RawZip()
                .stored(PREFIX, new byte[0])
                .stored(PREFIX + "d/", new byte[0])
                .stored(PREFIX + "d/x", utf8("x")));
        Path target = tmp.resolve("t");
        ModuleZip.unzip(target, MV, zip);
        assertThat(Files.readString(target.resolve("d/x"))).isEqualTo("x");
    }

    private static RawZip.Entry declared(String name, long size) {
        return new RawZip.Entry(utf8(name), 0, new byte[0], 0, size, 0);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void write(Path dir, String rel, String content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }
}
