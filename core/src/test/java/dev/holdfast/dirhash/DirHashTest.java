package dev.holdfast.dirhash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirHashTest {
    @TempDir
    Path tmp;

    private static DirHash.Opener from(Map<String, String> files) {
        return name -> new ByteArrayInputStream(files.get(name).getBytes(StandardCharsets.UTF_8));
    }

    // Expected hashes below were computed by golang.org/x/mod/sumdb/dirhash.Hash1 from GOROOT of
    // go1.26.8 (through the test oracle's dirhash.hash1 op), not by this code.

    @Test
    void hashGoMod_emptyFile_isGoCommandsEmptyGoModHash() {
        // modfetch/fetch.go emptyGoModHash: "the hash of a 1-file tree containing a 0-length go.mod".
        assertThat(DirHash.hashGoMod(new byte[0])).isEqualTo("h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=");
    }

    @Test
    void hashGoMod_smallFile() {
        assertThat(DirHash.hashGoMod("module x\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("h1:bKYNTh+vo5+F34HHOy4dca0+SoibMve/ocX8Qhd4v5Y=");
    }

    @Test
    void hash1_namesInAnyOrder() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("b.txt", "bee");
        files.put("a.txt", "ay");
        files.put("dir/c.go", "package c\n");
        String want = "h1:nHCHF8U0H9sz6z5XV/tmwzYplrBw3R0tMGLBHVbQwDo=";
        assertThat(DirHash.hash1(List.copyOf(files.keySet()), from(files))).isEqualTo(want);
        assertThat(DirHash.hash1(List.of("dir/c.go", "a.txt", "b.txt"), from(files)))
                .isEqualTo(want);
    }

    @Test
    void hash1_sortsByUtf8BytesNotUtf16() throws IOException {
        // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16.
        Map<String, String> files = Map.of("m@v1.0.0/\uFF21", "x", "m@v1.0.0/\uD83D\uDE00", "y");
        assertThat(DirHash.hash1(List.of("m@v1.0.0/\uD83D\uDE00", "m@v1.0.0/\uFF21"), from(files)))
                .isEqualTo("h1:J6CaYXb+xD95KcXYtZiiaOzjdebsSrYY4pjopHWfsuM=");
    }

    @Test
    void hash1_noFiles() throws IOException {
        assertThat(DirHash.hash1(List.of(), from(Map.of())))
                .isEqualTo("h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @Test
    void hash1_isSha256OfSummaryLines() throws Exception {
        // The summary format documented on dirhash.Hash1: "<hex sha256>  <name>\n" per sorted name.
        Map<String, String> files = Map.of("z", "last", "a", "first");
        StringBuilder summary = new StringBuilder();
        for (String name : List.of("a", "z")) {
            summary.append(hex(sha256(files.get(name).getBytes(StandardCharsets.UTF_8))))
                    .append("  ")
                    .append(name)
                    .append('\n');
        }
        String want = "h1:"
                + Base64.getEncoder().encodeToString(sha256(summary.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(DirHash.hash1(List.of("z", "a"), from(files))).isEqualTo(want);
    }

    @Test
    void hash1_newlineInName_fails() {
        assertThatThrownBy(() -> DirHash.hash1(List.of("a\nb"), from(Map.of("a\nb", ""))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dirhash: filenames with newlines are not supported");
    }

    @Test
    void hash1_openFailure_propagates() {
        DirHash.Opener failing = name -> {
            throw new IOException("boom " + name);
        };
        assertThatThrownBy(() -> DirHash.hash1(List.of("x"), failing)).hasMessage("boom x");
    }

    @Test
    void hash1_streamsLargeFileInChunks() throws IOException {
        long size = 3L * (64 << 10) + 17;
        DirHash.Opener big = name -> new CountingZeros(size);
        Map<String, String> zeros = Map.of("big", "\0".repeat((int) size));
        assertThat(DirHash.hash1(List.of("big"), big)).isEqualTo(DirHash.hash1(List.of("big"), from(zeros)));
    }

    @Test
    void hashDir_equalsHash1OfWalkedFiles() throws IOException {
        write("go.mod", "module example.com/m\n");
        write("a/b.go", "package a\n");
        write("a/B.go", "package a // upper\n");
        write("\u00e9t\u00e9/x.txt", "x");
        Files.createDirectories(tmp.resolve("empty/dir"));
        List<String> names = DirHash.dirFiles(tmp, "example.com/m@v1.0.0");
        assertThat(names)
                .containsExactly(
                        "example.com/m@v1.0.0/a/B.go",
                        "example.com/m@v1.0.0/a/b.go",
                        "example.com/m@v1.0.0/go.mod",
                        "example.com/m@v1.0.0/\u00e9t\u00e9/x.txt");
        String want = DirHash.hash1(
                names, n -> Files.newInputStream(tmp.resolve(n.substring("example.com/m@v1.0.0/".length()))));
        assertThat(DirHash.hashDir(tmp, "example.com/m@v1.0.0")).isEqualTo(want);
    }

    @Test
    void hashDir_followsSymlinksAsFiles() throws IOException {
        write("real.txt", "content");
        Files.createSymbolicLink(tmp.resolve("link.txt"), tmp.resolve("real.txt"));
        assertThat(DirHash.dirFiles(tmp, "p")).containsExactly("p/link.txt", "p/real.txt");
        Map<String, String> files = Map.of("p/link.txt", "content", "p/real.txt", "content");
        assertThat(DirHash.hashDir(tmp, "p")).isEqualTo(DirHash.hash1(List.copyOf(files.keySet()), from(files)));
    }

    @Test
    void hashDir_notADirectory_fails() throws IOException {
        Path file = write("f", "x");
        assertThatThrownBy(() -> DirHash.hashDir(file, "p")).hasMessage(file + " is not a directory");
    }

    @Test
    void hashZip_equalsHash1OfEntries() throws IOException {
        ModuleVersion mv = new ModuleVersion("example.com/m", "v1.0.0");
        Path zip = tmp.resolve("m.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            ModuleZip.create(
                    mv,
                    List.of(
                            ZipFileSource.of("go.mod", "module example.com/m\n".getBytes(StandardCharsets.UTF_8)),
                            ZipFileSource.of("z.go", "package m\n".getBytes(StandardCharsets.UTF_8))),
                    out);
        }
        Map<String, String> files = Map.of(
                "example.com/m@v1.0.0/go.mod", "module example.com/m\n",
                "example.com/m@v1.0.0/z.go", "package m\n");
        assertThat(DirHash.hashZip(zip)).isEqualTo(DirHash.hash1(new ArrayList<>(files.keySet()), from(files)));
    }

    private Path write(String rel, String content) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Zero bytes of a given length, served in small reads. */
    private static final class CountingZeros extends InputStream {
        private long left;

        CountingZeros(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, 1000), left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
