package dev.holdfast.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The {@code /status} JSON: whether the server is offline, each upstream's circuit-breaker state, and
 * the answers currently served stale ({@link DegradedAnswers}).
 */
final class StatusPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusPage() {}

    static byte[] format(Backend backend, boolean offline, DegradedAnswers degraded) {
        ObjectNode root = JSON.createObjectNode();
        root.put("offline", offline);
        root.put("upstream", backend.describeUpstreams());
        root.put("store", backend.store().root().toString());
        ArrayNode upstreams = root.putArray("upstreams");
        Map<String, ?> states = backend.breakers().states();
        states.forEach((name, state) -> upstreams.addObject().put("url", name).put("breaker", state.toString()));
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
