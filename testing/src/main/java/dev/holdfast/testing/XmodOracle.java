package dev.holdfast.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A long-lived Go process that answers questions with golang.org/x/mod, the library inside the
 * go command. It is built at test time from the x/mod sources vendored in {@code go env GOROOT}
 * and our own request handlers ({@code oracle/*.go} resources), so no Go test data or library
 * code is copied into this repository.
 *
 * <p>Calls are serialized; one process serves the whole JVM. Thread-safe.
 */
public final class XmodOracle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile XmodOracle instance;

    private final Process process;
    private final BufferedWriter requests;
    private final BufferedReader responses;

    /** An error that x/mod returned for a call: its message is x/mod's error text. */
    public static final class OracleError extends RuntimeException {
        OracleError(String message) {
            super(message);
        }
    }

    private XmodOracle(Path binary) throws IOException {
        process = new ProcessBuilder(binary.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        responses = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    }

    /** Returns the oracle, building it on first use; fails the calling test if that is impossible. */
    public static XmodOracle get() {
        XmodOracle oracle = instance;
        if (oracle == null) {
            synchronized (XmodOracle.class) {
                oracle = instance;
                if (oracle == null) {
                    try {
                        oracle = instance = new XmodOracle(OracleBuild.binary(GoToolchain.get()));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot start the x/mod oracle", e);
                    }
                }
            }
        }
        return oracle;
    }

    /**
     * Calls operation {@code op} with {@code args} (strings, numbers, booleans, lists, maps, or
     * byte arrays, which travel as base64) and returns its JSON result.
     *
     * @throws OracleError when x/mod returned an error
     */
    public synchronized JsonNode call(String op, Object... args) {
        ObjectNode request = JSON.createObjectNode();
        request.put("op", op);
        request.set("args", JSON.valueToTree(List.of(args)));
        try {
            requests.write(JSON.writeValueAsString(request));
            requests.write('\n');
            requests.flush();
            String line = responses.readLine();
            if (line == null) {
                throw new AssertionError("the x/mod oracle exited (status "
                        + (process.isAlive() ? "running" : process.exitValue()) + ")");
            }
            JsonNode response = JSON.readTree(line);
            JsonNode error = response.get("error");
            if (error != null && !error.asText().isEmpty()) {
                throw new OracleError(error.asText());
            }
            return response.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException("talking to the x/mod oracle", e);
        }
    }

    /** Calls {@code op} and returns its string result. */
    public String callString(String op, Object... args) {
        return call(op, args).asText();
    }

    /** Calls {@code op} and returns null on success or x/mod's error text. */
    public String callError(String op, Object... args) {
        try {
            call(op, args);
            return null;
        } catch (OracleError e) {
            return e.getMessage();
        }
    }

    /** Returns the operations the oracle knows. */
    public List<String> ops() {
        return JSON.convertValue(
                call("oracle.ops"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }
}
