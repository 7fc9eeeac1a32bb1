package dev.holdfast.server;

import dev.holdfast.fetch.LocalFailureException;
import dev.holdfast.store.Store;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the cache can take what a fill writes, for {@code /readyz}: a probe of {@value #PROBE_BYTES}
 * bytes is written and synced, at least {@value #MIN_FREE_MIB} MiB are free, a store that is a bucket
 * answers ({@link Store#checkReachable}), and no fill failed for want of the store in the last {@link
 * #REMEMBER}. A server that cannot store is taken out of a load
 * balancer's rotation instead of answering 503 to every miss. Thread-safe.
 */
final class StoreReadiness {
    /** The size of the probe file. */
    static final int PROBE_BYTES = 4096;

    /** The free space below which the store counts as full. */
    static final long MIN_FREE_MIB = 64;

    /** How long a failed store write keeps the server not ready. */
    static final Duration REMEMBER = Duration.ofSeconds(30);

    private final Store store;
    private final Path localDir;
    private final Clock clock;
    private volatile Instant lastFailure;
    private volatile String lastMessage;

    /** Returns the readiness of {@code store}, counting the free space of the disk {@code localDir} is on. */
    StoreReadiness(Store store, Path localDir, Clock clock) {
        this.store = store;
        this.localDir = localDir;
        this.clock = clock;
    }

    /** Records that a fill failed because the store could not take it. */
    void failed(LocalFailureException e) {
        lastMessage = e.getMessage();
        lastFailure = clock.instant();
    }

    /** Returns the {@code /readyz} answer. */
    Reply check() {
        Instant failed = lastFailure;
        if (failed != null && clock.instant().isBefore(failed.plus(REMEMBER))) {
            return Reply.text(503, "store failed at " + failed + ": " + lastMessage);
        }
        try {
            store.checkReachable();
        } catch (IOException | RuntimeException e) {
            return Reply.text(503, "store not reachable: " + e.getMessage());
        }
        try {
            probe();
            long free = Files.getFileStore(localDir).getUsableSpace() >> 20;
            if (free < MIN_FREE_MIB) {
                return Reply.text(503, "store nearly full: " + free + " MiB free in " + localDir);
            }
            return Reply.text(200, "ready");
        } catch (IOException | RuntimeException e) {
            return Reply.text(503, "store not writable: " + e.getMessage());
        }
    }

    private void probe() throws IOException {
        Path tmp = store.tempFile();
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            out.write(ByteBuffer.allocate(PROBE_BYTES));
            out.force(false);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
