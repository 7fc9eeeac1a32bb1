package dev.holdfast.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.store.StoredContent;
import dev.holdfast.testing.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

/** {@link S3Store} against S3Proxy (an S3-compatible server run as a process on loopback). */
class S3StoreTest {
    @TempDir
    static Path dir;

    private static S3ProxyServer server;
    private static S3Store store;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start(dir.resolve("s3proxy"));
        store = S3Store.open(S3Location.parse("s3://holdfast-test/cache"), server.env(), dir.resolve("tmp"), false);
        store.client()
                .createBucket(
                        CreateBucketRequest.builder().bucket("holdfast-test").build());
    }

    @AfterAll
    static void stop() {
        store.close();
        server.close();
    }

    private static Path temp(String content) throws IOException {
        Path f = store.tempFile();
        Files.writeString(f, content);
        return f;
    }

    @Test
    void putThenRead_sameBytes_andTheTempFileIsConsumed() throws IOException {
        Path f = temp("module example.com/a\n");
        store.put("example.com/a/@v/v1.0.0.mod", f);
        assertThat(f).doesNotExist();
        assertThat(store.size("example.com/a/@v/v1.0.0.mod")).contains(21L);
        try (InputStream in = store.open("example.com/a/@v/v1.0.0.mod").orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("module example.com/a\n");
        }
    }

    @Test
    void missing_isEmpty() throws IOException {
        assertThat(store.size("example.com/none/@v/v1.0.0.mod")).isEmpty();
        assertThat(store.open("example.com/none/@v/v1.0.0.mod")).isEmpty();
        assertThat(store.content("example.com/none/@v/list")).isEmpty();
    }

    @Test
    void zip_keepsItsHashInMetadata_forTheETag() throws IOException {
        store.putZip("example.com/z/@v/v1.0.0.zip", temp("PK-not-really"), "h1:abc=");
        StoredContent c = store.content("example.com/z/@v/v1.0.0.zip").orElseThrow();
        assertThat(c).isInstanceOf(StoredContent.Streamed.class);
        assertThat(((StoredContent.Streamed) c).h1()).isEqualTo("h1:abc=");
        assertThat(c.size()).isEqualTo(13);
        assertThat(c.readAll()).isEqualTo("PK-not-really".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void moduleFiles_firstWriterWins_listsAreReplaced() throws IOException {
        store.put("example.com/w/@v/v1.0.0.info", temp("{\"Version\":\"v1.0.0\"}"));
        store.put("example.com/w/@v/v1.0.0.info", temp("{\"Version\":\"v1.0.0\",\"Time\":\"x\"}"));
        assertThat(read("example.com/w/@v/v1.0.0.info")).isEqualTo("{\"Version\":\"v1.0.0\"}");
        store.put("example.com/w/@v/list", temp("v1.0.0\n"));
        store.put("example.com/w/@v/list", temp("v1.0.0\nv1.1.0\n"));
        assertThat(read("example.com/w/@v/list")).isEqualTo("v1.0.0\nv1.1.0\n");
    }

    @Test
    void objects_areNamedInTheGoproxyLayout_underThePrefix() throws IOException {
        store.put("example.com/!upper/@v/v1.0.0.mod", temp("module example.com/Upper\n"));
        assertThat(store.client()
                        .headObject(b -> b.bucket("holdfast-test").key("cache/example.com/!upper/@v/v1.0.0.mod"))
                        .contentLength())
                .isEqualTo(25);
    }

    @Test
    void keysOutsideTheFiveShapes_refused() {
        assertThatThrownBy(() -> store.size("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wrongCredentials_failWithTheBucketAndKeyNamed() throws IOException {
        Map<String, String> env = new HashMap<>(server.env());
        env.put("AWS_SECRET_ACCESS_KEY", "wrong");
        try (S3Store wrong =
                S3Store.open(S3Location.parse("s3://holdfast-test/cache"), env, dir.resolve("tmp"), false)) {
            assertThatThrownBy(() -> wrong.size("example.com/a/@v/v1.0.0.mod"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("s3://holdfast-test/cache/example.com/a/@v/v1.0.0.mod (403)")
                    .hasMessageNotContaining("wrong");
        }
    }

    @Test
    void location_parsesBucketAndPrefix_andRefusesOthers() {
        assertThat(S3Location.parse("s3://bucket")).isEqualTo(new S3Location("bucket", ""));
        assertThat(S3Location.parse("s3://my.bucket/a/b/")).isEqualTo(new S3Location("my.bucket", "a/b/"));
        assertThatThrownBy(() -> S3Location.parse("https://bucket")).hasMessageContaining("not an s3:// store");
        assertThatThrownBy(() -> S3Location.parse("s3://B")).hasMessageContaining("invalid S3 bucket name");
        assertThatThrownBy(() -> S3Location.parse("s3://bucket/a/../b")).hasMessageContaining("invalid key prefix");
        assertThat(S3Location.needsPathStyle(URI.create("http://127.0.0.1:9000")))
                .isTrue();
        assertThat(S3Location.needsPathStyle(URI.create("http://localhost:9000")))
                .isTrue();
        assertThat(S3Location.needsPathStyle(URI.create("https://s3.example.com")))
                .isFalse();
    }

    private static String read(String key) throws IOException {
        Optional<InputStream> in = store.open(key);
        try (InputStream stream = in.orElseThrow()) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void h1_isFoundWhateverTheCaseTheServiceGivesItsName() {
        assertThat(S3Store.h1(java.util.Map.of("h1", "h1:lower="))).isEqualTo("h1:lower=");
        assertThat(S3Store.h1(java.util.Map.of("H1", "h1:go=")))
                .as("a server in Go")
                .isEqualTo("h1:go=");
        assertThat(S3Store.h1(java.util.Map.of("other", "x"))).isEmpty();
    }

    @Test
    void checkReachable_passesForTheBucket_andNamesABucketThatIsNot() throws IOException {
        store.checkReachable();
        try (S3Store missing =
                S3Store.open(S3Location.parse("s3://holdfast-absent/x"), server.env(), dir.resolve("tmp2"), false)) {
            assertThatThrownBy(missing::checkReachable)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot reach s3://holdfast-absent/")
                    .hasMessageContaining("(404)");
        }
    }
}
