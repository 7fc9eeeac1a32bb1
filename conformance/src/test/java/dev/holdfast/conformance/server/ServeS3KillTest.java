package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.FaultRelay;
import dev.holdfast.testing.Faults;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LiveFiles;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code kill -9} of a real {@code holdfast serve} process on an S3 bucket while it fills it with three
 * 20 MB zips, during the upload of a verified zip: the bucket holds each zip whole, with its h1, or not
 * at all; the restarted instance sweeps
 * the killed one's upload files, and the go command downloads and verifies everything through it.
 */
class ServeS3KillTest {
    private static final int ZIP_BYTES = 20 << 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void killedWhileFillingTheBucket_nothingPartialIsStored_andTheRestartServesAll() throws Exception {
        List<BigModules.Module> modules = BigModules.create(3, ZIP_BYTES, 12);
        try (S3ProxyServer s3 = S3ProxyServer.start(dir.resolve("s3proxy"));
                LocalOrigin origin = BigModules.serve(LocalOrigin.open(), modules);
                FaultRelay relay = FaultRelay.open(origin.address(), 5);
                S3Client bucket = Buckets.client(s3)) {
            bucket.createBucket(b -> b.bucket("kill"));
            relay.faults(Faults.NONE.withBandwidth(16L << 20));
            Map<String, String> env = new HashMap<>(s3.env());
            env.put("GOSUMDB", "off");
            Path cache = dir.resolve("cache");
            String[] args = {
                "--upstream", relay.url(), "--store", "s3://kill/go", "--cache", cache.toString(), "--quiet"
            };
            long storedAtKill;
            try (ServeProcess serve = ServeProcess.start(dir.resolve("first"), env, args)) {
                Thread.ofVirtual().start(() -> {
                    for (BigModules.Module m : modules) {
                        Thread.ofVirtual().start(() -> ServeKillTest.drain(serve.port(), m.zipPath()));
                        ServeProcess.sleep(700); // the first is stored while the others are on their way
                    }
                });
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                long whole = modules.get(0).zip().length;
                while (largestUpload(cache) < whole) { // downloaded and verified: its PUT is under way
                    assertThat(serve.process().isAlive()).as(serve.describe()).isTrue();
                    assertThat(System.nanoTime())
                            .as("a zip being uploaded: " + serve.describe())
                            .isLessThan(deadline);
                    ServeProcess.sleep(5);
                }
                ServeProcess.sleep(300);
                assertThat(serve.kill()).as("killed by SIGKILL").isEqualTo(128 + 9);
                storedAtKill = stored(bucket, modules);
            }
            assertThat(storedAtKill).as("zips in the bucket when killed").isLessThan(modules.size());
            assertThat(uploadFiles(cache))
                    .as("the killed instance's files in flight")
                    .isPositive();
            for (BigModules.Module m : modules) {
                String key = "go" + m.zipPath();
                try {
                    ResponseBytes<GetObjectResponse> object =
                            bucket.getObjectAsBytes(b -> b.bucket("kill").key(key));
                    assertThat(BigModules.hashZip(object.asByteArray())).as(key).isEqualTo(m.sum());
                    assertThat(object.response().metadata()).as(key).containsEntry("h1", m.sum());
                } catch (NoSuchKeyException absent) {
                    // not stored before the kill: fetched again below
                }
            }

            try (ServeProcess serve = ServeProcess.start(dir.resolve("second"), env, args)) {
                Path work = BigModules.writeWorkModule(dir.resolve("work"), modules);
                GoToolchain.Sandbox go = GoToolchain.get().sandbox(dir.resolve("go"));
                Map<String, String> goEnv = Map.of("GOPROXY", serve.url(), "GOFLAGS", "-mod=mod");
                GoToolchain.Run download = go.run(work, goEnv, "mod", "download");
                assertThat(download.exitCode())
                        .as(download.describe() + serve.describe())
                        .isZero();
                GoToolchain.Run verify = go.run(work, goEnv, "mod", "verify");
                assertThat(verify.stdout()).as(verify.describe()).isEqualTo("all modules verified\n");
                assertThat(stored(bucket, modules)).isEqualTo(modules.size());
                try (Stream<Path> dirs = Files.list(cache.resolve("s3-tmp"))) {
                    assertThat(dirs.filter(Files::isDirectory).toList())
                            .as("upload directories: the restarted instance's own only")
                            .hasSize(1);
                }
            }
            ConformanceReport.record(
                    "server",
                    "kill -9 of holdfast serve filling an S3 bucket with three 20 MB zips: no partial object,"
                            + " restarted instance sweeps its uploads, go mod download + verify accept",
                    1,
                    1);
        }
    }

    private static long stored(S3Client bucket, List<BigModules.Module> modules) {
        return modules.stream()
                .filter(m -> {
                    try {
                        bucket.headObject(b -> b.bucket("kill").key("go" + m.zipPath()));
                        return true;
                    } catch (NoSuchKeyException absent) {
                        return false;
                    }
                })
                .count();
    }

    /** Returns the size of the largest temporary upload file under the cache directory, 0 for none. */
    private static long largestUpload(Path cache) {
        return uploads(cache).stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Returns how many temporary upload files the instance has under its cache directory. */
    private static long uploadFiles(Path cache) {
        return uploads(cache).size();
    }

    private static List<Long> uploads(Path cache) {
        return LiveFiles.sizes(cache.resolve("s3-tmp"), name -> name.startsWith("upload-"));
    }
}
