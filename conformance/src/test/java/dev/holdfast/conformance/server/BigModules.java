package dev.holdfast.conformance.server;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Large module versions for the kill and shutdown tests: real zips written by {@link ModuleZip#create}
 * with pseudo-random (incompressible) data files, and their {@code h1:} hashes as the go command
 * computes them (dirhash).
 */
final class BigModules {
    private BigModules() {}

    /**
     * One generated module version.
     *
     * @param mv its path and version
     * @param mod its go.mod
     * @param zip its module zip
     * @param sum the zip's {@code h1:} hash
     */
    record Module(ModuleVersion mv, byte[] mod, byte[] zip, String sum) {
        /** Returns {@code path@version}. */
        String target() {
            return mv.path() + "@" + mv.version();
        }

        /** Returns the URL path of the zip under a proxy. */
        String zipPath() {
            return "/" + mv.path() + "/@v/" + mv.version() + ".zip";
        }

        /** Returns the two go.sum lines of this version. */
        String goSumLines() {
            return mv.path() + " " + mv.version() + " " + sum + "\n" + mv.path() + " " + mv.version() + "/go.mod "
                    + DirHash.hashGoMod(mod) + "\n";
        }
    }

    /** Returns {@code count} modules {@code example.com/big<i>} v1.0.0 with zips of about {@code zipBytes}. */
    static List<Module> create(int count, int zipBytes, long seed) {
        Random random = new Random(seed);
        List<Module> modules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            modules.add(create(new ModuleVersion("example.com/big" + i, "v1.0.0"), zipBytes, random));
        }
        return List.copyOf(modules);
    }

    private static Module create(ModuleVersion mv, int zipBytes, Random random) {
        byte[] mod = ("module " + mv.path() + "\n\ngo 1.21\n").getBytes(StandardCharsets.UTF_8);
        List<ZipFileSource> files = new ArrayList<>();
        files.add(ZipFileSource.of("go.mod", mod));
        files.add(ZipFileSource.of("big.go", "package big\n".getBytes(StandardCharsets.UTF_8)));
        int parts = 16;
        for (int i = 0; i < parts; i++) {
            byte[] data = new byte[zipBytes / parts];
            random.nextBytes(data);
            files.add(ZipFileSource.of("data/f" + i + ".bin", data));
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream(zipBytes + 8192);
        try {
            ModuleZip.create(mv, files, zip);
            return new Module(mv, mod, zip.toByteArray(), hashZip(zip.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the {@code h1:} hash of the zip {@code bytes}, or a note when they are not a module zip. */
    static String hashZip(byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile("holdfast-big", ".zip");
        try {
            Files.write(tmp, bytes);
            return DirHash.hashZip(tmp);
        } catch (IOException | RuntimeException e) {
            return "not a module zip: " + e.getMessage();
        } finally {
            Files.delete(tmp);
        }
    }

    /** Serves {@code modules} from {@code origin}; returns it. */
    static LocalOrigin serve(LocalOrigin origin, List<Module> modules) {
        for (Module m : modules) {
            origin.add(m.mv().path(), m.mv().version(), Instant.parse("2024-05-06T07:08:09Z"), m.mod(), m.zip());
        }
        return origin;
    }

    /** Writes a module requiring every one of {@code modules}, with their go.sum lines, into {@code dir}. */
    static Path writeWorkModule(Path dir, List<Module> modules) throws IOException {
        Files.createDirectories(dir);
        StringBuilder goMod = new StringBuilder("module example.com/work\n\ngo 1.21\n\nrequire (\n");
        StringBuilder goSum = new StringBuilder();
        for (Module m : modules) {
            goMod.append('\t')
                    .append(m.mv().path())
                    .append(' ')
                    .append(m.mv().version())
                    .append('\n');
            goSum.append(m.goSumLines());
        }
        Files.writeString(dir.resolve("go.mod"), goMod.append(")\n"));
        Files.writeString(dir.resolve("go.sum"), goSum);
        return dir;
    }
}
