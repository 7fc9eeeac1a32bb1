package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.conformance.download.HoldfastCli;
import dev.holdfast.server.ProxyServer;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast warm}: after warming a server, the go command builds the project through it with the
 * origin gone; after warming the local module cache, with GOPROXY=off; and a second run fetches nothing.
 */
@Timeout(60)
class WarmTest {
    private final GoToolchain go = GoToolchain.get();

    @TempDir
    Path tmp;

    private Map<String, String> env(String goproxy) {
        Map<String, String> env = new HashMap<>(HoldfastCli.env(tmp.resolve("modcache"), goproxy));
        env.put("GOFLAGS", "-mod=mod");
        return env;
    }

    private GoToolchain.Run goModDownload(Path project, String goproxy, String name) throws IOException {
        return go.sandbox(tmp.resolve(name))
                .run(project, Map.of("GOPROXY", goproxy, "GOSUMDB", "off", "GOFLAGS", "-mod=mod"), "mod", "download");
    }

    @Test
    void warmServer_thenTheGoCommandBuildsThroughItWithTheOriginGone_andTheLocalCacheIsUntouched() throws Exception {
        Path project = ServePrefetchTest.project(tmp.resolve("project"));
        try (LocalOrigin origin = ServePrefetchTest.graph(LocalOrigin.open());
                ProxyServer holdfast = Holdfast.start(origin.url(), tmp.resolve("store"))) {
            HoldfastCli.Run warm = HoldfastCli.run(
                    env(origin.url()),
                    "warm",
                    "--server",
                    holdfast.url(),
                    "--json",
                    project.resolve("go.mod").toString());
            assertThat(warm.exitCode()).as(warm.describe()).isZero();
            JsonNode summary = warm.json().getFirst();
            assertThat(summary.path("Project").asText()).isEqualTo(project.toString());
            assertThat(summary.path("Cache").asText()).isEqualTo(holdfast.url());
            assertThat(summary.path("Zips").asInt()).isEqualTo(3);
            assertThat(summary.path("Downloaded").asInt()).isEqualTo(3);
            assertThat(tmp.resolve("modcache")).doesNotExist();

            // Again: every zip is held by the server, so each is only asked about (HEAD), not sent.
            double zipBytes = servedZipBytes(holdfast);
            HoldfastCli.Run again = HoldfastCli.run(
                    env(origin.url()), "warm", "--server", holdfast.url(), "--json", project.toString());
            assertThat(again.exitCode()).as(again.describe()).isZero();
            assertThat(again.json().getFirst().path("Cached").asInt()).isEqualTo(3);
            assertThat(again.json().getFirst().path("Downloaded").asInt()).isZero();
            assertThat(servedZipBytes(holdfast)).isEqualTo(zipBytes);

            origin.stop();
            GoToolchain.Run build = goModDownload(project, holdfast.url(), "after-warm");
            assertThat(build.exitCode()).as(build.describe()).isZero();
        }
    }

    /**
     * A zip the server holds is skipped only when go.sum does not contradict the hash the server gives:
     * with a go.sum line that differs, warm downloads it, and fails as a download with a wrong hash does.
     */
    @Test
    void warmServer_aHeldZipThatGoSumContradicts_isDownloadedAndFails() throws Exception {
        Path project = ServePrefetchTest.project(tmp.resolve("project"));
        try (LocalOrigin origin = ServePrefetchTest.graph(LocalOrigin.open());
                ProxyServer holdfast = Holdfast.start(origin.url(), tmp.resolve("store"))) {
            HoldfastCli.Run first =
                    HoldfastCli.run(env(origin.url()), "warm", "--server", holdfast.url(), project.toString());
            assertThat(first.exitCode()).as(first.describe()).isZero();
            String wrong = "h1:" + "A".repeat(43) + "=";
            Files.writeString(project.resolve("go.sum"), ServePrefetchTest.C + " v1.0.0 " + wrong + "\n");

            HoldfastCli.Run second =
                    HoldfastCli.run(env(origin.url()), "warm", "--server", holdfast.url(), project.toString());
            assertThat(second.exitCode()).as(second.describe()).isEqualTo(1);
            assertThat(second.stderr())
                    .contains(ServePrefetchTest.C + "@v1.0.0")
                    .contains("checksum mismatch");
        }
    }

    /** Returns the zip bytes the server has sent so far, from its metrics. */
    private static double servedZipBytes(ProxyServer server) throws IOException, InterruptedException {
        String metrics = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/metrics"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        return metrics.lines()
                .filter(l -> l.startsWith("holdfast_served_bytes_total{kind=\"zip\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no zip bytes in the metrics:\n" + metrics));
    }

    @Test
    void warmLocal_thenTheGoCommandWorksOffline_andASecondRunFetchesNothing() throws Exception {
        Path project = ServePrefetchTest.project(tmp.resolve("project"));
        try (LocalOrigin origin = ServePrefetchTest.graph(LocalOrigin.open())) {
            HoldfastCli.Run first = HoldfastCli.run(env(origin.url()), "warm", "-C", project.toString());
            assertThat(first.exitCode()).as(first.describe()).isZero();
            assertThat(first.stderr()).contains("holdfast warm: " + project + " into " + tmp.resolve("modcache"));
            int asked = origin.requests().size();

            HoldfastCli.Run second = HoldfastCli.run(env(origin.url()), "warm", "--json", "-C", project.toString());
            assertThat(second.exitCode()).as(second.describe()).isZero();
            assertThat(second.json().getFirst().path("Cached").asInt()).isEqualTo(3);
            assertThat(second.json().getFirst().path("Downloaded").asInt()).isZero();
            assertThat(origin.requests()).hasSize(asked);
        }
        GoToolchain.Run build = go.sandbox(tmp.resolve("offline"))
                .run(
                        project,
                        Map.of(
                                "GOPROXY",
                                "off",
                                "GOSUMDB",
                                "off",
                                "GOFLAGS",
                                "-mod=mod",
                                "GOMODCACHE",
                                tmp.resolve("modcache").toString()),
                        "mod",
                        "download");
        assertThat(build.exitCode()).as(build.describe()).isZero();
        try (Stream<Path> zips = Files.walk(tmp.resolve("modcache/cache/download"))) {
            assertThat(zips.filter(p -> p.toString().endsWith(".zip")).count()).isEqualTo(3);
        }
    }

    @Test
    void warm_withoutAGoMod_isBadInput() {
        HoldfastCli.Run run = HoldfastCli.run(env("off"), "warm", "-C", tmp.toString());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderr()).contains("go.mod file not found");
    }
}
