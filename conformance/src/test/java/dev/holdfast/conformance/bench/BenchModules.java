package dev.holdfast.conformance.bench;

import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Module versions made for the server benchmarks: real module zips written by {@link ModuleZip#create}
 * whose data files are pseudo-random (so the zips are about as large as their content), one version per
 * module, {@code example.com/bench/m<i>@v1.0.0}.
 */
final class BenchModules {
    private BenchModules() {}

    /**
     * One module version.
     *
     * @param mv the module path and version
     * @param time the commit time its {@code .info} carries
     * @param mod its go.mod
     * @param zip its module zip
     */
    record Module(ModuleVersion mv, Instant time, byte[] mod, byte[] zip) {
        /** Returns the URL path of {@code .info}, {@code .mod} or {@code .zip} ({@code suffix}) on a GOPROXY. */
        String urlPath(String suffix) {
            return "/" + ModulePath.escape(mv.path()) + "/@v/" + ModulePath.escapeVersion(mv.version()) + suffix;
        }

        /** Returns the requirement line of a go.mod that needs this version. */
        String require() {
            return mv.path() + " " + mv.version();
        }
    }

    /** Returns {@code count} modules with zips of about {@code zipBytes} bytes each, drawn from {@code seed}. */
    static List<Module> generate(int count, int zipBytes, long seed) throws IOException {
        return generate("example.com/bench/m", count, zipBytes, seed);
    }

    /** Returns {@code count} modules as {@link #generate(int, int, long)} does, named {@code prefix<i>}. */
    static List<Module> generate(String prefix, int count, int zipBytes, long seed) throws IOException {
        Random random = new Random(seed);
        Path tmp = Files.createTempDirectory("holdfast-bench-modules");
        try {
            List<Module> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                out.add(create(prefix + i, zipBytes, random, tmp));
            }
            return List.copyOf(out);
        } finally {
            Files.deleteIfExists(tmp.resolve("data.bin"));
            Files.deleteIfExists(tmp.resolve("module.zip"));
            Files.delete(tmp);
        }
    }

    /**
     * Returns version v1.0.0 of module {@code path} whose zip holds a go.mod, a Go file and about {@code
     * zipBytes} random bytes in one data file, written through {@code tmp} so that even a large zip is
     * never built in memory twice.
     */
    static Module create(String path, int zipBytes, Random random, Path tmp) throws IOException {
        ModuleVersion mv = new ModuleVersion(path, "v1.0.0");
        byte[] mod = ("module " + path + "\n\ngo 1.21\n").getBytes(StandardCharsets.UTF_8);
        Path data = tmp.resolve("data.bin");
        try (OutputStream out = Files.newOutputStream(data)) {
            byte[] block = new byte[1 << 20];
            for (long left = zipBytes; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        List<ZipFileSource> files = List.of(
                ZipFileSource.of("go.mod", mod),
                ZipFileSource.of("bench.go", "package bench\n".getBytes(StandardCharsets.UTF_8)),
                ZipFileSource.of("data/data.bin", data));
        Path zip = tmp.resolve("module.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            ModuleZip.create(mv, files, out);
        }
        Instant time = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(1_000_000));
        return new Module(mv, time, mod, Files.readAllBytes(zip));
    }

    /** Serves every module of {@code modules} from {@code origin} and returns it. */
    static LocalOrigin serve(LocalOrigin origin, List<Module> modules) {
        for (Module m : modules) {
            origin.add(m.mv().path(), m.mv().version(), m.time(), m.mod(), m.zip());
        }
        return origin;
    }

    /** Returns the hex SHA-256 of {@code data}. */
    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest().digest(data));
    }

    /** Returns a new SHA-256 digest. */
    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
