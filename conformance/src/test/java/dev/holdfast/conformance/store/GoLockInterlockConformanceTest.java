package dev.holdfast.conformance.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.Flock;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holdfast's module cache locks and the go command's exclude each other: {@code go mod download}
 * waits while Holdfast holds {@code <version>.lock}, Holdfast cannot take it while the go command
 * holds it, and — the reason {@link Flock} exists — a JDK {@code FileChannel.lock} on the same file
 * does not hold the go command back at all.
 */
class GoLockInterlockConformanceTest {
    private static final ModuleVersion MV = new ModuleVersion("example.com/locked", "v1.0.0");
    private static final long HOLD_MILLIS = 2_500;

    @TempDir
    Path tmp;

    private CompletableFuture<GoToolchain.Run> goDownload(GoToolchain.Sandbox box, String goproxy) throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work"));
        return CompletableFuture.supplyAsync(() ->
                box.run(work, Map.of("GOPROXY", goproxy), "mod", "download", "-json", MV.path() + "@" + MV.version()));
    }

    private static Path lockFile(GoToolchain.Sandbox box) {
        return box.modCache().resolve("cache/download/example.com/locked/@v/v1.0.0.lock");
    }

    /** Waits until the go command has cached the go.mod, the step before it takes the version lock. */
    private static void awaitGoMod(GoToolchain.Sandbox box, CompletableFuture<GoToolchain.Run> go) throws Exception {
        Path mod = box.modCache().resolve("cache/download/example.com/locked/@v/v1.0.0.mod");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(mod) && !go.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(mod).as("go command fetched the go.mod").exists();
    }

    @Test
    void goCommand_waitsForHoldfastsVersionLock() throws Exception {
        ProxyDir proxy = new ProxyDir(tmp.resolve("proxy"));
        String h1 = DirHash.hashZip(proxy.add(MV));
        GoToolchain.Sandbox box = GoToolchain.get().sandbox(tmp.resolve("box"));
        DiskStore store = DiskStore.of(box.modCache());

        CompletableFuture<GoToolchain.Run> go;
        boolean waited;
        long released;
        try (Flock lock = store.lockVersion(MV)) {
            go = goDownload(box, proxy.url());
            awaitGoMod(box, go);
            Thread.sleep(HOLD_MILLIS);
            waited = !go.isDone()
                    && !Files.exists(box.modCache().resolve("cache/download/example.com/locked/@v/v1.0.0.zip"));
            released = System.nanoTime();
        }
        GoToolchain.Run run = go.get(30, TimeUnit.SECONDS);
        long afterRelease = System.nanoTime() - released;
        ConformanceReport.record("store", "go mod download waits for Holdfast's version flock", 1, waited ? 1 : 0);
        assertThat(waited).as("go mod download was still waiting for the lock").isTrue();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("\"Sum\": \"" + h1 + "\"");
        assertThat(afterRelease).isLessThan(TimeUnit.SECONDS.toNanos(20));
        box.cleanModCache();
    }

    @Test
    void fileChannelLock_doesNotHoldTheGoCommandBack() throws Exception {
        ProxyDir proxy = new ProxyDir(tmp.resolve("proxy"));
        proxy.add(MV);
        GoToolchain.Sandbox box = GoToolchain.get().sandbox(tmp.resolve("box"));
        Path lock = lockFile(box);
        Files.createDirectories(lock.getParent());
        GoToolchain.Run run;
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock fcntl = channel.lock()) {
            run = goDownload(box, proxy.url()).get(30, TimeUnit.SECONDS); // finishes while "locked"
        }
        assertThat(run.exitCode()).as(run.describe()).isZero();
        box.cleanModCache();
    }

    @Test
    void holdfast_cannotLockWhileTheGoCommandDownloads() throws Exception {
        ProxyDir proxy = new ProxyDir(tmp.resolve("proxy"));
        byte[] zip = Files.readAllBytes(proxy.add(MV));
        CountDownLatch zipRequested = new CountDownLatch(1);
        CountDownLatch releaseZip = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = proxy.root().resolve(exchange.getRequestURI().getPath().substring(1));
            if (file.toString().endsWith(".zip")) {
                zipRequested.countDown();
                awaitQuietly(releaseZip);
            }
            byte[] body = Files.exists(file) ? Files.readAllBytes(file) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
        try {
            GoToolchain.Sandbox box = GoToolchain.get().sandbox(tmp.resolve("box"));
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            CompletableFuture<GoToolchain.Run> go = goDownload(box, url);
            assertThat(zipRequested.await(20, TimeUnit.SECONDS))
                    .as("go requested the zip")
                    .isTrue();
            Optional<Flock> whileGoDownloads = Flock.tryLock(lockFile(box));
            whileGoDownloads.ifPresent(GoLockInterlockConformanceTest::closeQuietly);
            releaseZip.countDown();
            GoToolchain.Run run = go.get(30, TimeUnit.SECONDS);
            Optional<Flock> afterwards = Flock.tryLock(lockFile(box));
            afterwards.ifPresent(GoLockInterlockConformanceTest::closeQuietly);
            boolean agreed = whileGoDownloads.isEmpty() && afterwards.isPresent();
            ConformanceReport.record("store", "Holdfast's version flock waits for go mod download", 1, agreed ? 1 : 0);
            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(whileGoDownloads)
                    .as("lock free while the go command downloads")
                    .isEmpty();
            assertThat(afterwards).as("lock free after the go command finished").isPresent();
            assertThat(box.modCache().resolve("cache/download/example.com/locked/@v/v1.0.0.zip"))
                    .hasBinaryContent(zip);
            box.cleanModCache();
        } finally {
            releaseZip.countDown();
            server.stop(0);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Flock lock) {
        try {
            lock.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
