package dev.holdfast.zip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Fuzzes the zip checker with arbitrary bytes: a zip is refused with a {@link ModuleZipException}
 * (bad input) or an {@link IOException}, or reported as checked files. Like x/mod's CheckZip, the
 * checker reads only the central directory, so a zip it accepts may still hold corrupt compressed
 * data (seed {@code corrupt-deflate-data}): unzipping it then fails with a {@link
 * ModuleZipException} and writes nothing outside the target directory; when it succeeds, the tree
 * has the zip's h1 hash.
 */
class ModuleZipFuzzTest {
    private static final ModuleVersion MODULE = new ModuleVersion("example.com/m", "v1.0.0");

    @FuzzTest(maxDuration = "60s")
    void checkAndUnzip(byte[] data) throws IOException {
        Path dir = Files.createTempDirectory("zipfuzz");
        try {
            Path zip = dir.resolve("m.zip");
            Files.write(zip, data);
            CheckedFiles checked;
            try {
                checked = ModuleZip.checkZip(MODULE, zip);
            } catch (IOException | ModuleZipException expected) {
                assertThat(expected.getMessage()).isNotBlank();
                return;
            }
            if (checked.isValid()) {
                Path target = dir.resolve("out");
                try {
                    ModuleZip.unzip(target, MODULE, zip);
                } catch (ModuleZipException corrupt) {
                    assertThat(corrupt.getMessage()).startsWith("unzip ");
                    return;
                } finally {
                    try (Stream<Path> entries = Files.list(dir)) {
                        assertThat(entries.map(p -> p.getFileName().toString())).isSubsetOf("m.zip", "out");
                    }
                }
                assertThat(DirHash.hashDir(target, MODULE.path() + "@" + MODULE.version()))
                        .isEqualTo(DirHash.hashZip(zip));
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.delete(p);
            }
        }
    }
}
