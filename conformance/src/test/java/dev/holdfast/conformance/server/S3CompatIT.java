package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.fetch.GoCommand;
import dev.holdfast.fetch.GoEnv;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.StoreKey;
import dev.holdfast.store.s3.S3Location;
import dev.holdfast.store.s3.S3Store;
import dev.holdfast.testing.GoFakeS3Server;
import dev.holdfast.testing.GoToolchain;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 store on a second S3-compatible server, gofakes3 ({@link GoFakeS3Server}, built from the
 * environment's Go module proxy; MinIO is not served by the registries here): the two-instance scenario
 * of {@link ServeS3Test} again, and conditional writes, which S3Proxy ignores and gofakes3 honours, so
 * that of several instances writing one key at once, none fails and one whole copy stays.
 *
 * <p>Not part of the hermetic build: it runs in the real-proxy suite ({@code ./mvnw -Preal-proxy}); when
 * the proxy cannot be reached it says so in one line and passes.
 */
@Timeout(600)
class S3CompatIT {
    private static final int WRITERS = 8;

    @TempDir
    Path dir;

    @Test
    void theStoreOnASecondS3Server_sharesBetweenInstances_andRacingWritersKeepOneWholeCopy() throws Exception {
        GoEnv env = GoEnv.read(System.getenv(), GoCommand.onPath());
        Optional<String> proxy = RealProxyIT.httpProxy(env);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        if (proxy.isEmpty() || !RealProxyIT.reachable(http, proxy.get(), GoFakeS3Server.MODULE)) {
            System.out.println("real-proxy suite: the environment's GOPROXY cannot be reached to build gofakes3;"
                    + " skipped the second S3 server (passed)");
            return;
        }
        try (GoFakeS3Server s3 =
                        GoFakeS3Server.start(GoToolchain.get(), dir.resolve("fakes3"), env.goproxy(), env.gosumdb());
                S3Client client = Buckets.client(s3.env())) {
            ServeS3Test.secondInstanceServesWhatTheFirstStored(dir, s3.env(), client);

            client.createBucket(b -> b.bucket("race"));
            String object = "team/example.com/m/@v/v1.0.0.mod";
            client.putObject(b -> b.bucket("race").key("plain").ifNoneMatch("*"), RequestBody.fromString("first"));
            assertThatThrownBy(() -> client.putObject(
                            b -> b.bucket("race").key("plain").ifNoneMatch("*"), RequestBody.fromString("second")))
                    .as("the server honours If-None-Match")
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));

            Set<String> written = new HashSet<>();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                CyclicBarrier start = new CyclicBarrier(WRITERS);
                List<Future<?>> puts = new ArrayList<>();
                for (int i = 0; i < WRITERS; i++) {
                    String content = "module example.com/m // written by instance " + i + "\n";
                    written.add(content);
                    Path state = dir.resolve("instance-" + i);
                    puts.add(pool.submit(() -> {
                        try (S3Store store = S3Store.open(
                                S3Location.parse("s3://race/team"), s3.env(), state.resolve("s3-tmp"), false)) {
                            Path tmp = store.tempFile();
                            Files.writeString(tmp, content);
                            start.await();
                            store.put(StoreKey.mod(new ModuleVersion("example.com/m", "v1.0.0")), tmp);
                        }
                        return null;
                    }));
                }
                for (Future<?> put : puts) {
                    put.get(); // none failed, 412 included
                }
            } finally {
                pool.shutdownNow();
            }
            String stored = new String(
                    client.getObjectAsBytes(b -> b.bucket("race").key(object)).asByteArray(), StandardCharsets.UTF_8);
            assertThat(written).as("one whole copy of what was written").contains(stored);
        }
    }
}
