package dev.holdfast.conformance.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.GoSumVerifier;
import dev.holdfast.fetch.ZipTarget;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.sum.GoSum;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A process writing a big module zip through {@link DiskStore} is killed with SIGKILL at each step
 * of the write (and in the middle of hashing and of extracting). Whatever it left, {@code go mod
 * verify} accepts the module cache, everything Holdfast reads back has the right hash, and fetching
 * again through {@link CachingSource} completes the cache so that {@code GOPROXY=off go mod download}
 * reports the right hash.
 */
class KillDuringWriteConformanceTest {
    private static final ModuleVersion MV = new ModuleVersion("example.com/big", "v1.0.0");
    private static final int FILES = 1000;
    private static final int FILE_BYTES = 12 << 10;

    private static Path dir;
    private static ProxyDir proxy;
    private static String h1;
    private static byte[] goSum;
    private static int cases;
    private static int accepted;

    @BeforeAll
    static void bigModule() throws IOException {
        dir = Files.createTempDirectory("holdfast-kill");
        proxy = new ProxyDir(dir.resolve("proxy"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < FILES; i++) {
            byte[] data = new byte[FILE_BYTES];
            random.nextBytes(data);
            files.put("d" + i % 10 + "/f" + i + ".bin", data);
        }
        Path zip = proxy.add(MV, files, "{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-01T00:00:00Z\"}");
        h1 = DirHash.hashZip(zip);
        String modHash = DirHash.hashGoMod(Files.readAllBytes(proxy.file(MV, "mod")));
        goSum = ("example.com/big v1.0.0 " + h1 + "\nexample.com/big v1.0.0/go.mod " + modHash + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void report() throws IOException {
        ConformanceReport.record(
                "store", "kill -9 during a DiskStore write: go mod verify and re-fetch accept", cases, accepted);
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    /**
     * @param pauseAt the step at which the child pauses to be killed, or {@code none}
     * @param killOn the output line after which the child is killed
     */
    @ParameterizedTest(name = "kill after {1}")
    @CsvSource({
        "FILE_RENAMED, PAUSED",
        "LIST_WRITTEN, PAUSED",
        "none, PUTTING ZIP",
        "ZIPHASH_WRITTEN, PAUSED",
        "ZIP_RENAMED, PAUSED",
        "PARTIAL_CREATED, PAUSED",
        "none, STEP PARTIAL_CREATED",
        "TREE_UNZIPPED, PAUSED",
        "TREE_RENAMED, PAUSED",
        "PARTIAL_REMOVED, PAUSED"
    })
    void killedWriter_leavesAnAcceptableCache(String pauseAt, String killOn) throws Exception {
        cases++;
        GoToolchain.Sandbox box = GoToolchain.get().sandbox(Files.createTempDirectory(dir, "box"));
        Path work = workModule();
        List<String> output = killChild(box.modCache(), pauseAt, killOn);

        GoToolchain.Run verify = box.run(work, Map.of(), "mod", "verify");
        assertThat(verify.exitCode())
                .as("after kill at %s: %s\n%s", killOn, output, verify.describe())
                .isZero();
        assertThat(verify.stdout()).isEqualTo("all modules verified\n");
        assertWhatRemainsIsValid(box.modCache());

        DiskStore store = DiskStore.of(box.modCache());
        CachingSource source = new CachingSource(
                store, new DirectorySource(proxy), GoSumVerifier.of(GoSum.parse("go.sum", goSum)), Clock.systemUTC());
        source.info(MV);
        source.mod(MV);
        source.zip(MV, new ZipTarget(Files.createTempFile(dir, "target", ".zip")));
        Path extracted = store.extractedDir(MV).orElseThrow();
        assertThat(DirHash.hashDir(extracted, MV.path() + "@" + MV.version())).isEqualTo(h1);
        assertNoLeftovers(box.modCache());

        GoToolchain.Run offline = box.run(work, Map.of(), "mod", "download", "-json", MV.path() + "@" + MV.version());
        assertThat(offline.exitCode()).as(offline.describe()).isZero();
        assertThat(offline.stdout()).contains("\"Sum\": \"" + h1 + "\"").doesNotContain("\"Error\"");
        assertThat(box.run(work, Map.of(), "mod", "verify").stdout()).isEqualTo("all modules verified\n");
        accepted++;
        box.cleanModCache();
    }

    private Path workModule() throws IOException {
        Path work = Files.createDirectories(Files.createTempDirectory(dir, "work"));
        Files.writeString(
                work.resolve("go.mod"), "module example.com/work\n\ngo 1.21\n\nrequire example.com/big v1.0.0\n");
        Files.write(work.resolve("go.sum"), goSum);
        return work;
    }

    /** Starts {@link CacheWriterChild}, kills it with SIGKILL after line {@code killOn}; returns its output. */
    private static List<String> killChild(Path modCache, String pauseAt, String killOn) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                CacheWriterChild.class.getName(),
                modCache.toString(),
                proxy.root().toString(),
                MV.path(),
                MV.version(),
                pauseAt);
        pb.redirectError(Files.createTempFile(dir, "child", ".err").toFile());
        Process child = pb.start();
        List<String> lines = new ArrayList<>();
        CompletableFuture<Boolean> reached = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.equals(killOn)) {
                        child.destroyForcibly(); // SIGKILL on Unix
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        boolean killed = reached.get(25, TimeUnit.SECONDS);
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        synchronized (lines) {
            assertThat(killed).as("child reached %s: %s", killOn, lines).isTrue();
            assertThat(lines).doesNotContain("DONE");
            return List.copyOf(lines);
        }
    }

    /** Every file that has its final name is valid; only marked or temporary files may be partial. */
    private static void assertWhatRemainsIsValid(Path modCache) throws IOException {
        Path at = modCache.resolve("cache/download/example.com/big/@v");
        Path zip = at.resolve("v1.0.0.zip");
        Path ziphash = at.resolve("v1.0.0.ziphash");
        if (Files.exists(zip)) {
            assertThat(DirHash.hashZip(zip)).isEqualTo(h1);
            assertThat(ziphash).as("a zip never lacks its ziphash").exists();
        }
        if (Files.exists(ziphash)) {
            assertThat(ziphash).hasContent(h1);
        }
        Path tree = modCache.resolve("example.com/big@v1.0.0");
        if (Files.isDirectory(tree) && !Files.exists(at.resolve("v1.0.0.partial"))) {
            assertThat(DirHash.hashDir(tree, MV.path() + "@" + MV.version())).isEqualTo(h1);
        }
        assertThat(at.resolve("v1.0.0.mod")).exists();
        if (Files.exists(at.resolve("list"))) {
            assertThat(Files.readString(at.resolve("list"))).isIn("", "v1.0.0\n");
        }
    }

    private static void assertNoLeftovers(Path modCache) throws IOException {
        try (Stream<Path> walk = Files.walk(modCache.resolve("cache/download"))) {
            assertThat(walk.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".tmp") || n.endsWith(".partial"));
        }
        try (Stream<Path> top = Files.list(modCache.resolve("example.com"))) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactly("big@v1.0.0");
        }
    }
}
