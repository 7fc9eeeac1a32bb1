package dev.holdfast.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.holdfast.store.StoredContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Keeps the bytes of the zips served most often in memory, up to a bound ({@code serve --memory-cache}),
 * so that a warm cache sends them without reading them again. Sending a stored zip from disk costs the
 * file's read (the kernel copying it out of the page cache, and the JDK copying it on into the heap) as
 * well as the socket's write: the read was about a quarter of the server's CPU per 1 MiB zip under load
 * (docs/benchmarks.md, "A memory tier for zips"). nginx avoids both copies with {@code sendfile}, which
 * the web server's byte-array API leaves no way to use.
 *
 * <p>A zip is kept by its store key with its entity tag (its {@code h1:} hash, else its size and time).
 * Like {@link ImmutableAnswers}, a kept zip is answered without asking the store again ({@link #get}: a
 * module version's zip never changes, and was verified before it was stored), which for a store in a
 * bucket saves a request to the bucket each time; when the store does hand out the zip with another
 * tag, that copy replaces the kept one ({@link #whole}). Only zips
 * of at most a sixteenth of the bound are kept, and zips being read into memory that the cache does not
 * hold yet are bounded too (a quarter of the bound; beyond it a zip is sent from the store as before),
 * so the memory this takes stays within one and a quarter times the bound whatever clients ask for.
 * Which zips stay is Caffeine's choice (recency and frequency). Thread-safe.
 */
final class HotZips {
    /**
     * A zip kept in memory.
     *
     * @param chunks its bytes
     * @param etag its entity tag, as {@link ZipReply} sends it
     */
    record Kept(Reply.Chunks chunks, String etag) {}

    private final long maxBytes;
    private final Cache<String, Kept> zips;
    private final Semaphore loading;

    /** Keeps at most {@code maxBytes} bytes of zips; 0 keeps none. */
    HotZips(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("negative memory cache size: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.zips = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Kept kept) -> (int) kept.chunks().length())
                .recordStats()
                .executor(Runnable::run) // evicts on the thread that adds, so the bound holds at once
                .build();
        this.loading = new Semaphore((int) Math.min(Integer.MAX_VALUE, maxBytes / 4 >> 10));
    }

    /** Returns the most bytes of zips kept. */
    long maxBytes() {
        return maxBytes;
    }

    /** Returns the bytes of zips kept now. */
    long bytes() {
        return zips.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    /** Returns how many zips are kept now. */
    long entries() {
        return zips.estimatedSize();
    }

    /** Returns how many zips were sent from memory. */
    long hits() {
        return zips.stats().hitCount();
    }

    /** Returns the zip kept under store key {@code storeKey}, without asking the store; or empty. */
    Optional<Kept> get(String storeKey) {
        return Optional.ofNullable(zips.getIfPresent(storeKey));
    }

    /**
     * Returns the whole of {@code zip}, stored under {@code storeKey} with entity tag {@code tag}, from
     * memory, reading it in first when it may be kept (in place of a copy with another tag); empty when
     * it is too large to keep or too much is being read in already. Does not close {@code zip}.
     */
    Optional<Reply.Chunks> whole(String storeKey, String tag, StoredContent zip) throws IOException {
        if (zip.size() > maxBytes / 16) {
            return Optional.empty();
        }
        Kept kept = zips.getIfPresent(storeKey);
        if (kept != null && kept.etag().equals(tag)) {
            return Optional.of(kept.chunks());
        }
        int kib = (int) ((zip.size() >> 10) + 1);
        if (!loading.tryAcquire(kib)) {
            return Optional.empty();
        }
        try {
            Reply.Chunks chunks = read(zip);
            zips.put(storeKey, new Kept(chunks, tag));
            return Optional.of(chunks);
        } finally {
            loading.release(kib);
        }
    }

    /** Reads all of {@code zip} into chunks. */
    private static Reply.Chunks read(StoredContent zip) throws IOException {
        long size = zip.size();
        byte[][] chunks = new byte[(int) ((size + FileBody.CHUNK - 1) / FileBody.CHUNK)][];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = new byte[(int) Math.min(FileBody.CHUNK, size - (long) i * FileBody.CHUNK)];
        }
        switch (zip) {
            case StoredContent.OnDisk file -> {
                try (FileChannel channel = FileChannel.open(file.file(), StandardOpenOption.READ)) {
                    long position = 0;
                    for (byte[] chunk : chunks) {
                        ByteBuffer buffer = ByteBuffer.wrap(chunk);
                        while (buffer.hasRemaining()) {
                            int n = channel.read(buffer, position);
                            if (n < 0) {
                                throw new IOException(file.file() + ": shorter than " + size + " bytes");
                            }
                            position += n;
                        }
                    }
                }
            }
            case StoredContent.Streamed stream -> {
                InputStream in = stream.in();
                for (byte[] chunk : chunks) {
                    if (in.readNBytes(chunk, 0, chunk.length) < chunk.length) {
                        throw new IOException("stored content shorter than " + size + " bytes");
                    }
                }
            }
        }
        return new Reply.Chunks(chunks, size);
    }
}
