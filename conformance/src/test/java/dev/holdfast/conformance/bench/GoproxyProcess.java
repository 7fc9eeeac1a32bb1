package dev.holdfast.conformance.bench;

import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A goproxy/goproxy server process (the peer the benchmarks compare with), built by the benchmark
 * scripts, on a free port of 127.0.0.1 with its cache, temporary files and log under a directory.
 */
final class GoproxyProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private GoproxyProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code binary server} with its upstream GOPROXY list {@code upstream} (the checksum database
     * off), keeping its files under {@code dir}, and returns once it listens.
     */
    static GoproxyProcess start(Path binary, GoToolchain go, String upstream, Path dir)
            throws IOException, InterruptedException {
        int port = freePort();
        Path home = Files.createDirectories(dir.resolve("goproxy-go"));
        Map<String, String> env = new HashMap<>(go.sandbox(home).env());
        env.put("GOPROXY", upstream);
        env.put("GOSUMDB", "off");
        env.put("GOFLAGS", "-mod=mod -modcacherw");
        Path log = dir.resolve("goproxy.log");
        ProcessBuilder builder = new ProcessBuilder(
                        binary.toString(),
                        "server",
                        "--address",
                        "127.0.0.1:" + port,
                        "--cacher-dir",
                        dir.resolve("goproxy-cache").toString(),
                        "--temp-dir",
                        Files.createDirectories(dir.resolve("goproxy-tmp")).toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process p = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new GoproxyProcess(p, port);
            } catch (IOException e) {
                if (!p.isAlive()) {
                    throw new IOException("goproxy exited: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IOException("goproxy did not listen on port " + port);
    }

    /** Returns its base URL, for GOPROXY. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Returns the CPU time the process has used so far, in seconds. */
    double cpuSeconds() {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .map(d -> d.toNanos() / 1e9)
                .orElse(Double.NaN);
    }

    /** Stops it and waits. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
