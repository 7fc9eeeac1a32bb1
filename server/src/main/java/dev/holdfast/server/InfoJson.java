package dev.holdfast.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.fetch.RevInfo;

/** The JSON of an {@code .info} or {@code @latest} answer, as the go command's proxy client reads it. */
final class InfoJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InfoJson() {}

    /** Returns {@code {"Version":..., "Time":...}} plus the {@code Origin} when the source gave one. */
    static byte[] format(RevInfo info) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Version", info.version());
        if (info.time() != null) {
            node.put("Time", info.formattedTime());
        }
        try {
            if (info.origin() != null) {
                node.set("Origin", JSON.readTree(info.origin()));
            }
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the info of " + info.version(), e);
        }
    }
}
