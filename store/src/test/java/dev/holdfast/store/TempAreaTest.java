package dev.holdfast.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempAreaTest {
    @TempDir
    Path tmp;

    @Test
    void dirFor_sweepsWhatDeadProcessesLeftAndKeepsTheLivingOnes() throws IOException {
        Path area = Files.createDirectories(tmp.resolve("cache/holdfast-tmp"));
        Path dead = Files.createDirectories(area.resolve("p1-1"));
        Files.writeString(dead.resolve(".owner"), "");
        Files.write(dead.resolve("t123.tmp"), new byte[4096]); // a partial zip of a killed process
        Path alive = Files.createDirectories(area.resolve("p2-2"));
        Path oldLoose = Files.writeString(area.resolve("t9.tmp"), "old");
        Files.setLastModifiedTime(oldLoose, FileTime.from(Instant.now().minusSeconds(7200)));
        Path newLoose = Files.writeString(area.resolve("t8.tmp"), "new");

        try (Flock living = Flock.lock(alive.resolve(".owner"))) {
            Path mine = TempArea.dirFor(area);

            assertThat(mine.getParent()).isEqualTo(area);
            assertThat(dead).doesNotExist();
            assertThat(alive).isDirectory();
            assertThat(oldLoose).doesNotExist();
            assertThat(newLoose).exists();
            try (Stream<Path> left = Files.list(area)) {
                assertThat(left).containsExactlyInAnyOrder(alive, mine, newLoose);
            }
        }
    }

    @Test
    void diskStoreTempFiles_liveInTheProcessDirectory() throws IOException {
        DiskStore store = DiskStore.of(tmp.resolve("modcache"));

        Path a = store.tempFile();
        Path b = store.tempFile();

        assertThat(a.getParent()).isEqualTo(b.getParent());
        assertThat(a.getParent().getParent()).isEqualTo(tmp.resolve("modcache/cache/holdfast-tmp"));
        assertThat(a.getParent().resolve(".owner")).exists();
    }
}
