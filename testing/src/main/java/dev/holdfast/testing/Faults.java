package dev.holdfast.testing;

import java.time.Duration;

/**
 * The faults a {@link FaultRelay} injects: an immutable value, built from {@link #NONE} with the {@code
 * withX} copies and handed to {@link FaultRelay#faults(Faults)}.
 *
 * <p>A share is the probability, from 0 to 1, that a new connection gets that fault; the relay draws it
 * from its seeded random source when it accepts the connection. When several are drawn, the first of
 * black hole, status, reset and then truncation or corruption of the body decides what the client sees.
 *
 * @param latency delay before each answer (a network round trip), once per connection
 * @param chunkLatency delay before each chunk of at most {@link FaultRelay#CHUNK_BYTES} bytes of the response
 * @param bytesPerSecond bandwidth of the link, shared by all connections; 0 for no limit
 * @param resetShare share of connections reset with a TCP RST
 * @param resetAfterBodyBytes body bytes sent before the reset, or {@link #RESET_BEFORE_RESPONSE}
 * @param blackHoleShare share of connections accepted and never answered
 * @param truncateShare share of responses whose body is cut short, the connection then closed cleanly
 * @param truncateKeep fraction of the body kept when truncating, from 0 (inclusive) to 1 (exclusive)
 * @param corruptShare share of responses with one byte flipped in each chunk of the body
 * @param statusShare share of requests the relay answers itself with {@code status}
 * @param status the status the relay answers with, such as 503, 500 or 429
 * @param retryAfter the {@code Retry-After} sent with a 429 or 503 (whole seconds; zero for none)
 * @param flapUp how long the relay listens in each flapping cycle; zero for no flapping
 * @param flapDown how long the relay refuses connections in each flapping cycle
 * @param trickleShare share of responses whose body trickles at {@code trickleBytesPerSecond}
 * @param trickleBytesPerSecond the rate of a trickling body
 * @param trickleStallAfter body bytes a trickling response sends before it stops sending altogether
 *     (the connection stays open); {@link #NEVER} for a trickle that does not stall
 */
public record Faults(
        Duration latency,
        Duration chunkLatency,
        long bytesPerSecond,
        double resetShare,
        long resetAfterBodyBytes,
        double blackHoleShare,
        double truncateShare,
        double truncateKeep,
        double corruptShare,
        double statusShare,
        int status,
        Duration retryAfter,
        Duration flapUp,
        Duration flapDown,
        double trickleShare,
        long trickleBytesPerSecond,
        long trickleStallAfter) {

    /** The value of {@code trickleStallAfter} for a trickle that goes on to the end of the body. */
    public static final long NEVER = Long.MAX_VALUE;

    /** The value of {@code resetAfterBodyBytes} that resets after reading the request, before any answer. */
    public static final long RESET_BEFORE_RESPONSE = -1;

    /** No faults: the relay passes everything through unchanged (except {@code Connection: close}). */
    public static final Faults NONE = new Faults(
            Duration.ZERO,
            Duration.ZERO,
            0,
            0,
            RESET_BEFORE_RESPONSE,
            0,
            0,
            0,
            0,
            0,
            503,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            0,
            1024,
            NEVER);

    /** Checks every share, duration and the status. */
    public Faults {
        checkNotNegative("latency", latency);
        checkNotNegative("chunkLatency", chunkLatency);
        checkNotNegative("retryAfter", retryAfter);
        checkNotNegative("flapUp", flapUp);
        checkNotNegative("flapDown", flapDown);
        for (double share :
                new double[] {resetShare, blackHoleShare, truncateShare, corruptShare, statusShare, trickleShare}) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("a share must be from 0 to 1: " + share);
            }
        }
        if (!(truncateKeep >= 0 && truncateKeep < 1)) {
            throw new IllegalArgumentException("truncateKeep must be from 0 up to (not including) 1: " + truncateKeep);
        }
        if (bytesPerSecond < 0 || resetAfterBodyBytes < RESET_BEFORE_RESPONSE || status < 100 || status > 599) {
            throw new IllegalArgumentException("bad bandwidth, reset offset or status: " + bytesPerSecond + ", "
                    + resetAfterBodyBytes + ", " + status);
        }
        if (trickleBytesPerSecond < 1 || trickleStallAfter < 0) {
            throw new IllegalArgumentException(
                    "bad trickle rate or stall offset: " + trickleBytesPerSecond + ", " + trickleStallAfter);
        }
        if (flapUp.isZero() != flapDown.isZero()) {
            throw new IllegalArgumentException("flapping needs both an up and a down time");
        }
    }

    private static void checkNotNegative(String name, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a duration of zero or more: " + d);
        }
    }

    /** Returns a copy that delays each answer by {@code perConnection} and each chunk by {@code perChunk}. */
    public Faults withLatency(Duration perConnection, Duration perChunk) {
        return with(c -> {
            c.latency = perConnection;
            c.chunkLatency = perChunk;
        });
    }

    /** Returns a copy that limits the link to {@code limit} bytes per second (0: no limit). */
    public Faults withBandwidth(long limit) {
        return with(c -> {
            c.bytesPerSecond = limit;
        });
    }

    /** Returns a copy that resets {@code share} of connections after the request, before any answer. */
    public Faults withResets(double share) {
        return withResets(share, RESET_BEFORE_RESPONSE);
    }

    /**
     * Returns a copy that resets {@code share} of connections once {@code afterBodyBytes} bytes of the
     * response body went through (a body that ends sooner is not reset).
     */
    public Faults withResets(double share, long afterBodyBytes) {
        return with(c -> {
            c.resetShare = share;
            c.resetAfterBodyBytes = afterBodyBytes;
        });
    }

    /** Returns a copy that accepts {@code share} of connections and never answers them. */
    public Faults withBlackHole(double share) {
        return with(c -> {
            c.blackHoleShare = share;
        });
    }

    /** Returns a copy that cuts {@code share} of bodies to {@code keep} of their length, then closes cleanly. */
    public Faults withTruncation(double share, double keep) {
        return with(c -> {
            c.truncateShare = share;
            c.truncateKeep = keep;
        });
    }

    /** Returns a copy that flips one byte in each chunk of {@code share} of response bodies. */
    public Faults withCorruption(double share) {
        return with(c -> {
            c.corruptShare = share;
        });
    }

    /** Returns a copy that answers {@code share} of requests with {@code code} and a one-second Retry-After. */
    public Faults withStatus(double share, int code) {
        return withStatus(share, code, Duration.ofSeconds(1));
    }

    /** Returns a copy that answers {@code share} of requests with {@code code} and {@code retry} as Retry-After. */
    public Faults withStatus(double share, int code, Duration retry) {
        return with(c -> {
            c.statusShare = share;
            c.status = code;
            c.retryAfter = retry;
        });
    }

    /** Returns a copy that listens for {@code up}, refuses connections for {@code down}, and repeats. */
    public Faults withFlapping(Duration up, Duration down) {
        return with(c -> {
            c.flapUp = up;
            c.flapDown = down;
        });
    }

    /**
     * Returns a copy that sends {@code share} of response bodies at {@code bytesPerSecond} and stops
     * sending after {@code stallAfter} bytes ({@link #NEVER}: trickles to the end), the connection held open.
     */
    public Faults withTrickle(double share, long bytesPerSecond, long stallAfter) {
        return with(c -> {
            c.trickleShare = share;
            c.trickleBytesPerSecond = bytesPerSecond;
            c.trickleStallAfter = stallAfter;
        });
    }

    /** Returns a copy with the components {@code change} sets on a mutable copy of this value. */
    private Faults with(java.util.function.Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.build();
    }

    /** A mutable copy of every component, so each {@code withX} names only what it changes. */
    private static final class Copy {
        Duration latency;
        Duration chunkLatency;
        long bytesPerSecond;
        double resetShare;
        long resetAfterBodyBytes;
        double blackHoleShare;
        double truncateShare;
        double truncateKeep;
        double corruptShare;
        double statusShare;
        int status;
        Duration retryAfter;
        Duration flapUp;
        Duration flapDown;
        double trickleShare;
        long trickleBytesPerSecond;
        long trickleStallAfter;

        Copy(Faults f) {
            latency = f.latency;
            chunkLatency = f.chunkLatency;
            bytesPerSecond = f.bytesPerSecond;
            resetShare = f.resetShare;
            resetAfterBodyBytes = f.resetAfterBodyBytes;
            blackHoleShare = f.blackHoleShare;
            truncateShare = f.truncateShare;
            truncateKeep = f.truncateKeep;
            corruptShare = f.corruptShare;
            statusShare = f.statusShare;
            status = f.status;
            retryAfter = f.retryAfter;
            flapUp = f.flapUp;
            flapDown = f.flapDown;
            trickleShare = f.trickleShare;
            trickleBytesPerSecond = f.trickleBytesPerSecond;
            trickleStallAfter = f.trickleStallAfter;
        }

        Faults build() {
            return new Faults(
                    latency,
                    chunkLatency,
                    bytesPerSecond,
                    resetShare,
                    resetAfterBodyBytes,
                    blackHoleShare,
                    truncateShare,
                    truncateKeep,
                    corruptShare,
                    statusShare,
                    status,
                    retryAfter,
                    flapUp,
                    flapDown,
                    trickleShare,
                    trickleBytesPerSecond,
                    trickleStallAfter);
        }
    }

    /** Reports whether these faults make the relay flap. */
    boolean flapping() {
        return !flapUp.isZero();
    }
}
