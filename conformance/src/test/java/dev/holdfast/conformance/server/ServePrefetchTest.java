package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.server.ProxyServer;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prefetching with the go command on the other side: {@code go mod download} through a Holdfast that
 * fetches ahead leaves exactly the module cache a download straight from the origin leaves, the origin
 * is asked for no file twice, and what was fetched that the go command never asked for stays within a
 * small bound (printed).
 *
 * <p>The graph: the project (go 1.21) requires {@code a} v1.0.0, whose go.mod is at go 1.16 (so graph
 * loading reads its requirements' go.mod files: {@code b} v1.0.0 and {@code c} v1.0.0), and {@code b}
 * v1.1.0 (go 1.21, requiring {@code c}).
 */
@Timeout(60)
class ServePrefetchTest {
    static final String A = "example.com/pf/a";
    static final String B = "example.com/pf/b";
    static final String C = "example.com/pf/c";

    private final GoToolchain go = GoToolchain.get();

    @TempDir
    Path tmp;

    /** Adds the graph of the class comment to {@code origin} and returns it. */
    static LocalOrigin graph(LocalOrigin origin) {
        add(origin, A, "v1.0.0", "go 1.16\n\nrequire (\n\t" + B + " v1.0.0\n\t" + C + " v1.0.0\n)\n");
        add(origin, B, "v1.0.0", "go 1.21\n");
        add(origin, B, "v1.1.0", "go 1.21\n\nrequire " + C + " v1.0.0\n");
        add(origin, C, "v1.0.0", "go 1.21\n");
        return origin;
    }

    static void add(LocalOrigin origin, String path, String version, String rest) {
        String goMod = "module " + path + "\n\n" + rest;
        origin.add(
                path,
                version,
                Instant.parse("2024-05-01T00:00:00Z"),
                goMod.getBytes(StandardCharsets.UTF_8),
                Modules.zip(path, version, goMod, "p.go", "package p\n"));
    }

    /** Runs {@code go mod download} with GOPROXY {@code goproxy}; returns the download area's files and bytes. */
    private Map<String, String> download(String goproxy, String name) throws IOException {
        Path project = project(tmp.resolve(name + "-project"));
        GoToolchain.Sandbox sb = go.sandbox(tmp.resolve(name));
        sb.run(project, Map.of("GOPROXY", goproxy, "GOSUMDB", "off", "GOFLAGS", "-mod=mod"), "mod", "download")
                .checkSuccess();
        Path download = sb.modCache().resolve("cache/download");
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(download)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                String rel = download.relativize(f).toString();
                if (!rel.endsWith(".lock")) {
                    files.put(rel, java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
                }
            }
        }
        return files;
    }

    /** Writes the project of the class comment into {@code dir} and returns it. */
    static Path project(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("go.mod"),
                "module example.com/pf/app\n\ngo 1.21\n\nrequire (\n\t" + A + " v1.0.0\n\t" + B + " v1.1.0\n\t" + C
                        + " v1.0.0 // indirect\n)\n");
        return dir;
    }

    private static List<String> files(List<LocalOrigin.Request> requests) {
        return requests.stream().map(LocalOrigin.Request::path).toList();
    }

    @Test
    void goModDownload_sameModuleCacheAsDirect_noFileFetchedTwice_fewExtras() throws Exception {
        try (LocalOrigin origin = graph(LocalOrigin.open())) {
            Map<String, String> direct = download(origin.url(), "direct");
            List<String> directAsked = files(origin.requests());
            int before = origin.requests().size();
            try (ProxyServer holdfast = Holdfast.start(origin.url(), tmp.resolve("store"))) {
                Map<String, String> through = download(holdfast.url(), "holdfast");
                JsonNode prefetch = status(holdfast).path("prefetch");
                while (prefetch.path("queued").asInt()
                                + prefetch.path("inFlight").asInt()
                        > 0) {
                    Thread.sleep(20);
                    prefetch = status(holdfast).path("prefetch");
                }
                List<String> asked = files(
                        origin.requests().subList(before, origin.requests().size()));
                List<String> extras = new ArrayList<>(asked);
                extras.removeAll(directAsked);
                System.out.println(
                        "prefetch: " + prefetch + "; fetched but never asked for by the go command: " + extras);
                ConformanceReport.record(
                        "server",
                        "go mod download through holdfast serve with prefetch vs origin: module cache files",
                        direct.size(),
                        direct.keySet().stream()
                                .filter(k -> direct.get(k).equals(through.get(k)))
                                .count());

                assertThat(through).isEqualTo(direct);
                assertThat(new HashSet<>(asked)).hasSize(asked.size()).containsAll(directAsked);
                assertThat(prefetch.path("fetched").asLong()).isPositive();
                Set<String> modules = Set.of(A, B, C);
                assertThat(extras)
                        .allSatisfy(path -> assertThat(modules.stream().anyMatch(path::contains))
                                .isTrue());
                // A zip is fetched ahead only for a module whose .info the go command asked for, so never
                // one it does not download; the .info files of go.mod files it read (b v1.0.0) may be extra.
                assertThat(extras).noneMatch(path -> path.endsWith(".zip"));
                assertThat(extras.size()).isLessThanOrEqualTo(2);
            }
        }
    }

    private static JsonNode status(ProxyServer holdfast) throws IOException, InterruptedException {
        String body = ServeGoCommandTest.get(HttpClient.newHttpClient(), holdfast.url() + "/status")
                .body();
        return new ObjectMapper().readTree(body);
    }
}
