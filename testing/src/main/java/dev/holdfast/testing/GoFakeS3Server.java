package dev.holdfast.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A second S3-compatible server for tests, beside {@link S3ProxyServer}: {@code gofakes3} (a Go module,
 * {@value #MODULE}), built at test time by the go command from the environment's Go module proxy into a
 * ten-line program that keeps objects in memory, and run on loopback. Unlike S3Proxy it honours {@code
 * If-None-Match: *} on PUT (412 when the object exists), as AWS S3 and MinIO do, so conditional writes
 * between instances can be seen. Only the real-proxy suite uses it: building it needs the proxy.
 */
public final class GoFakeS3Server implements AutoCloseable {
    /** The module and version built. */
    public static final String MODULE = "github.com/johannesboyne/gofakes3@v1.2.0";

    private static final String MAIN = """
            package main

            import (
            	"log"
            	"net/http"
            	"os"

            	"github.com/johannesboyne/gofakes3"
            	"github.com/johannesboyne/gofakes3/backend/s3mem"
            )

            func main() {
            	log.Fatal(http.ListenAndServe(os.Args[1], gofakes3.New(s3mem.New()).Server()))
            }
            """;

    private final Process process;
    private final URI endpoint;

    private GoFakeS3Server(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Builds the server under {@code dir} with {@code go}, fetching its modules from {@code goproxy} and
     * checking them against {@code gosumdb}, and starts it; returns once it answers.
     *
     * @throws IllegalStateException if the build fails
     */
    public static GoFakeS3Server start(GoToolchain go, Path dir, String goproxy, String gosumdb)
            throws IOException, InterruptedException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("go.mod"), "module example.com/fakes3\n\ngo 1.21\n");
        Files.writeString(src.resolve("main.go"), MAIN);
        GoToolchain.Sandbox sandbox = go.sandbox(dir.resolve("go"));
        Map<String, String> env = Map.of("GOPROXY", goproxy, "GOSUMDB", gosumdb);
        sandbox.run(src, env, "get", MODULE).checkSuccess();
        Path binary = dir.resolve("fakes3");
        sandbox.run(src, env, "build", "-o", binary.toString(), ".").checkSuccess();
        int port = LoopbackProcess.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path log = dir.resolve("fakes3.log");
        Process process = LoopbackProcess.start(
                "gofakes3", List.of(binary.toString(), "127.0.0.1:" + port), endpoint, log, Duration.ofSeconds(30));
        return new GoFakeS3Server(process, endpoint);
    }

    /** Returns the endpoint, {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Returns the environment that points the AWS SDK at this server (it checks no signature). */
    public Map<String, String> env() {
        return S3ProxyServer.env(endpoint);
    }

    @Override
    public void close() {
        LoopbackProcess.stop(process);
    }
}
