package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.cli.Main;
import dev.holdfast.testing.TestCerts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code holdfast serve ARGS} run in this JVM through {@link Main#execute} on a thread of its own,
 * with the environment the test gives it; {@link #close} stops it the in-process way, by interrupting
 * that thread.
 */
final class ServeMain implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("use it with: GOPROXY=(\\S+) ");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private final Thread thread;
    private final String url;

    /** Starts {@code holdfast args...} in environment {@code env} and returns once it listens. */
    ServeMain(Map<String, String> env, String... args) {
        thread = Thread.ofPlatform()
                .name("holdfast-serve")
                .start(() -> exitCode.set(Main.execute(
                        args,
                        env,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))));
        url = awaitUrl();
    }

    /**
     * Starts {@code holdfast serve} over HTTPS with {@code certs} on an ephemeral port of 127.0.0.1, quiet,
     * fetching from {@code upstream} into {@code dir/store} (home {@code dir/home}, no go env file), with
     * {@code more} arguments.
     */
    static ServeMain withTls(Path dir, String upstream, TestCerts certs, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--quiet",
                "--upstream",
                upstream,
                "--cache",
                dir.resolve("store").toString(),
                "--tls-cert",
                certs.cert().toString(),
                "--tls-key",
                certs.key().toString()));
        args.addAll(List.of(more));
        return new ServeMain(
                Map.of("HOME", dir.resolve("home").toString(), "GOENV", "off"), args.toArray(String[]::new));
    }

    private String awaitUrl() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Matcher m = URL.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            assertThat(thread.isAlive())
                    .as("holdfast serve ended early: %s", describe())
                    .isTrue();
            assertThat(System.nanoTime()).as("holdfast serve listening").isLessThan(deadline);
            ServeProcess.sleep(20);
        }
    }

    /** Returns the base URL the server printed. */
    String url() {
        return url;
    }

    /** Returns the port it listens on. */
    int port() {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    /** Returns what it printed. */
    String describe() {
        return "stdout:\n" + out.toString(StandardCharsets.UTF_8) + "\nstderr:\n"
                + err.toString(StandardCharsets.UTF_8);
    }

    /** Stops the server and returns its exit code. */
    int stop() throws InterruptedException {
        thread.interrupt();
        thread.join(Duration.ofSeconds(30));
        return exitCode.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            stop();
        }
    }
}
