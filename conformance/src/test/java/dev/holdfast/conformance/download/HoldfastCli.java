package dev.holdfast.conformance.download;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the {@code holdfast} command in this JVM for the download and degraded-mode tests. */
public final class HoldfastCli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HoldfastCli() {}

    /** The outcome of one run. */
    public record Run(List<String> args, int exitCode, String stdout, String stderr) {
        /** Returns the JSON objects written to standard output, in order. */
        public List<JsonNode> json() {
            return objects(stdout);
        }

        /** Returns the command line, exit code and output, for failure messages. */
        public String describe() {
            return "holdfast " + String.join(" ", args) + " exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n"
                    + stderr;
        }
    }

    /**
     * Returns a process environment with module cache {@code modCache} and GOPROXY {@code goproxy}: no go
     * env file, no checksum database, a private HOME next to the cache.
     */
    public static Map<String, String> env(Path modCache, String goproxy) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        env.put("HOME", modCache.resolveSibling("holdfast-home").toString());
        env.put("GOENV", "off");
        env.put("GOMODCACHE", modCache.toString());
        env.put("GOPROXY", goproxy);
        env.put("GOSUMDB", "off");
        return env;
    }

    /** Runs {@code holdfast args...} in environment {@code env}. */
    public static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.execute(args, env, o, e);
        }
        return new Run(List.of(args), code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Returns the JSON objects of {@code text}, one after another. */
    public static List<JsonNode> objects(String text) {
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(text)) {
            return it.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("not a sequence of JSON objects:\n" + text, e);
        }
    }
}
