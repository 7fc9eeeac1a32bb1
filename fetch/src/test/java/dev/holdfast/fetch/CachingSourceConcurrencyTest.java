package dev.holdfast.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.MemoryStore;
import dev.holdfast.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Single flight: many threads asking for one key at once cause one upstream request. */
class CachingSourceConcurrencyTest {
    static final ModuleVersion MV = CachingSourceTest.MV;
    static final int THREADS = 32;

    @TempDir
    Path tmp;

    final CachingUpstream upstream = new CachingUpstream();

    @AfterEach
    void makeRemovable() throws IOException {
        try (Stream<Path> all = Files.walk(tmp)) {
            all.filter(Files::isDirectory).forEach(d -> d.toFile().setWritable(true));
        }
    }

    /** Runs {@code call} on {@link #THREADS} threads held at the upstream until all have asked. */
    private <T> List<Object> concurrently(CachingSource source, Call<T> call) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        upstream.gate = gate;
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> call.apply(source)));
            }
            while (upstream.requests.isEmpty()) {
                Thread.onSpinWait();
            }
            Thread.sleep(100); // let the other threads reach the flight
            gate.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    results.add(e.getCause());
                }
            }
            return results;
        } finally {
            upstream.gate = null;
        }
    }

    @FunctionalInterface
    interface Call<T> {
        T apply(CachingSource source) throws Exception;
    }

    @Test
    void mod_oneUpstreamRequest() throws Exception {
        upstream.add(MV);
        CachingSource source = new CachingSource(new MemoryStore(), upstream, Verifier.NONE, Clock.systemUTC());
        List<Object> results = concurrently(source, s -> s.mod(MV));
        assertThat(upstream.count("mod " + MV)).isEqualTo(1);
        assertThat(results).hasSize(THREADS).allSatisfy(r -> assertThat(r).isEqualTo(upstream.mods.get(MV)));
    }

    @Test
    void zip_oneUpstreamRequest_everyTargetFilled() throws Exception {
        byte[] zip = upstream.add(MV);
        Store store = DiskStore.of(tmp.resolve("modcache"));
        CachingSource source = new CachingSource(store, upstream, Verifier.NONE, Clock.systemUTC());
        List<Object> results = concurrently(source, s -> {
            ZipTarget t = new ZipTarget(Files.createTempFile(tmp, "t", ".zip"));
            s.zip(MV, t);
            return Files.readAllBytes(t.file());
        });
        assertThat(upstream.count("zip " + MV)).isEqualTo(1);
        assertThat(results).hasSize(THREADS).allSatisfy(r -> assertThat(r).isEqualTo(zip));
        try (Stream<Path> temps = Files.walk(tmp.resolve("modcache/cache/holdfast-tmp"))) {
            assertThat(temps.filter(Files::isRegularFile).filter(f -> !f.endsWith(".owner")))
                    .isEmpty();
        }
    }

    @Test
    void list_oneUpstreamRequest() throws Exception {
        upstream.add(MV);
        CachingSource source = new CachingSource(new MemoryStore(), upstream, Verifier.NONE, Clock.systemUTC());
        List<Object> results = concurrently(source, s -> s.list(MV.path()));
        assertThat(upstream.count("list " + MV.path())).isEqualTo(1);
        assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(List.of("v1.0.0")));
    }

    @Test
    void failure_sharedByAllWaiters_asOwnCopies() throws Exception {
        CachingSource source = new CachingSource(new MemoryStore(), upstream, Verifier.NONE, Clock.systemUTC());
        List<Object> results = concurrently(source, s -> s.mod(MV));
        assertThat(upstream.count("mod " + MV)).isEqualTo(1);
        assertThat(results).hasSize(THREADS).allSatisfy(r -> assertThat((Throwable) r)
                .isInstanceOf(ModuleNotFoundException.class)
                .hasMessage("example.com/m@v1.0.0: not found"));
        assertThat(results.stream().distinct().count()).isEqualTo(THREADS);
    }

    @Test
    void zip_corrupted_nothingStoredNoTempFileLeft() throws Exception {
        upstream.add(MV);
        upstream.zipFilter = b -> {
            b[b.length - 22] ^= 1; // the end-of-directory signature: not a zip any more
            return b;
        };
        Path root = tmp.resolve("modcache");
        DiskStore store = DiskStore.of(root);
        CachingSource source = new CachingSource(store, upstream, Verifier.NONE, Clock.systemUTC());
        List<Object> results = concurrently(source, s -> {
            s.zip(MV, new ZipTarget(Files.createTempFile(tmp, "t", ".zip")));
            return "stored";
        });
        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(UpstreamException.class));
        assertThat(store.open(dev.holdfast.store.StoreKey.zip(MV))).isEmpty();
        try (Stream<Path> files = Files.walk(root)) {
            // The process's temporary directory and its lock file stay; nothing else may.
            assertThat(files.filter(Files::isRegularFile).filter(f -> !f.endsWith(".owner")))
                    .isEmpty();
        }
    }
}
