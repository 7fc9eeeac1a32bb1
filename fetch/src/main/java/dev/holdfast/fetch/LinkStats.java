package dev.holdfast.fetch;

import java.time.Duration;
import java.util.Arrays;

/**
 * What Holdfast has measured of one upstream link, and the time limits it derives from that (MISSION
 * A3, adaptive time-outs): the time from request to response headers of recent exchanges, and the
 * throughput of recent bodies of some size. A link that usually answers in 5 ms is given up on after a
 * couple of seconds of silence; one that usually takes 400 ms gets proportionally longer; neither goes
 * beyond the configured limits. Until enough exchanges were measured the configured limits apply.
 *
 * <p>It also holds the budget for hedged requests: each request earns a tenth of a hedge, up to ten in
 * reserve, so that hedging adds at most about 10 % to a link's load and a link that has gone bad is not
 * hammered with doubles. Thread-safe.
 */
public final class LinkStats {
    /** How many recent exchanges the estimates are made from. */
    static final int SAMPLES = 64;

    /** How many exchanges must have been measured before the limits adapt. */
    static final int MIN_SAMPLES = 8;

    /** The shortest adaptive header or stall limit: a link is never given up on faster than this. */
    static final Duration MIN_LIMIT = Duration.ofSeconds(2);

    /** The earliest a hedge is sent. */
    static final Duration MIN_HEDGE_DELAY = Duration.ofMillis(250);

    /** Bodies smaller than this say more about latency than throughput and are not measured. */
    static final long MIN_RATE_BYTES = 8 << 10;

    /** A body slower than the link's usual throughput divided by this is abandoned as too slow. */
    static final int SLOW_FACTOR = 32;

    /** How long a body must have run before it can be judged too slow. */
    static final Duration SLOW_GRACE = Duration.ofSeconds(1);

    private static final double HEDGE_EARNED_PER_REQUEST = 0.1;
    private static final double HEDGE_RESERVE = 10;

    private final long[] headerNanos = new long[SAMPLES];
    private final double[] bytesPerSecond = new double[SAMPLES];
    private int headerCount;
    private int rateCount;
    private double hedgeTokens = HEDGE_RESERVE;
    private long hedges;
    private long hedgesWon;

    /** Returns a link with nothing measured yet. */
    public LinkStats() {}

    /** Records that response headers came {@code elapsed} after the request was sent. */
    synchronized void recordHeaders(Duration elapsed) {
        headerNanos[headerCount++ % SAMPLES] = elapsed.toNanos();
        hedgeTokens = Math.min(HEDGE_RESERVE, hedgeTokens + HEDGE_EARNED_PER_REQUEST);
    }

    /** Records a body of {@code bytes} that took {@code elapsed} from the headers to its end. */
    synchronized void recordBody(long bytes, Duration elapsed) {
        if (bytes >= MIN_RATE_BYTES && elapsed.isPositive()) {
            bytesPerSecond[rateCount++ % SAMPLES] = bytes * 1e9 / elapsed.toNanos();
        }
    }

    /** Returns the 90th percentile of the recent times to response headers, or null with too few samples. */
    synchronized Duration headerP90() {
        int n = Math.min(headerCount, SAMPLES);
        if (n < MIN_SAMPLES) {
            return null;
        }
        long[] sorted = Arrays.copyOf(headerNanos, n);
        Arrays.sort(sorted);
        return Duration.ofNanos(sorted[(int) Math.ceil(n * 0.9) - 1]);
    }

    /** Returns the median recent body throughput in bytes per second, or 0 with too few samples. */
    synchronized double typicalBytesPerSecond() {
        int n = Math.min(rateCount, SAMPLES);
        if (n < MIN_SAMPLES) {
            return 0;
        }
        double[] sorted = Arrays.copyOf(bytesPerSecond, n);
        Arrays.sort(sorted);
        return sorted[n / 2];
    }

    /**
     * Returns how long to wait for response headers: eight times the link's usual (90th percentile) wait
     * plus a second, at least {@link #MIN_LIMIT}, at most {@code configured}.
     */
    Duration headerTimeout(Duration configured) {
        return adaptive(configured);
    }

    /** Returns how long a body may go without a byte, derived as {@link #headerTimeout} is. */
    Duration stallTimeout(Duration configured) {
        return adaptive(configured);
    }

    private Duration adaptive(Duration configured) {
        Duration p90 = headerP90();
        if (p90 == null) {
            return configured;
        }
        Duration derived = p90.multipliedBy(8).plusSeconds(1);
        Duration floor = MIN_LIMIT.compareTo(configured) < 0 ? MIN_LIMIT : configured;
        return derived.compareTo(floor) < 0 ? floor : derived.compareTo(configured) > 0 ? configured : derived;
    }

    /**
     * Returns how long to wait for the headers of a small request before hedging it with a second one:
     * four times the usual wait, at least {@link #MIN_HEDGE_DELAY}; null while too little is known.
     */
    Duration hedgeDelay() {
        Duration p90 = headerP90();
        if (p90 == null) {
            return null;
        }
        Duration d = p90.multipliedBy(4);
        return d.compareTo(MIN_HEDGE_DELAY) < 0 ? MIN_HEDGE_DELAY : d;
    }

    /** Takes one hedge from the budget; reports whether there was one. */
    synchronized boolean tryHedge() {
        if (hedgeTokens < 1) {
            return false;
        }
        hedgeTokens -= 1;
        hedges++;
        return true;
    }

    /** Records that a hedge answered first. */
    synchronized void hedgeWon() {
        hedgesWon++;
    }

    /**
     * Reports whether a body that has brought {@code bytes} in {@code elapsed} is too slow for this link:
     * it has run at least {@link #SLOW_GRACE} at less than the link's usual throughput divided by {@link
     * #SLOW_FACTOR}. Never true while the usual throughput is unknown.
     */
    boolean tooSlow(long bytes, Duration elapsed) {
        if (elapsed.compareTo(SLOW_GRACE) < 0) {
            return false;
        }
        double usual = typicalBytesPerSecond();
        return usual > 0 && bytes * 1e9 / elapsed.toNanos() < usual / SLOW_FACTOR;
    }

    /** Returns the measurements, for the status page. */
    public synchronized Snapshot snapshot() {
        Duration p90 = headerP90();
        return new Snapshot(Math.min(headerCount, SAMPLES), p90, typicalBytesPerSecond(), hedges, hedgesWon);
    }

    /**
     * The measurements of a link at one moment.
     *
     * @param samples how many recent exchanges the estimates come from
     * @param headerP90 the 90th percentile time to response headers, or null with too few samples
     * @param bytesPerSecond the median body throughput, 0 when unknown
     * @param hedges how many hedged requests were sent
     * @param hedgesWon how many of them answered first
     */
    public record Snapshot(int samples, Duration headerP90, double bytesPerSecond, long hedges, long hedgesWon) {}
}
