package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.server.ProxyServer;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The go command with GOPROXY at Holdfast, whose upstream is a local origin: it gets the same answers
 * and writes the same go.sum as with GOPROXY at the origin itself; and once the cache is warm, builds
 * keep working with the origin gone.
 */
@Timeout(30)
class ServeGoCommandTest {
    private final GoToolchain go = GoToolchain.get();

    @TempDir
    Path tmp;

    /** The go command's observable results for one GOPROXY: what a build of the app sees. */
    private List<String> session(String goproxy, String name) throws IOException {
        return session(go, tmp, goproxy, name);
    }

    /**
     * Returns what the go command shows in a sandbox under {@code tmp}/{@code name} with GOPROXY {@code
     * goproxy}: {@code go get}, {@code go build}, go.sum and go.mod, {@code go list -m -versions} and
     * {@code -json}, {@code go mod download -json}, and the error for a version that does not exist.
     */
    static List<String> session(GoToolchain go, Path tmp, String goproxy, String name) throws IOException {
        GoToolchain.Sandbox sb = go.sandbox(tmp.resolve(name));
        Path app = Modules.writeApp(tmp.resolve(name + "-app"));
        Map<String, String> env = Map.of("GOPROXY", goproxy);
        List<String> seen = new ArrayList<>();
        seen.add(sb.run(app, env, "get", "example.com/greet@latest")
                .checkSuccess()
                .stderr());
        seen.add(sb.run(app, env, "build", "-o", "app", ".").checkSuccess().stderr());
        seen.add(Files.readString(app.resolve("go.sum")));
        seen.add(Files.readString(app.resolve("go.mod")));
        seen.add(sb.run(app, env, "list", "-m", "-versions", Modules.GREET)
                .checkSuccess()
                .stdout());
        seen.add(sb.run(app, env, "list", "-m", "-json", "example.com/greet@v1.0.0")
                .checkSuccess()
                .stdout()
                .replaceAll("\"(Dir|GoMod)\": \"[^\"]*\"", "\"$1\": \"...\""));
        seen.add(sb.run(app, env, "mod", "download", "-json", "example.com/words@v0.1.0")
                .checkSuccess()
                .stdout()
                .replaceAll("\"(Dir|GoMod|Zip|Info)\": \"[^\"]*\"", "\"$1\": \"...\""));
        seen.add(sb.run(app, env, "get", "example.com/greet@v9.0.0").stderr().replace(goproxy, "GOPROXY"));
        return seen;
    }

    @Test
    void goCommand_sameResultsThroughHoldfastAsFromTheOrigin() throws IOException {
        try (LocalOrigin origin = Modules.addTo(LocalOrigin.open());
                ProxyServer holdfast = Holdfast.start(origin.url(), tmp.resolve("store"))) {
            List<String> direct = session(origin.url(), "direct");
            List<String> through = session(holdfast.url(), "holdfast");
            long agreed = 0;
            for (int i = 0; i < direct.size(); i++) {
                agreed += direct.get(i).equals(through.get(i)) ? 1 : 0;
            }
            ConformanceReport.record(
                    "server", "go get/build/list/mod download through holdfast serve vs origin", direct.size(), agreed);
            assertThat(through).isEqualTo(direct);
            assertThat(through.get(2)).contains("example.com/words v0.1.0 h1:");
        }
    }

    @Test
    void originStopped_cleanModuleCacheStillBuildsAndListsAreStale() throws IOException, InterruptedException {
        try (LocalOrigin origin = Modules.addTo(LocalOrigin.open());
                ProxyServer holdfast = Holdfast.start(origin.url(), tmp.resolve("store"))) {
            GoToolchain.Sandbox sb = go.sandbox(tmp.resolve("sb"));
            Path app = Modules.writeApp(tmp.resolve("app"));
            Map<String, String> env = Map.of("GOPROXY", holdfast.url());
            sb.run(app, env, "get", "example.com/greet@latest").checkSuccess();
            String versions = sb.run(app, env, "list", "-m", "-versions", Modules.GREET)
                    .checkSuccess()
                    .stdout();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> freshLatest = get(http, holdfast.url() + "/example.com/greet/@latest");
            assertThat(freshLatest.headers().firstValue("X-Holdfast-Degraded")).isEmpty();

            origin.stop();
            sb.cleanModCache();
            GoToolchain.Run build = sb.run(app, env, "build", "-o", "app", ".");
            String listed =
                    sb.run(app, env, "list", "-m", "-versions", Modules.GREET).stdout();
            HttpResponse<String> list = get(http, holdfast.url() + "/example.com/greet/@v/list");
            HttpResponse<String> latest = get(http, holdfast.url() + "/example.com/greet/@latest");
            HttpResponse<String> status = get(http, holdfast.url() + "/status");
            ConformanceReport.record(
                    "server",
                    "origin stopped: clean-cache build and version list through holdfast",
                    2,
                    (build.exitCode() == 0 ? 1 : 0) + (listed.equals(versions) ? 1 : 0));

            assertThat(build.exitCode()).as(build.describe()).isZero();
            assertThat(listed).isEqualTo(versions).isEqualTo("example.com/greet v1.0.0 v1.1.0\n");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).isEqualTo("v1.0.0\nv1.1.0\n");
            assertThat(list.headers().firstValue("X-Holdfast-Degraded")).hasValueSatisfying(v -> assertThat(v)
                    .matches("stale; since=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
            assertThat(latest.statusCode()).isEqualTo(200);
            assertThat(latest.body()).isEqualTo(freshLatest.body());
            assertThat(latest.headers().firstValue("X-Holdfast-Degraded")).isPresent();
            assertThat(status.body()).contains("example.com/greet/@v/list").contains("example.com/greet/@latest");
        }
    }

    static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
