package dev.holdfast.server;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the status page plots and lists: cache hits and misses by kind since the start and per minute over
 * the last hour, each upstream's call latency per minute over the last hour, and the last server errors.
 * Memory is bounded: {@value #MINUTES} minutes of a few counters per upstream, {@value #ERRORS} errors.
 * Thread-safe (one lock; every call is a few counter updates).
 */
final class StatusHistory {
    /** How many one-minute buckets are kept. */
    static final int MINUTES = 60;

    /** How many recent errors are kept. */
    static final int ERRORS = 20;

    private final Clock clock;
    private final Instant started;
    private final Map<String, long[]> sinceStart = new TreeMap<>(); // kind -> {hits, misses}
    private final long[][] hitsByMinute = new long[MINUTES][2];
    private final Map<String, long[][]> upstreamByMinute = new LinkedHashMap<>(); // -> [minute]{calls, nanos, failed}
    private final Deque<RecentError> errors = new ArrayDeque<>();
    private long currentMinute;

    StatusHistory(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
        this.currentMinute = minute();
    }

    /** One server error: when, what was asked, the status and the first line of the message. */
    record RecentError(Instant at, String request, int status, String message) {}

    /**
     * Per-minute values of the last {@link #MINUTES} minutes, oldest first, the current minute last.
     *
     * @param hitRatio the share of module requests answered from the store per minute, or -1 for a minute
     *     without any
     * @param latencyMillis each upstream's mean call latency per minute, or -1 for a minute without calls
     */
    record Series(double[] hitRatio, Map<String, double[]> latencyMillis) {}

    /** When this history began: the server's start. */
    Instant started() {
        return started;
    }

    synchronized void cache(String kind, boolean hit) {
        roll();
        sinceStart.computeIfAbsent(kind, k -> new long[2])[hit ? 0 : 1]++;
        hitsByMinute[slot(currentMinute)][hit ? 0 : 1]++;
    }

    synchronized void upstream(String upstream, long nanos, boolean failed) {
        roll();
        long[] bucket = upstreamByMinute.computeIfAbsent(upstream, u -> new long[MINUTES][3])[slot(currentMinute)];
        bucket[0]++;
        bucket[1] += nanos;
        bucket[2] += failed ? 1 : 0;
    }

    synchronized void error(String request, int status, String message) {
        String first = message.lines().findFirst().orElse("");
        errors.addFirst(new RecentError(clock.instant(), request, status, first));
        while (errors.size() > ERRORS) {
            errors.removeLast();
        }
    }

    /** Returns hits and misses by kind since the start: {@code kind -> {hits, misses}}. */
    synchronized Map<String, long[]> sinceStart() {
        Map<String, long[]> copy = new TreeMap<>();
        sinceStart.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /** Returns hits and misses, all kinds together, over the last {@code minutes} minutes. */
    synchronized long[] lastMinutes(int minutes) {
        roll();
        long[] sum = new long[2];
        for (int i = 0; i < Math.min(minutes, MINUTES); i++) {
            long[] b = hitsByMinute[slot(currentMinute - i)];
            sum[0] += b[0];
            sum[1] += b[1];
        }
        return sum;
    }

    /** Returns the last errors, newest first. */
    synchronized List<RecentError> errors() {
        return List.copyOf(errors);
    }

    synchronized Series series() {
        roll();
        double[] ratio = new double[MINUTES];
        Map<String, double[]> latency = new LinkedHashMap<>();
        upstreamByMinute.keySet().forEach(u -> latency.put(u, new double[MINUTES]));
        for (int i = 0; i < MINUTES; i++) {
            long m = currentMinute - (MINUTES - 1) + i;
            long[] h = hitsByMinute[slot(m)];
            ratio[i] = h[0] + h[1] == 0 ? -1 : (double) h[0] / (h[0] + h[1]);
            for (Map.Entry<String, long[][]> e : upstreamByMinute.entrySet()) {
                long[] b = e.getValue()[slot(m)];
                latency.get(e.getKey())[i] = b[0] == 0 ? -1 : b[1] / 1e6 / b[0];
            }
        }
        return new Series(ratio, latency);
    }

    /** Clears the buckets of the minutes that passed since the last call. */
    private void roll() {
        long now = minute();
        for (long m = currentMinute + 1; m <= now && m <= currentMinute + MINUTES; m++) {
            int s = slot(m);
            hitsByMinute[s][0] = 0;
            hitsByMinute[s][1] = 0;
            for (long[][] u : upstreamByMinute.values()) {
                u[s][0] = 0;
                u[s][1] = 0;
                u[s][2] = 0;
            }
        }
        currentMinute = Math.max(currentMinute, now);
    }

    private long minute() {
        return Math.floorDiv(clock.millis(), 60_000L);
    }

    private static int slot(long minute) {
        return (int) Math.floorMod(minute, (long) MINUTES);
    }
}
