package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Two {@code holdfast serve} instances on one S3-compatible bucket (S3Proxy on loopback), with the real go
 * command as client: what one instance fetched and verified, the other serves without asking the origin,
 * byte for byte the same (same go.sum); the bucket holds the files in the GOPROXY layout under the prefix.
 */
class ServeS3Test {
    @TempDir
    Path dir;

    @Test
    void secondInstance_servesWhatTheFirstStored_withoutAskingTheOrigin() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3proxy"));
                S3Client client = Buckets.client(s3)) {
            secondInstanceServesWhatTheFirstStored(dir, s3.env(), client);
        }
    }

    /**
     * Two instances, one after the other, on the bucket {@code holdfast-shared} (created here) of the S3
     * service that {@code s3Env} points at: the second serves the go command what the first stored, the
     * same bytes, without asking the origin; zips carry their h1; nothing is on local disk.
     */
    static void secondInstanceServesWhatTheFirstStored(Path dir, Map<String, String> s3Env, S3Client client)
            throws Exception {
        GoToolchain go = GoToolchain.get();
        try (LocalOrigin origin = Modules.addTo(LocalOrigin.open())) {
            client.createBucket(b -> b.bucket("holdfast-shared"));
            Map<String, String> env = Buckets.serveEnv(s3Env, dir.resolve("home"));
            env.put("PATH", System.getenv().getOrDefault("PATH", ""));
            List<String> targets = List.of(Modules.GREET + "@v1.1.0", Modules.WORDS + "@v0.1.0");
            String first;
            String second;
            int originAfterFirst;
            try (ServeMain a = serve(dir, env, origin, "a")) {
                GoToolchain.Run run = Modules.download(go, dir, a.url(), "client-a", targets);
                assertThat(run.exitCode()).as(run.describe() + a.describe()).isZero();
                first = run.stdout();
                Thread.sleep(500); // the background commits of .mod and .info
                originAfterFirst = origin.requests().size();
            }
            try (ServeMain b = serve(dir, env, origin, "b")) {
                GoToolchain.Run run = Modules.download(go, dir, b.url(), "client-b", targets);
                assertThat(run.exitCode()).as(run.describe() + b.describe()).isZero();
                second = run.stdout();
            }
            assertThat(origin.requests()
                            .subList(originAfterFirst, origin.requests().size()))
                    .as("requests the second instance made of the origin")
                    .isEmpty();
            assertThat(sums(second)).isEqualTo(sums(first)).isNotEmpty();
            assertThat(client.headObject(b -> b.bucket("holdfast-shared").key("team/example.com/greet/@v/v1.1.0.zip"))
                            .metadata()
                            .keySet())
                    .as("user metadata names (case-insensitive, as HTTP header names)")
                    .anyMatch(name -> name.equalsIgnoreCase("h1"));
            assertThat(Files.exists(dir.resolve("cache-a/example.com")))
                    .as("no module files on local disk")
                    .isFalse();
        }
    }

    @Test
    void withMaxSize_aLocalTierKeepsWhatTheBucketServed() throws Exception {
        GoToolchain go = GoToolchain.get();
        try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3proxy"));
                LocalOrigin origin = Modules.addTo(LocalOrigin.open());
                S3Client client = Buckets.client(s3)) {
            client.createBucket(b -> b.bucket("holdfast-shared"));
            Map<String, String> env = Buckets.serveEnv(s3.env(), dir.resolve("home"));
            List<String> targets = List.of(Modules.GREET + "@v1.1.0", Modules.WORDS + "@v0.1.0");
            String first;
            try (ServeMain a = serve(dir, env, origin, "a")) {
                GoToolchain.Run run = Modules.download(go, dir, a.url(), "client-a", targets);
                assertThat(run.exitCode()).as(run.describe() + a.describe()).isZero();
                first = run.stdout();
                Thread.sleep(500); // the background commits of .mod and .info
            }
            int originBefore = origin.requests().size();
            Path tier = dir.resolve("cache-c/s3-tier/cache/download/example.com/greet/@v/v1.1.0.zip");
            try (ServeMain c = serve(dir, env, origin, "c", "--max-size", "64MiB")) {
                GoToolchain.Run run = Modules.download(go, dir, c.url(), "client-c", targets);
                assertThat(run.exitCode()).as(run.describe() + c.describe()).isZero();
                assertThat(sums(run.stdout())).isEqualTo(sums(first));
                assertThat(tier).as("the zip copied into the local tier").exists();
                String status = get(c.url() + "/status").body();
                com.fasterxml.jackson.databind.JsonNode json =
                        new com.fasterxml.jackson.databind.ObjectMapper().readTree(status);
                assertThat(json.path("instance").asText())
                        .endsWith(" pid " + ProcessHandle.current().pid());
                assertThat(json.path("cache").path("maxBytes").asLong()).isEqualTo(64L << 20);
                assertThat(json.path("store").asText()).contains(" with a local tier in ");
                assertThat(Files.readAllBytes(tier))
                        .isEqualTo(client.getObjectAsBytes(
                                        b -> b.bucket("holdfast-shared").key("team/example.com/greet/@v/v1.1.0.zip"))
                                .asByteArray());
                assertThat(get(c.url() + "/readyz").statusCode()).isEqualTo(200);

                s3.close(); // the bucket goes away: the tier keeps serving what it holds, /readyz says why not ready
                java.net.http.HttpResponse<String> ready = get(c.url() + "/readyz");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).startsWith("store not reachable: cannot reach s3://holdfast-shared/");
                GoToolchain.Run offline = Modules.download(go, dir, c.url(), "client-c2", targets);
                assertThat(offline.exitCode())
                        .as(offline.describe() + c.describe())
                        .isZero();
                assertThat(sums(offline.stdout())).isEqualTo(sums(first));
            }
            assertThat(origin.requests().subList(originBefore, origin.requests().size()))
                    .as("requests the tiered instance made of the origin")
                    .isEmpty();
        }
    }

    private static ServeMain serve(Path dir, Map<String, String> env, LocalOrigin origin, String name, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--upstream",
                origin.url(),
                "--store",
                "s3://holdfast-shared/team",
                "--cache",
                dir.resolve("cache-" + name).toString()));
        args.addAll(List.of(more));
        return new ServeMain(env, args.toArray(String[]::new));
    }

    private static java.net.http.HttpResponse<String> get(String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** The Sum and GoModSum lines of go mod download -json output, in order. */
    private static List<String> sums(String json) {
        return json.lines()
                .filter(l -> l.contains("\"Sum\"") || l.contains("\"GoModSum\""))
                .toList();
    }
}
