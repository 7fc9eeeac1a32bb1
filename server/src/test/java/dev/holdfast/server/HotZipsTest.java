package dev.holdfast.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.store.StoredContent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which zips are kept in memory, that they are sent byte for byte, and that memory stays bounded. */
class HotZipsTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    @Test
    void whole_keepsAZipAndSendsItAgainFromMemory() throws IOException {
        byte[] data = random(3 * FileBody.CHUNK + 123, 1); // three whole chunks and a partial one
        StoredContent zip = onDisk("a.zip", data);
        HotZips hot = new HotZips(64L << 20);

        assertThat(sent(hot.whole("k", "h1:a", zip).orElseThrow())).isEqualTo(data);
        Files.delete(dir.resolve("a.zip")); // from now on only memory can answer
        assertThat(sent(hot.whole("k", "h1:a", zip).orElseThrow())).isEqualTo(data);
        assertThat(hot.hits()).isEqualTo(1);
        assertThat(hot.entries()).isEqualTo(1);
        assertThat(hot.bytes()).isEqualTo(data.length);
    }

    @Test
    void whole_aNewEntityTagReplacesTheKeptCopy() throws IOException {
        HotZips hot = new HotZips(64L << 20);
        byte[] first = random(1000, 2);
        byte[] second = random(1000, 3);
        hot.whole("k", "\"1000-1\"", onDisk("a.zip", first));
        assertThat(hot.get("k").orElseThrow().etag()).isEqualTo("\"1000-1\"");
        assertThat(sent(hot.whole("k", "\"1000-2\"", onDisk("b.zip", second)).orElseThrow()))
                .isEqualTo(second);
        HotZips.Kept kept = hot.get("k").orElseThrow();
        assertThat(kept.etag()).isEqualTo("\"1000-2\"");
        assertThat(sent(kept.chunks())).isEqualTo(second);
        assertThat(hot.entries()).isEqualTo(1);
        assertThat(hot.get("other")).isEmpty();
    }

    @Test
    void whole_keepsZipsUpToASixteenthOfTheBound() throws IOException {
        HotZips hot = new HotZips(16 * 1000);
        assertThat(hot.whole("k1", "t", onDisk("a.zip", random(1000, 4)))).isPresent();
        assertThat(hot.whole("k2", "t", onDisk("b.zip", random(1001, 5)))).isEmpty();
        assertThat(new HotZips(0).whole("k1", "t", onDisk("a.zip", random(1, 6))))
                .isEmpty();
    }

    @Test
    void whole_staysWithinTheBound() throws IOException {
        long bound = 1 << 20;
        HotZips hot = new HotZips(bound);
        for (int i = 0; i < 40; i++) {
            hot.whole("k" + i, "t", onDisk(i + ".zip", random((int) (bound / 16), i)));
            assertThat(hot.bytes()).isLessThanOrEqualTo(bound);
        }
        assertThat(hot.entries()).isBetween(1L, 16L);
    }

    @Test
    void whole_readsAStream_andRefusesAShortOne() throws IOException {
        HotZips hot = new HotZips(64L << 20);
        byte[] data = random(FileBody.CHUNK + 1, 7);
        StoredContent stream = new StoredContent.Streamed(new ByteArrayInputStream(data), data.length, T, "");
        assertThat(sent(hot.whole("k", "t", stream).orElseThrow())).isEqualTo(data);

        StoredContent shorter = new StoredContent.Streamed(new ByteArrayInputStream(data), data.length + 1, T, "");
        assertThatThrownBy(() -> hot.whole("k2", "t", shorter))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("shorter than " + (data.length + 1));
        assertThat(hot.whole("k2", "t", new StoredContent.Streamed(new ByteArrayInputStream(data), data.length, T, "")))
                .isPresent(); // a failed read keeps nothing and holds no memory back
    }

    @Test
    void whole_boundsWhatIsBeingReadIn() throws Exception {
        HotZips hot = new HotZips(16L * FileBody.CHUNK); // zips up to 64 KiB, 256 KiB being read in
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(3);
        List<Future<Optional<Reply.Chunks>>> loads = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 3; i++) { // 65 KiB counted for each: three fit in 256 KiB
                String key = "k" + i;
                loads.add(pool.submit(() -> hot.whole(key, "t", blocked(started, release))));
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            byte[] data = random(FileBody.CHUNK, 8);
            assertThat(hot.whole("k3", "t", onDisk("d.zip", data))).isEmpty(); // sent from the store instead
            release.countDown();
            for (Future<Optional<Reply.Chunks>> load : loads) {
                assertThat(load.get(10, TimeUnit.SECONDS)).isPresent();
            }
            assertThat(hot.whole("k3", "t", onDisk("d.zip", data))).isPresent();
        }
    }

    /** A 64 KiB stream that says it started and then waits for {@code release}. */
    private static StoredContent blocked(CountDownLatch started, CountDownLatch release) {
        InputStream in = new InputStream() {
            private int left = FileBody.CHUNK;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                if (left == 0) {
                    return -1;
                }
                int n = Math.min(len, left);
                left -= n;
                return n;
            }
        };
        return new StoredContent.Streamed(in, FileBody.CHUNK, T, "");
    }

    private StoredContent onDisk(String name, byte[] data) throws IOException {
        Path file = Files.write(dir.resolve(name), data);
        return new StoredContent.OnDisk(file, data.length, T, "");
    }

    private static byte[] sent(Reply.Chunks chunks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FileBody.send(chunks, out);
        assertThat(out.size()).isEqualTo(chunks.length());
        return out.toByteArray();
    }

    private static byte[] random(int n, long seed) {
        byte[] data = new byte[n];
        new Random(seed).nextBytes(data);
        return data;
    }
}
