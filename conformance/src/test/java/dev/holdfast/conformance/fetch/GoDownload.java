package dev.holdfast.conformance.fetch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/** Runs {@code go mod download -json} for one module version and reads its answer. */
final class GoDownload {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS);

    private GoDownload() {}

    /**
     * The outcome of one download: the error text the go command reported (empty on success) and the
     * JSON object it printed.
     */
    record Outcome(String error, JsonNode json) {
        boolean ok() {
            return error.isEmpty();
        }
    }

    /** Downloads {@code module@version} in {@code sandbox} with {@code env} added. */
    static Outcome run(GoToolchain.Sandbox sandbox, java.nio.file.Path workDir, Map<String, String> env, String mv) {
        GoToolchain.Run run = sandbox.run(workDir, env, "mod", "download", "-json", mv);
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(run.stdout())) {
            JsonNode json = it.hasNext() ? it.next() : null;
            if (json == null) {
                throw new AssertionError("no JSON from the go command: " + run.describe());
            }
            return new Outcome(json.path("Error").asText(""), json);
        } catch (IOException e) {
            throw new UncheckedIOException(run.describe(), e);
        }
    }

    /** Returns a loopback port that nothing listens on (it was free a moment ago). */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
