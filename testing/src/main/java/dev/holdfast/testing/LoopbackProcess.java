package dev.holdfast.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server that a test runs as a process of its own on a loopback port, its output in a log file. */
final class LoopbackProcess {
    private LoopbackProcess() {}

    /** Returns a loopback port that nothing listened on a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts {@code command} with its output in {@code log} and returns once {@code endpoint} answers
     * (any HTTP status) within {@code patience}.
     *
     * @throws IOException naming {@code name} and the log when it ends or stays silent
     */
    static Process start(String name, List<String> command, URI endpoint, Path log, Duration patience)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " ended at start: " + Files.readString(log));
            }
            try {
                http.send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.discarding());
                return process; // any answer (403 without a signature) means it listens
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        stop(process);
        throw new IOException(name + " did not answer within " + patience.toSeconds() + " s: " + Files.readString(log));
    }

    /** Stops {@code process}: asks, then after ten seconds forces. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
