package dev.holdfast.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.fetch.LinkStats;
import dev.holdfast.store.StoreUsage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /status} answer: one JSON document (version and uptime, whether the server is offline, each
 * upstream's circuit breakers and what was measured of its link, what the store holds, cache hits by
 * kind, the last hour per minute, the answers served stale, the last errors), sent as it is to machines
 * and drawn as a page ({@link StatusHtml}) for people, so the two never disagree.
 */
final class StatusPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How long a count of the store's files is shown before the store is counted again. */
    static final Duration USAGE_KEPT = Duration.ofSeconds(30);

    private final Backend backend;
    private final boolean offline;
    private final DegradedAnswers degraded;
    private final Clock clock;
    private final StatusHistory history;
    private final Prefetcher prefetch;
    private final HotZips hotZips;
    private final String version;
    private final String instance = instanceName();
    private volatile Counted usage;

    StatusPage(
            Backend backend,
            boolean offline,
            DegradedAnswers degraded,
            Clock clock,
            Prefetcher prefetch,
            HotZips hotZips) {
        this.prefetch = prefetch;
        this.hotZips = hotZips;
        this.backend = backend;
        this.offline = offline;
        this.degraded = degraded;
        this.clock = clock;
        this.history = backend.upstreams().meter().history();
        this.version = Optional.ofNullable(StatusPage.class.getPackage().getImplementationVersion())
                .orElse("development build");
    }

    /**
     * Returns which instance this is, for a fleet on one bucket: the machine's host name and the process
     * id (read from the kernel, never from DNS).
     */
    private static String instanceName() {
        String host;
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "");
        }
        return (host.isEmpty() ? "localhost" : host) + " pid "
                + ProcessHandle.current().pid();
    }

    /** A count of the store's files and when it was made. */
    private record Counted(Optional<StoreUsage> usage, Instant at) {}

    /** Returns the status as JSON, or as the page when {@code html}. */
    Reply reply(boolean html) {
        ObjectNode status = status();
        Reply reply = html
                ? Reply.of(
                                200,
                                StatusHtml.CONTENT_TYPE,
                                StatusHtml.render(status).getBytes(StandardCharsets.UTF_8))
                        .withHeader("Content-Security-Policy", StatusHtml.CONTENT_SECURITY_POLICY)
                : Reply.of(200, Reply.JSON, bytes(status));
        return reply.withHeader("Cache-Control", "no-store");
    }

    /** Returns the status document. */
    ObjectNode status() {
        Instant now = clock.instant();
        ObjectNode root = JSON.createObjectNode();
        root.put("version", version);
        root.put("instance", instance);
        root.put("now", now.toString());
        root.put("startedAt", history.started().toString());
        root.put("uptimeSeconds", Duration.between(history.started(), now).toSeconds());
        root.put("offline", offline);
        root.put("upstream", backend.upstreams().describe());
        root.put("store", backend.source().describeStore());
        upstreams(root.putArray("upstreams"));
        cache(root.putObject("cache"), now);
        requests(root.putObject("requests"));
        series(root.putObject("lastHour"));
        ArrayNode entries = root.putArray("degraded");
        for (DegradedAnswers.Entry e : degraded.entries()) {
            entries.addObject()
                    .put("key", e.key())
                    .put("since", e.since() == null ? null : e.since().toString())
                    .put("reason", e.reason())
                    .put("lastServed", e.lastServed().toString());
        }
        ArrayNode fills = root.putArray("fillsInFlight");
        backend.source().fillsInFlight(50).forEach(fills::add);
        Prefetcher.Counts p = prefetch.counts();
        root.putObject("prefetch")
                .put("concurrency", p.concurrency())
                .put("queued", p.queued())
                .put("inFlight", p.inFlight())
                .put("fetched", p.fetched())
                .put("alreadyCached", p.alreadyCached())
                .put("skipped", p.skipped())
                .put("failed", p.failed())
                .put("dropped", p.dropped());
        ArrayNode errors = root.putArray("recentErrors");
        for (StatusHistory.RecentError e : history.errors()) {
            errors.addObject()
                    .put("at", e.at().toString())
                    .put("request", e.request())
                    .put("status", e.status())
                    .put("message", e.message());
        }
        return root;
    }

    private void upstreams(ArrayNode upstreams) {
        backend.upstreams().breakers().reports().forEach((name, report) -> {
            ObjectNode u = upstreams
                    .addObject()
                    .put("url", name)
                    .put("breaker", report.state().toString());
            u.put("reason", report.reason());
            u.put("since", report.since() == null ? null : report.since().toString());
            u.put("lastError", report.lastFailure());
            u.put("nextProbeSeconds", report.untilProbe().toMillis() / 1000.0);
            LinkStats link = backend.upstreams().links().get(name);
            if (link != null) {
                LinkStats.Snapshot m = link.snapshot();
                u.putObject("link")
                        .put("samples", m.samples())
                        .put(
                                "headersP90Millis",
                                m.headerP90() == null ? null : m.headerP90().toMillis())
                        .put("bytesPerSecond", Math.round(m.bytesPerSecond()))
                        .put("hedges", m.hedges())
                        .put("hedgesWon", m.hedgesWon());
            }
        });
    }

    private void cache(ObjectNode cache, Instant now) {
        Counted counted = usage;
        if (counted == null || Duration.between(counted.at(), now).compareTo(USAGE_KEPT) > 0) {
            Optional<StoreUsage> u;
            try {
                u = backend.store().usage();
            } catch (IOException e) {
                u = Optional.empty();
            }
            counted = new Counted(u, now);
            usage = counted;
        }
        cache.put("store", backend.source().describeStore());
        backend.store().bound().ifPresent(b -> cache.put("maxBytes", b.maxBytes())
                .put("evictions", b.evictions()));
        Instant at = counted.at();
        counted.usage().ifPresent(u -> cache.put("files", u.files())
                .put("zips", u.zips())
                .put("bytes", u.bytes())
                .put("countedAt", at.toString()));
        cache.putObject("memory")
                .put("zips", hotZips.entries())
                .put("bytes", hotZips.bytes())
                .put("maxBytes", hotZips.maxBytes())
                .put("hits", hotZips.hits());
    }

    private void requests(ObjectNode requests) {
        ObjectNode byKind = requests.putObject("sinceStart");
        long[] total = new long[2];
        for (Map.Entry<String, long[]> e : history.sinceStart().entrySet()) {
            hits(byKind.putObject(e.getKey()), e.getValue());
            total[0] += e.getValue()[0];
            total[1] += e.getValue()[1];
        }
        hits(requests.putObject("total"), total);
        hits(requests.putObject("last5Minutes"), history.lastMinutes(5));
        hits(requests.putObject("last60Minutes"), history.lastMinutes(60));
    }

    private static void hits(ObjectNode node, long[] hitsMisses) {
        long all = hitsMisses[0] + hitsMisses[1];
        node.put("hits", hitsMisses[0]).put("misses", hitsMisses[1]);
        if (all > 0) {
            node.put("hitRatio", Math.round(1000.0 * hitsMisses[0] / all) / 1000.0);
        } else {
            node.putNull("hitRatio");
        }
    }

    private void series(ObjectNode lastHour) {
        StatusHistory.Series s = history.series();
        lastHour.put("minutes", StatusHistory.MINUTES);
        ArrayNode ratio = lastHour.putArray("hitRatio");
        for (double r : s.hitRatio()) {
            if (r < 0) {
                ratio.addNull();
            } else {
                ratio.add(Math.round(r * 1000) / 1000.0);
            }
        }
        ObjectNode latency = lastHour.putObject("upstreamLatencyMillis");
        s.latencyMillis().forEach((name, values) -> {
            ArrayNode a = latency.putArray(name);
            for (double v : values) {
                if (v < 0) {
                    a.addNull();
                } else {
                    a.add(Math.round(v * 10) / 10.0);
                }
            }
        });
    }

    private static byte[] bytes(ObjectNode status) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
