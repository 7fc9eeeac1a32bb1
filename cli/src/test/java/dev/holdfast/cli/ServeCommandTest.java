package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.LocalOrigin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code holdfast serve} in-process through {@link Main#execute}: its environment injected, stopped by an interrupt. */
@Timeout(30)
class ServeCommandTest {
    private static final String M = "example.com/m";
    private static final byte[] MOD = "module example.com/m\n".getBytes(StandardCharsets.UTF_8);
    private static final Pattern URL = Pattern.compile("use it with: GOPROXY=(\\S+) ");

    @TempDir
    Path dir;

    /** A serve command running on its own thread. */
    private static final class Running {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final AtomicInteger code = new AtomicInteger(-1);
        final Thread thread;

        Running(Map<String, String> env, String... args) {
            thread = Thread.ofPlatform()
                    .start(() -> code.set(Main.execute(
                            args,
                            env,
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8))));
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        /** Returns the base URL once the server prints it; fails if the command ends first. */
        String url() throws InterruptedException {
            while (true) {
                Matcher m = URL.matcher(out());
                if (m.find()) {
                    return m.group(1);
                }
                assertThat(thread.isAlive())
                        .as("serve ended early: %s %s", out(), err.toString(StandardCharsets.UTF_8))
                        .isTrue();
                Thread.sleep(20);
            }
        }

        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(20_000);
            return code.get();
        }
    }

    private Map<String, String> env(String goproxy) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.resolve("home").toString());
        env.put("XDG_CACHE_HOME", dir.resolve("xdg-cache").toString());
        env.put("GOENV", "off");
        env.put("GOSUMDB", "off");
        env.put("GOPROXY", goproxy);
        return env;
    }

    @Test
    void serve_takesUpstreamAndCacheFromTheInjectedEnvironment_andStopsWithZero() throws Exception {
        try (LocalOrigin origin = LocalOrigin.open()) {
            origin.add(M, "v1.0.0", Instant.parse("2024-01-02T03:04:05Z"), MOD, new byte[] {'z'});
            Running serve = new Running(env(origin.url()), "serve", "--listen", "127.0.0.1:0", "--quiet");
            String url = serve.url();

            HttpResponse<String> mod = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url + "/example.com/m/@v/v1.0.0.mod"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            int code = serve.stop();

            assertThat(serve.out()).contains("(upstream: " + origin.url() + ")");
            assertThat(serve.out()).contains("holdfast: serving " + dir.resolve("xdg-cache/holdfast") + " on http://");
            assertThat(serve.out()).doesNotContain("warning");
            assertThat(mod.statusCode()).isEqualTo(200);
            assertThat(mod.body()).isEqualTo("module example.com/m\n");
            assertThat(dir.resolve("xdg-cache/holdfast/cache/download/example.com/m/@v/v1.0.0.mod"))
                    .hasBinaryContent(MOD);
            assertThat(code).isZero();
            assertThat(serve.out()).endsWith("holdfast: stopped\n");
        }
    }

    @Test
    void serve_onAPortInUse_exits2WithOneLine() throws IOException {
        // Before 2026-12-07 Helidon logged a stack trace and serve printed "serving ... on
        // http://127.0.0.1:-1", then waited for a signal without listening.
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String listen = "127.0.0.1:" + taken.getLocalPort();
            int code = Main.execute(
                    new String[] {
                        "serve", "--listen", listen, "--cache", dir.resolve("c").toString()
                    },
                    env("off"),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .isEqualTo("holdfast serve: cannot listen on " + listen + ": address already in use\n");
            assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("serving");
        }
    }

    @Test
    void serve_onABucketThatDoesNotAnswer_saysWhereItServesFromAndThatItIsNotReady() throws Exception {
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        Map<String, String> env = env("off");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + closed);
        env.put("AWS_ACCESS_KEY_ID", "holdfast");
        env.put("AWS_SECRET_ACCESS_KEY", "holdfast");
        env.put("AWS_REGION", "us-east-1");
        Running serve = new Running(env, "serve", "--listen", "127.0.0.1:0", "--store", "s3://team-cache/go");
        serve.url();
        while (!serve.out().contains("warning") && serve.thread.isAlive()) {
            Thread.sleep(20);
        }
        int code = serve.stop();

        assertThat(serve.out())
                .contains("holdfast: serving s3://team-cache/go/ at http://127.0.0.1:" + closed + " on http://")
                .contains("holdfast: warning: not ready (store not reachable: ")
                .contains("; /readyz answers 503 until this is mended");
        assertThat(code).isZero();
    }

    @Test
    void serve_help_namesEverySettingWithin80Columns() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(
                new String[] {"serve", "--help"},
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        for (String key : ServeSettings.KEY_LIST.split(", ")) {
            assertThat(help).contains("--" + key);
        }
        assertThat(help).contains("openssl passwd -6").contains("SIGTERM");
        assertThat(help.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    @Test
    @Timeout(60) // a setting that is not refused starts a server that waits for a signal
    void serve_badSettingsAre2() throws IOException {
        Path hash = Files.writeString(dir.resolve("passwords"), "ci:plain\n");
        Path badToml = Files.writeString(dir.resolve("bad.toml"), "listen = \"127.0.0.1:0\"\nbogus = [\n");
        Path aFile = Files.writeString(dir.resolve("a-file"), "");
        for (String[] args : new String[][] {
            {"serve", "--tls-cert", "cert.pem"},
            {"serve", "--auth-basic", dir.resolve("missing").toString()},
            {"serve", "--auth-basic", hash.toString()},
            {"serve", "--shutdown-grace", "soon"},
            {"serve", "--listen", "nowhere"},
            {"serve", "--upstream", "ftp://127.0.0.1"},
            // Before 2026-12-07: "Expected authority at index 7", an unreadable or malformed --config was
            // exit 3 (an outage), and a cache directory that cannot be made started a server that answered
            // 503 to everything.
            {"serve", "--listen", "127.0.0.1:0", "--upstream", "http://"},
            {
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--config",
                dir.resolve("missing.toml").toString()
            },
            {"serve", "--listen", "127.0.0.1:0", "--config", badToml.toString()},
            {"serve", "--listen", "127.0.0.1:0", "--config", dir.toString()},
            {
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--upstream",
                "off",
                "--cache",
                aFile.resolve("cache").toString()
            }
        }) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.execute(
                    args,
                    env("off"),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).as(String.join(" ", args) + ": " + err).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("holdfast serve: ");
        }
    }
}
