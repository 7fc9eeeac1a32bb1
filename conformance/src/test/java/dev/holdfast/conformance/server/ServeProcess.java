package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code holdfast serve} as its own process, the way an operator runs it: {@code java -cp <this test's
 * class path> dev.holdfast.cli.Main serve --listen 127.0.0.1:0 ...} with the JDK running the tests,
 * its output in files under a directory of the test. Knows its URL once the server has printed it.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("use it with: GOPROXY=(\\S+) ");

    private final Process process;
    private final Path out;
    private final Path err;
    private final String url;

    private ServeProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.url = awaitUrl();
    }

    /**
     * Starts {@code holdfast serve} over {@code upstream}, quiet, in {@code tmp/serve} with its cache in
     * {@code tmp/cache}.
     */
    static ServeProcess over(Path tmp, String upstream) throws IOException {
        return start(
                tmp.resolve("serve"),
                "--upstream",
                upstream,
                "--cache",
                tmp.resolve("cache").toString(),
                "--quiet");
    }

    /**
     * Starts {@code holdfast serve --listen 127.0.0.1:0 args...} with a minimal environment (HOME and
     * XDG_CACHE_HOME under {@code dir}, no go env file) and returns once it listens.
     */
    static ServeProcess start(Path dir, String... args) throws IOException {
        return start(dir, Map.of(), args);
    }

    /** As {@link #start(Path, String...)}, with {@code extraEnv} added to the environment. */
    static ServeProcess start(Path dir, Map<String, String> extraEnv, String... args) throws IOException {
        Files.createDirectories(dir);
        List<String> command = holdfastCommand("-Xmx256m");
        command.addAll(List.of("serve", "--listen", "127.0.0.1:0"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        env.put("HOME", dir.resolve("home").toString());
        env.put("XDG_CACHE_HOME", dir.resolve("xdg-cache").toString());
        env.put("GOENV", "off");
        env.putAll(extraEnv);
        builder.environment().clear();
        builder.environment().putAll(env);
        Path out = dir.resolve("serve.out");
        Path err = dir.resolve("serve.err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new ServeProcess(builder.start(), out, err);
    }

    /**
     * Returns the command line that runs holdfast ({@code Main}) in a JVM of its own on this test's class
     * path, with {@code jvmOptions}; the caller adds holdfast's arguments.
     */
    static List<String> holdfastCommand(String... jvmOptions) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.holdfast.cli.Main"));
        return command;
    }

    private String awaitUrl() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Matcher m = URL.matcher(stdout());
            if (m.find()) {
                return m.group(1);
            }
            assertThat(process.isAlive())
                    .as("holdfast serve ended early: %s", describe())
                    .isTrue();
            assertThat(System.nanoTime()).as("holdfast serve listening").isLessThan(deadline);
            sleep(20);
        }
    }

    /** Returns the base URL, to use as GOPROXY. */
    String url() {
        return url;
    }

    /** Returns the port it listens on. */
    int port() {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    /** Returns the process. */
    Process process() {
        return process;
    }

    /** Sends SIGKILL and waits; returns the exit status (137). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** Sends SIGTERM, as a service manager stopping it does, without waiting. */
    void terminate() {
        process.destroy();
    }

    /** Waits up to {@code timeout} for the process to end; returns its exit status. */
    int waitFor(Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("holdfast serve ended within %s: %s", timeout, describe())
                .isTrue();
        return process.exitValue();
    }

    /** Returns what it has written to standard output so far. */
    String stdout() {
        return read(out);
    }

    /** Returns its output, for failure messages. */
    String describe() {
        return "stdout:\n" + stdout() + "\nstderr:\n" + read(err);
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
