package dev.holdfast.store;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small valid module zips for store tests. */
final class TestZips {
    private TestZips() {}

    /** Returns a zip of {@code mv} with a go.mod, a nested package and {@code files} extra files. */
    static byte[] zip(ModuleVersion mv, int seed, int files) throws IOException {
        List<ZipFileSource> sources = new ArrayList<>();
        sources.add(ZipFileSource.of("go.mod", ("module " + mv.path() + "\n").getBytes(StandardCharsets.UTF_8)));
        sources.add(ZipFileSource.of("a/b/c.go", ("package c // " + seed + "\n").getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < files; i++) {
            sources.add(ZipFileSource.of(
                    "f" + i + ".txt", ("seed " + seed + " file " + i).getBytes(StandardCharsets.UTF_8)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModuleZip.create(mv, sources, out);
        return out.toByteArray();
    }

    static byte[] zip(ModuleVersion mv, int seed) throws IOException {
        return zip(mv, seed, 2);
    }
}
