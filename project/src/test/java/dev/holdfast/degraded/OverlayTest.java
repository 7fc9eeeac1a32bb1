package dev.holdfast.degraded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayTest {
    @TempDir
    Path root;

    @Test
    void write_read_remove() throws Exception {
        Overlay overlay = Overlay.of(root);
        assertThat(overlay.exists()).isFalse();
        assertThat(overlay.read()).isEmpty();
        assertThat(overlay.goMod()).isEqualTo(root.resolve(".holdfast/degraded/go.mod"));

        overlay.write(bytes("module m\n"), bytes("m v1 h1:x\n"), OverlayRecordTest.record());

        assertThat(overlay.exists()).isTrue();
        assertThat(overlay.read()).contains(OverlayRecordTest.record());
        assertThat(Files.readString(overlay.goMod())).isEqualTo("module m\n");
        assertThat(Files.readString(overlay.goSum())).isEqualTo("m v1 h1:x\n");
        assertThat(Files.readString(overlay.dir().resolve(".gitignore"))).contains("*");
        try (var files = Files.list(overlay.dir())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("go.mod", "go.sum", "substitutions.json", ".gitignore");
        }

        assertThat(overlay.remove()).isTrue();
        assertThat(root.resolve(".holdfast")).doesNotExist();
        assertThat(overlay.remove()).isFalse();
    }

    @Test
    void remove_keepsOtherFilesInHoldfastDirectory() throws Exception {
        Overlay overlay = Overlay.of(root);
        overlay.write(bytes("module m\n"), bytes(""), OverlayRecordTest.record());
        Files.writeString(root.resolve(".holdfast/config.toml"), "x = 1\n");

        overlay.remove();

        assertThat(overlay.dir()).doesNotExist();
        assertThat(root.resolve(".holdfast/config.toml")).exists();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
