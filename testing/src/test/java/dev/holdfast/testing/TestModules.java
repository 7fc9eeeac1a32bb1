package dev.holdfast.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Module files for the lab's tests: go.mod text, module zips, and filler bytes. */
final class TestModules {
    private TestModules() {}

    /** Returns the go.mod of module {@code path}. */
    static byte[] mod(String path) {
        return ("module " + path + "\n\ngo 1.21\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns a module zip as the go command expects one: every file under {@code path@version/}, here a
     * go.mod and one package file.
     */
    static byte[] zip(String path, String version) {
        String prefix = path + "@" + version + "/";
        String name = path.substring(path.lastIndexOf('/') + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(prefix + "go.mod"));
            zip.write(mod(path));
            zip.putNextEntry(new ZipEntry(prefix + name + ".go"));
            zip.write(("package " + name + "\n\n// Hello greets.\nfunc Hello() string { return \"hello\" }\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Returns {@code n} reproducible pseudo-random bytes, to stand in for a large zip. */
    static byte[] filler(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
