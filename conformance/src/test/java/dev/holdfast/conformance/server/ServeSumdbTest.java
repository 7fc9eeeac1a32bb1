package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.testing.SumdbServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast serve --sumdb}: a zip the checksum database vouches for is served and stored; one it
 * disagrees with is refused and never stored, so no later client can be served it from the cache.
 */
class ServeSumdbTest {
    private static final String ZIP = "/" + Modules.GREET + "/@v/v1.0.0.zip";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void serve_withSumdb_storesOnlyWhatTheDatabaseVouchesFor() throws Exception {
        try (LocalOrigin origin = Modules.addTo(LocalOrigin.open());
                SumdbServer honest = SumdbServer.open("sum.example.com");
                SumdbServer lying = SumdbServer.open("sum.example.com")) {
            origin.start();
            byte[] mod =
                    get(origin.url() + "/" + Modules.GREET + "/@v/v1.0.0.mod").body();
            byte[] zip = get(origin.url() + ZIP).body();
            honest.add(Modules.GREET, "v1.0.0", mod, zip);
            lying.add(Modules.GREET, "v1.0.0", mod, zip).lie(SumdbServer.Lie.WRONG_HASH);

            assertThat(fetch(origin, honest, dir.resolve("honest"))).isEqualTo(200);
            assertThat(storedZips(dir.resolve("honest"))).isEqualTo(1);

            int refused = fetch(origin, lying, dir.resolve("lying"));
            assertThat(refused).isBetween(400, 599);
            assertThat(storedZips(dir.resolve("lying"))).isZero();
            assertThat(lying.requests()).anyMatch(r -> r.contains("/lookup/"));
        }
    }

    /** Asks a fresh server in front of {@code origin}, checking with {@code db}, for the zip. */
    private int fetch(LocalOrigin origin, SumdbServer db, Path cache) throws Exception {
        Map<String, String> env = Map.of(
                "PATH", System.getenv().getOrDefault("PATH", ""),
                "HOME", dir.resolve("home").toString(),
                "GOENV", "off",
                "GONOSUMDB", "",
                "GOPRIVATE", "");
        try (ServeMain serve = new ServeMain(
                env,
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--upstream",
                origin.url(),
                "--cache",
                cache.toString(),
                "--sumdb",
                db.gosumdb())) {
            HttpResponse<byte[]> response = get(serve.url() + ZIP);
            return response.statusCode();
        }
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static long storedZips(Path cache) throws IOException {
        if (!Files.exists(cache)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(f -> f.toString().endsWith(".zip")).count();
        }
    }
}
