package dev.holdfast.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An S3-compatible server for tests: S3Proxy (its jar with dependencies, copied into the test module's
 * {@code target/s3proxy/} by the build and named by the system property {@value #JAR_PROPERTY}) run as a
 * process on a loopback port, with an in-memory ({@code transient}) or directory ({@code filesystem})
 * blob store, and AWS signatures checked against {@link #ACCESS_KEY} and {@link #SECRET_KEY}.
 * {@link #env} gives the environment variables that point the AWS SDK at it (buckets are made through the
 * SDK). Stops with {@link #close}.
 */
public final class S3ProxyServer implements AutoCloseable {
    /** The system property naming the S3Proxy jar with dependencies. */
    public static final String JAR_PROPERTY = "holdfast.s3proxy.jar";

    /** The access key id the server accepts. */
    public static final String ACCESS_KEY = "holdfast-test";

    /** The secret access key the server accepts. */
    public static final String SECRET_KEY = "holdfast-test-secret";

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private S3ProxyServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /**
     * Starts a server keeping its objects in memory, with its configuration and log under {@code dir}; returns
     * once it answers.
     */
    public static S3ProxyServer start(Path dir) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, ""));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy jar not found (system property " + JAR_PROPERTY + " = \""
                    + System.getProperty(JAR_PROPERTY, "") + "\"); the module's build copies it into target/s3proxy");
        }
        Files.createDirectories(dir);
        int port = LoopbackProcess.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(
                properties,
                String.join(
                        "\n",
                        "s3proxy.endpoint=" + endpoint,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        "jclouds.provider=transient",
                        "jclouds.identity=" + ACCESS_KEY,
                        "jclouds.credential=" + SECRET_KEY,
                        ""));
        Path log = dir.resolve("s3proxy.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "--properties",
                properties.toString()));
        Process process = LoopbackProcess.start("S3Proxy", command, endpoint, log, Duration.ofSeconds(60));
        return new S3ProxyServer(process, endpoint, log);
    }

    /** Returns the endpoint, {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Returns the environment that points the AWS SDK (and {@code holdfast serve --store s3://...}) at this
     * server: endpoint, region and credentials.
     */
    public Map<String, String> env() {
        return env(endpoint);
    }

    /** Returns the environment that points the AWS SDK at the S3 server at {@code endpoint}, with this class's keys. */
    static Map<String, String> env(URI endpoint) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL_S3", endpoint.toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        return env;
    }

    /** Returns the server's log file. */
    public Path log() {
        return log;
    }

    @Override
    public void close() {
        LoopbackProcess.stop(process);
    }
}
