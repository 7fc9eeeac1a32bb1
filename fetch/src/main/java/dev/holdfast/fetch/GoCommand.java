package dev.holdfast.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the installed go command for configuration values ({@code go env}), for the defaults only it
 * knows: those in its {@code $GOROOT/go.env} (the default GOPROXY and GOSUMDB), which Holdfast must not
 * hard-code. An interface so that tests can answer without a go command.
 */
@FunctionalInterface
public interface GoCommand {
    /**
     * Returns the values {@code go env} reports for {@code names} when run with environment {@code
     * environment}, by name.
     *
     * @throws IOException if the go command cannot be run or fails
     */
    Map<String, String> env(Map<String, String> environment, List<String> names) throws IOException;

    /**
     * Returns the go command found on the {@code PATH} of the environment it is run with; it runs {@code
     * go env -json NAMES} with exactly that environment.
     */
    static GoCommand onPath() {
        return (environment, names) -> {
            Path go = ProcessRun.onPath("go", environment);
            List<String> command = new ArrayList<>(List.of(go.toString(), "env", "-json"));
            command.addAll(names);
            ProcessRun run = ProcessRun.of(command, null, environment);
            if (run.status() != 0) {
                throw new IOException(String.join(" ", command) + ": exit status " + run.status() + ": " + run.err());
            }
            JsonNode json = new ObjectMapper().readTree(run.out());
            Map<String, String> values = new LinkedHashMap<>();
            for (String name : names) {
                values.put(name, json.path(name).asText(""));
            }
            return values;
        };
    }
}
