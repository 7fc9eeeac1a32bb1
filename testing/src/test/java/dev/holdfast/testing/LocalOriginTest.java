package dev.holdfast.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class LocalOriginTest {
    private static final String M = "example.com/m";
    private static final Instant T1 = Instant.parse("2024-01-02T03:04:05Z");
    private static final Instant T2 = Instant.parse("2024-02-03T04:05:06Z");

    private LocalOrigin origin;

    @BeforeEach
    void open() throws Exception {
        origin = LocalOrigin.open();
    }

    @AfterEach
    void close() {
        origin.close();
    }

    private String text(String path) throws Exception {
        HttpResponse<byte[]> r = LabHttp.get(origin.url() + path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void add_servesEveryEndpoint() throws Exception {
        origin.add(M, "v1.1.0", T2, TestModules.mod(M), new byte[] {1, 2})
                .add(M, "v1.0.0", T1, TestModules.mod(M), new byte[] {3})
                .add(M, "v1.2.0-pre", T2, TestModules.mod(M), new byte[] {4})
                .add(M, "v0.0.0-20240102030405-abcdefabcdef", T1, TestModules.mod(M), new byte[] {5});

        assertThat(text("/example.com/m/@v/list")).isEqualTo("v1.0.0\nv1.1.0\nv1.2.0-pre\n");
        assertThat(text("/example.com/m/@v/v1.0.0.info"))
                .isEqualTo("{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-02T03:04:05Z\"}");
        assertThat(text("/example.com/m/@v/v1.0.0.mod")).isEqualTo("module example.com/m\n\ngo 1.21\n");
        assertThat(text("/example.com/m/@latest")).contains("\"Version\":\"v1.1.0\"");
        HttpResponse<byte[]> zip = LabHttp.get(origin.url() + "/example.com/m/@v/v1.1.0.zip");
        assertThat(zip.body()).containsExactly(1, 2);
        assertThat(zip.headers().firstValue("content-type")).hasValue("application/zip");
        assertThat(text("/example.com/m/@v/v0.0.0-20240102030405-abcdefabcdef.info"))
                .contains("abcdefabcdef");
    }

    @Test
    void add_latestFallsBackToPrerelease() throws Exception {
        origin.add(M, "v1.2.0-pre", T1, TestModules.mod(M), new byte[0]);

        assertThat(text("/example.com/m/@latest")).contains("\"Version\":\"v1.2.0-pre\"");
    }

    @Test
    void add_escapesUpperCase() throws Exception {
        origin.add("example.com/Upper/m", "v1.0.0-RC1", T1, TestModules.mod(M), new byte[] {9});

        assertThat(text("/example.com/!upper/m/@v/v1.0.0-!r!c1.info")).contains("\"Version\":\"v1.0.0-RC1\"");
        assertThat(LabHttp.get(origin.url() + "/example.com/Upper/m/@v/v1.0.0-RC1.info")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void get_percentEncodedBang_findsTheEscapedPath() throws Exception {
        origin.add("example.com/Upper/m", "v1.0.0-RC1", T1, TestModules.mod(M), new byte[] {9});

        assertThat(text("/example.com/%21upper/m/@v/v1.0.0-%21r%21c1.info")).contains("\"Version\":\"v1.0.0-RC1\"");
        assertThat(text("/example.com/%21upper/m/@v/list")).isEqualTo("v1.0.0-RC1\n");
        assertThat(origin.requests())
                .extracting(LocalOrigin.Request::path)
                .containsExactly("/example.com/!upper/m/@v/v1.0.0-!r!c1.info", "/example.com/!upper/m/@v/list");
    }

    @Test
    void goModDownload_mixedCaseModuleOverHttp_succeeds(@TempDir Path dir) {
        String path = "example.com/MixedCase/Lib";
        String version = "v1.2.0-RC.1";
        origin.add(path, version, T1, TestModules.mod(path), TestModules.zip(path, version));
        GoToolchain.Sandbox go = GoToolchain.get().sandbox(dir.resolve("go"));

        GoToolchain.Run run = go.run(
                dir, java.util.Map.of("GOPROXY", origin.url()), "mod", "download", "-json", path + "@" + version);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("\"Version\": \"" + version + "\"").doesNotContain("\"Error\"");
        assertThat(go.modCache().resolve("example.com/!mixed!case/!lib@v1.2.0-!r!c.1/Lib.go"))
                .exists();
        assertThat(origin.requestCount("/example.com/!mixed!case/!lib/@v/v1.2.0-!r!c.1.zip"))
                .isEqualTo(1);
    }

    @Test
    void add_rejectsNonCanonicalVersionAndBadPath() {
        assertThatThrownBy(() -> origin.add(M, "v1.0", T1, new byte[0], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> origin.add("nodot/m", "v1.0.0", T1, new byte[0], new byte[0]))
                .hasMessageContaining("missing dot in first path element");
    }

    @Test
    void get_unknown_isNotFoundWithTextReason() throws Exception {
        origin.add(M, "v1.0.0", T1, TestModules.mod(M), new byte[0]);

        HttpResponse<byte[]> r = LabHttp.get(origin.url() + "/example.com/m/@v/v9.9.9.zip");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("not found", "v9.9.9.zip");
    }

    @Test
    void requestCount_countsByRawPath() throws Exception {
        origin.add(M, "v1.0.0", T1, TestModules.mod(M), new byte[] {1});

        LabHttp.get(origin.url() + "/example.com/m/@v/list");
        LabHttp.get(origin.url() + "/example.com/m/@v/list", "X-Probe", "yes");
        LabHttp.get(origin.url() + "/example.com/private/@v/list");

        assertThat(origin.requestCount("/example.com/m/@v/list")).isEqualTo(2);
        assertThat(origin.requestCount("/example.com/m/@v/v1.0.0.zip")).isZero();
        assertThat(origin.requests())
                .extracting(LocalOrigin.Request::path)
                .containsExactly("/example.com/m/@v/list", "/example.com/m/@v/list", "/example.com/private/@v/list");
        assertThat(origin.requests().get(1).headers()).containsEntry("x-probe", "yes");
    }

    @Test
    void get_range_answersPartialContent() throws Exception {
        byte[] zip = TestModules.filler(100);
        origin.add(M, "v1.0.0", T1, TestModules.mod(M), zip);
        String url = origin.url() + "/example.com/m/@v/v1.0.0.zip";

        HttpResponse<byte[]> middle = LabHttp.get(url, "Range", "bytes=10-19");
        HttpResponse<byte[]> tail = LabHttp.get(url, "Range", "bytes=90-");
        HttpResponse<byte[]> suffix = LabHttp.get(url, "Range", "bytes=-5");

        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("content-range")).hasValue("bytes 10-19/100");
        assertThat(middle.body()).containsExactly(Arrays.copyOfRange(zip, 10, 20));
        assertThat(tail.body()).containsExactly(Arrays.copyOfRange(zip, 90, 100));
        assertThat(suffix.headers().firstValue("content-range")).hasValue("bytes 95-99/100");
    }

    @Test
    void get_ifRange_resumesOnlyTheSameFile() throws Exception {
        byte[] first = TestModules.filler(50);
        byte[] second = TestModules.filler(60);
        origin.add(M, "v1.0.0", T1, TestModules.mod(M), first);
        String url = origin.url() + "/example.com/m/@v/v1.0.0.zip";
        String etag = LabHttp.get(url).headers().firstValue("etag").orElseThrow();

        HttpResponse<byte[]> same = LabHttp.get(url, "Range", "bytes=40-", "If-Range", etag);
        origin.add(M, "v1.0.0", T1, TestModules.mod(M), second);
        HttpResponse<byte[]> changed = LabHttp.get(url, "Range", "bytes=40-", "If-Range", etag);

        assertThat(same.statusCode()).isEqualTo(206);
        assertThat(same.body()).containsExactly(Arrays.copyOfRange(first, 40, 50));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).containsExactly(second);
        assertThat(changed.headers().firstValue("etag")).isNotEqualTo(etag);
    }

    @Test
    void get_rangePastEnd_isNotSatisfiable() throws Exception {
        origin.add(M, "v1.0.0", T1, TestModules.mod(M), TestModules.filler(10));

        HttpResponse<byte[]> r = LabHttp.get(origin.url() + "/example.com/m/@v/v1.0.0.zip", "Range", "bytes=10-");

        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.headers().firstValue("content-range")).hasValue("bytes */10");
    }

    @Test
    void stopStart_refusesThenServesOnTheSamePort() throws Exception {
        origin.add(M, "v1.0.0", T1, TestModules.mod(M), new byte[] {1});
        int port = origin.port();
        String url = origin.url() + "/example.com/m/@v/list";
        LabHttp.get(url);

        origin.stop();
        assertThatThrownBy(() -> LabHttp.get(url)).isInstanceOf(ConnectException.class);
        origin.start();

        assertThat(origin.port()).isEqualTo(port);
        assertThat(LabHttp.get(url).statusCode()).isEqualTo(200);
    }

    @Test
    void writeTo_isAFileProxyForTheGoCommand(@TempDir Path dir) throws Exception {
        String path = "example.com/Hello";
        origin.add(path, "v1.0.0", T1, TestModules.mod(path), TestModules.zip(path, "v1.0.0"));
        Path tree = dir.resolve("proxy");
        origin.writeTo(tree);
        GoToolchain.Sandbox go = GoToolchain.get().sandbox(dir.resolve("go"));

        GoToolchain.Run run = go.run(
                dir,
                java.util.Map.of("GOPROXY", tree.toUri().toString()),
                "mod",
                "download",
                "-json",
                path + "@v1.0.0");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("\"Version\": \"v1.0.0\"", "\"Zip\": ");
        assertThat(tree.resolve("example.com/!hello/@v/list")).hasContent("v1.0.0");
        assertThat(tree.resolve("example.com/!hello/@latest")).exists();
        assertThat(go.modCache().resolve("example.com/!hello@v1.0.0/Hello.go")).exists();
    }
}
