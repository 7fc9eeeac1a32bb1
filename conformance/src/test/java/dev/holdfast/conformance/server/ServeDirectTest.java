package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.conformance.direct.DirectWorld;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's set-up, end to end with the real go command: {@code holdfast serve} in front of a public
 * origin, with {@code GOPRIVATE} set on the server and its {@code .netrc} holding the login of a private
 * git repository ({@link DirectWorld}, over git's smart HTTP on loopback). A client that only has
 * {@code GOPROXY=<holdfast>} (and no way to reach the git server itself) builds a program needing
 * private and public modules; the public origin never sees a private path; the checksum-database
 * forwarder refuses private lookups; and version lists through Holdfast are what {@code GOPROXY=direct}
 * gives.
 */
class ServeDirectTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void privateModulesComeFromVersionControl_andTheirNamesStayInside() throws Exception {
        GoToolchain go = GoToolchain.get();
        try (DirectWorld world = DirectWorld.create(dir.resolve("world"));
                LocalOrigin origin = Modules.addTo(LocalOrigin.open())) {
            GoToolchain.Sandbox server = go.sandbox(dir.resolve("server"));
            Map<String, String> serveEnv = new HashMap<>(server.env());
            serveEnv.putAll(world.env(Path.of(server.env().get("HOME")), true));
            serveEnv.put("GOPRIVATE", DirectWorld.HOST);
            try (ServeMain serve = new ServeMain(
                    serveEnv,
                    "serve",
                    "--listen",
                    "127.0.0.1:0",
                    "--upstream",
                    origin.url(),
                    "--cache",
                    dir.resolve("cache").toString())) {
                GoToolchain.Sandbox client = go.sandbox(dir.resolve("client"));
                Map<String, String> clientEnv = Map.of("GOPROXY", serve.url(), "GONOSUMDB", DirectWorld.HOST);
                Path app = writeApp(dir.resolve("app"));

                GoToolchain.Run build = client.run(
                        app, clientEnv, "build", "-o", dir.resolve("app.bin").toString(), ".");
                assertThat(build.exitCode())
                        .as(build.describe() + serve.describe())
                        .isZero();
                GoToolchain.Run all = client.run(app, clientEnv, "list", "-m", "all");
                assertThat(all.stdout())
                        .contains(DirectWorld.HOST + "/team/lib v1.1.0")
                        .contains(DirectWorld.HOST + "/team/secret v0.3.0")
                        .contains(Modules.GREET + " v1.1.0");

                for (String path : DirectWorld.paths()) {
                    assertThat(versions(client, clientEnv, path))
                            .as(path)
                            .isEqualTo(versions(server, directEnv(serveEnv), path));
                }
                GoToolchain.Run missing =
                        client.run(app, clientEnv, "mod", "download", DirectWorld.HOST + "/team/lib@v1.9.0");
                assertThat(missing.exitCode()).isNotZero();
                assertThat(missing.stderr()).contains("404 Not Found").contains("unknown revision v1.9.0");

                HttpResponse<String> lookup = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(serve.url() + "/sumdb/sum.example.test/lookup/"
                                                + DirectWorld.HOST + "/team/lib@v1.1.0"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(lookup.statusCode()).isEqualTo(403);
            }
            assertThat(origin.requests()).isNotEmpty().noneMatch(r -> r.path().contains(DirectWorld.HOST));
            assertThat(world.origin().requests()).anyMatch(r -> r.contains("/team/secret.git/"));
        }
    }

    /**
     * {@code GOPROXY=<proxy>,direct} on the server where the version-control hosts cannot be reached (a
     * firewall; here a name that never resolves): a package in a module's subdirectory makes {@code go mod
     * tidy} ask for the longer paths first. The proxy has no such modules and direct finds no repository,
     * which the go command counts as "not found" ({@code lookupDirect}), so tidy goes on to the module
     * that has the package. Through Holdfast it must do the same, ending with the go.mod the go command
     * writes with that GOPROXY itself.
     */
    @Test
    void aPackageInASubdirectory_withDirectUnreachable_tidiesAsTheGoCommandDoes() throws Exception {
        GoToolchain go = GoToolchain.get();
        String kit = "nowhere.test/kit";
        try (LocalOrigin origin = LocalOrigin.open()) {
            String goMod = "module " + kit + "\n\ngo 1.21\n";
            origin.add(
                    kit,
                    "v1.2.0",
                    java.time.Instant.parse("2024-03-01T10:00:00Z"),
                    goMod.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Modules.zip(kit, "v1.2.0", goMod, "text/text.go", "package text\n\nconst Hi = \"hi\"\n"));
            Path viaGo = writeKitApp(dir.resolve("via-go"));
            GoToolchain.Sandbox direct = go.sandbox(dir.resolve("direct"));
            GoToolchain.Run goTidy = direct.run(viaGo, Map.of("GOPROXY", origin.url() + ",direct"), "mod", "tidy");
            assertThat(goTidy.exitCode()).as(goTidy.describe()).isZero();

            GoToolchain.Sandbox server = go.sandbox(dir.resolve("server"));
            try (ServeMain serve = new ServeMain(
                    server.env(),
                    "serve",
                    "--listen",
                    "127.0.0.1:0",
                    "--upstream",
                    origin.url() + ",direct",
                    "--cache",
                    dir.resolve("cache").toString())) {
                Path viaHoldfast = writeKitApp(dir.resolve("via-holdfast"));
                GoToolchain.Run tidy = go.sandbox(dir.resolve("client"))
                        .run(viaHoldfast, Map.of("GOPROXY", serve.url()), "mod", "tidy");
                assertThat(tidy.exitCode())
                        .as(tidy.describe() + serve.describe())
                        .isZero();
                assertThat(Files.readString(viaHoldfast.resolve("go.mod")))
                        .isEqualTo(Files.readString(viaGo.resolve("go.mod")))
                        .contains(kit + " v1.2.0");
            }
        }
    }

    private static Path writeKitApp(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), "module example.com/app\n\ngo 1.21\n");
        Files.writeString(dir.resolve("main.go"), """
                package main

                import "nowhere.test/kit/text"

                func main() { println(text.Hi) }
                """);
        return dir;
    }

    private static Map<String, String> directEnv(Map<String, String> serveEnv) {
        Map<String, String> env = new HashMap<>(serveEnv);
        env.put("GOPROXY", "direct");
        return env;
    }

    /** {@code go list -m -versions PATH}, the way a user sees a version list. */
    private static String versions(GoToolchain.Sandbox sandbox, Map<String, String> env, String path)
            throws IOException {
        GoToolchain.Run run = sandbox.run(sandbox.gopath(), env, "list", "-m", "-json", "-versions", path);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<String> versions = new ArrayList<>();
        JSON.readTree(run.stdout()).path("Versions").forEach(v -> versions.add(v.asText()));
        return String.join(" ", versions);
    }

    private static Path writeApp(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), """
                module example.com/app

                go 1.21

                require (
                	%1$s/team/lib v1.1.0
                	%1$s/team/secret v0.3.0
                	example.com/greet v1.1.0
                )
                """.formatted(DirectWorld.HOST));
        Files.writeString(dir.resolve("main.go"), """
                package main

                import (
                	"fmt"

                	"%1$s/team/lib"
                	"%1$s/team/secret"
                	"example.com/greet"
                )

                func main() { fmt.Println(lib.Version, secret.Answer, greet.Hello("gopher")) }
                """.formatted(DirectWorld.HOST));
        return dir;
    }
}
