package dev.holdfast.bench;

import dev.holdfast.dirhash.DirHash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code h1:} hash of a module zip holding 200 MB of content ({@link DirHash#hashZip}) beside two
 * baselines measured in the same run: a plain SHA-256 of the zip file's bytes, and the least work any
 * content hash of a zip must do — inflate every entry with the JDK's {@link ZipInputStream} and feed
 * it all to one SHA-256. The goal is at least 0.8 of the baselines' throughput. Two kinds of content:
 * {@code random} (incompressible: the zip file is about 200 MB, so both baselines read the same bytes)
 * and {@code source} (Go-like text that deflate shrinks to a small file, so only the inflate baseline
 * is comparable).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx512m"})
public class H1Benchmark {
    private static final int FILES = 200;
    private static final int FILE_BYTES = 1 << 20;

    @Param({"random", "source"})
    public String content;

    private Path dir;
    private Path zip;

    @Setup(Level.Trial)
    public void writeZip() throws IOException {
        dir = Files.createTempDirectory("h1bench");
        zip = dir.resolve("m.zip");
        Random random = new Random(42);
        byte[] data = new byte[FILE_BYTES];
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < FILES; i++) {
                fill(data, random);
                out.putNextEntry(new ZipEntry("example.com/bench@v1.0.0/pkg" + i % 10 + "/file" + i + ".go"));
                out.write(data);
                out.closeEntry();
            }
        }
    }

    private void fill(byte[] data, Random random) {
        if (content.equals("random")) {
            random.nextBytes(data);
            return;
        }
        byte[] line = ("\tvalue" + random.nextInt(1000) + " := compute(ctx, \"key\", " + random.nextInt()
                        + ") // comment\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < data.length; i++) {
            data[i] = line[i % line.length];
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(zip);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public String h1() throws IOException {
        return DirHash.hashZip(zip);
    }

    @Benchmark
    public byte[] inflateAndSha256() throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            while (in.getNextEntry() != null) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
            }
        }
        return sha.digest();
    }

    @Benchmark
    public byte[] sha256OfZipFile() throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(zip)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return sha.digest();
    }
}
