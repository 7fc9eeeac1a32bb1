package dev.holdfast.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.fetch.LinkStats;

/**
 * The {@code /status} JSON: whether the server is offline, each upstream's circuit breakers (state, why,
 * since when, the last failure, the next probe) and what was measured of its link, and the answers
 * currently served stale ({@link DegradedAnswers}).
 */
final class StatusPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusPage() {}

    static byte[] format(Backend backend, boolean offline, DegradedAnswers degraded) {
        ObjectNode root = JSON.createObjectNode();
        root.put("offline", offline);
        root.put("upstream", backend.upstreams().describe());
        root.put("store", backend.source().describeStore());
        ArrayNode upstreams = root.putArray("upstreams");
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
        ArrayNode entries = root.putArray("degraded");
        for (DegradedAnswers.Entry e : degraded.entries()) {
            entries.addObject()
                    .put("key", e.key())
                    .put("since", e.since() == null ? null : e.since().toString())
                    .put("reason", e.reason())
                    .put("lastServed", e.lastServed().toString());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
