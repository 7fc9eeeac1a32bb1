package dev.holdfast.server;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request headers did not all arrive within {@link #LIMIT} of its request
 * line (slowloris: a client that trickles header bytes to hold a connection open for hours). Helidon's
 * idle-connection check closes a connection that sends no request line at all, but not one that is
 * sending headers, however slowly; this listener watches that stretch. Thread-safe.
 */
final class HeaderDeadline implements Http1ConnectionListener {
    /** How long the headers of a request may take after its request line. */
    static final Duration LIMIT = Duration.ofSeconds(5);

    private final ScheduledExecutorService timer = timer();
    private final Map<ConnectionContext, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name("header-deadline").factory());
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        ScheduledFuture<?> old =
                pending.put(ctx, timer.schedule(() -> close(ctx), LIMIT.toMillis(), TimeUnit.MILLISECONDS));
        if (old != null) {
            old.cancel(false);
        }
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        ScheduledFuture<?> f = pending.remove(ctx);
        if (f != null) {
            f.cancel(false);
        }
    }

    private void close(ConnectionContext ctx) {
        pending.remove(ctx);
        try {
            ctx.serverSocket().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }

    /** Stops the timer. */
    void shutdown() {
        timer.shutdownNow();
    }
}
