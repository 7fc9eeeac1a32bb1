package dev.holdfast.modfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoModFileReadTest {
    @Test
    void read_smallFile(@TempDir Path dir) throws IOException {
        Path goMod = Files.writeString(dir.resolve("go.mod"), "module example.com/m\n");

        assertThat(new String(GoModFile.read(goMod), StandardCharsets.UTF_8)).isEqualTo("module example.com/m\n");
    }

    @Test
    void read_exactlyAtLimit(@TempDir Path dir) throws IOException {
        Path goMod = sparse(dir, GoModFile.MAX_BYTES);

        assertThat(GoModFile.read(goMod)).hasSize(GoModFile.MAX_BYTES);
    }

    @Test
    void read_oversizedIsRefusedWithoutReadingIt(@TempDir Path dir) throws IOException {
        // A sparse 4 GiB file: reading it whole would take seconds and exhaust the heap.
        Path goMod = sparse(dir, 4L << 30);

        assertThatThrownBy(() -> GoModFile.read(goMod))
                .isInstanceOf(GoModSyntaxException.class)
                .hasMessage(goMod + ": go.mod file too large (4294967296 bytes; limit is 16777216 bytes)");
    }

    private static Path sparse(Path dir, long size) throws IOException {
        Path file = dir.resolve("go.mod");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
        return file;
    }
}
