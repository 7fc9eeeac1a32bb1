package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.sum.GoSum;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zip checks of {@link Verifier#checkZip}. The messages for a foreign entry, a file that is not a
 * zip and a case collision are the ones go1.26.8's {@code go mod download} printed for the same zips
 * (the unzip message names the file being checked).
 */
class VerifierZipTest {
    private static final ModuleVersion A = new ModuleVersion("example.com/a", "v1.0.0");

    @TempDir
    Path tmp;

    private Path zip(String... namesAndContents) throws IOException {
        Path file = Files.createTempFile(tmp, "z", ".zip");
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(namesAndContents[i]));
                z.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return file;
    }

    @Test
    void none_validZip_hashUnknown() throws IOException {
        Path z = zip("example.com/a@v1.0.0/go.mod", "module example.com/a\n", "example.com/a@v1.0.0/a.go", "package a");
        assertThat(Verifier.NONE.checkZip(A, z))
                .isEqualTo(new Verifier.Checked(DirHash.hashZip(z), Verifier.Verdict.UNKNOWN));
    }

    @Test
    void foreignEntry_goMessage() throws IOException {
        Path z = zip("example.com/a@v1.0.0/go.mod", "module example.com/a\n", "other/x.go", "package x");
        assertThatThrownBy(() -> Verifier.NONE.checkZip(A, z))
                .isInstanceOf(UpstreamException.class)
                .hasMessage("zip for example.com/a@v1.0.0 has unexpected file other/x.go")
                .satisfies(e -> assertThat(FetchErrors.isTransient(e)).isFalse());
    }

    @Test
    void notAZip_goMessage() throws IOException {
        Path z = Files.writeString(tmp.resolve("garbage.zip"), "garbage not a zip");
        assertThatThrownBy(() -> Verifier.NONE.checkZip(A, z))
                .isInstanceOf(UpstreamException.class)
                .hasMessage("zip: not a valid zip file")
                .satisfies(e -> assertThat(FetchErrors.isTransient(e)).isFalse());
    }

    @Test
    void caseCollision_unzipMessage() throws IOException {
        ModuleVersion b = new ModuleVersion("example.com/b", "v1.0.0");
        Path z = zip(
                "example.com/b@v1.0.0/go.mod",
                "module example.com/b\n",
                "example.com/b@v1.0.0/A.go",
                "package x",
                "example.com/b@v1.0.0/a.go",
                "package x");
        assertThatThrownBy(() -> Verifier.NONE.checkZip(b, z))
                .isInstanceOf(UpstreamException.class)
                .hasMessage("unzip " + z + ": example.com/b@v1.0.0/a.go: case-insensitive file name collision: "
                        + "\"A.go\" and \"a.go\"");
    }

    @Test
    void goSum_mismatch_beforeStructure() throws IOException {
        Path z = zip("example.com/a@v1.0.0/go.mod", "module example.com/a\n");
        String other = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        Verifier v = GoSumVerifier.of(
                GoSum.parse("go.sum", ("example.com/a v1.0.0 " + other + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> v.checkZip(A, z))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageStartingWith("verifying example.com/a@v1.0.0: checksum mismatch\n\tdownloaded: "
                        + DirHash.hashZip(z) + "\n\tgo.sum:     " + other + "\n");
    }

    @Test
    void goSum_match() throws IOException {
        Path z = zip("example.com/a@v1.0.0/go.mod", "module example.com/a\n");
        String h = DirHash.hashZip(z);
        Verifier v = GoSumVerifier.of(
                GoSum.parse("go.sum", ("example.com/a v1.0.0 " + h + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(v.checkZip(A, z).verdict()).isEqualTo(Verifier.Verdict.MATCHED);
        assertThat(z).exists(); // checking does not consume the file
    }
}
