package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.conformance.download.HoldfastCli;
import dev.holdfast.server.ProxyServer;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.testing.SumdbServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast export} with the checksum database on: the archive carries the database's signed
 * answers and the tiles that prove them, and on the air-gapped side the unmodified go command, with
 * GOSUMDB on and no go.sum, verifies every module through an offline {@code holdfast serve} (or from its
 * own module cache, GOPROXY off) while the database itself is gone. Without the proofs the same go command
 * fails; a changed answer in the archive is refused at import with nothing stored.
 */
@Timeout(90)
class ExportImportProofsTest {
    private static final String DB = "sum.example.com";
    private static final List<String> VERSIONS = List.of(
            ServePrefetchTest.A + "@v1.0.0",
            ServePrefetchTest.B + "@v1.0.0",
            ServePrefetchTest.B + "@v1.1.0",
            ServePrefetchTest.C + "@v1.0.0");

    private final GoToolchain go = GoToolchain.get();

    @TempDir
    Path tmp;

    private Path project;
    private Path archive;
    private String key;

    @BeforeEach
    void export() throws Exception {
        project = ServePrefetchTest.project(tmp.resolve("project"));
        archive = tmp.resolve("build.zip");
        try (LocalOrigin origin = ServePrefetchTest.graph(LocalOrigin.open());
                SumdbServer db = SumdbServer.open(DB)) {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 300; i++) { // more than one tile of records, ours among them
                db.add("example.org/filler" + i, "v1.0.0", "example.org/filler" + i + " v1.0.0 h1:x\n");
                if (i % 75 == 0) {
                    String[] mv = VERSIONS.get(i / 75).split("@");
                    String base = origin.url() + "/" + mv[0] + "/@v/" + mv[1];
                    db.add(mv[0], mv[1], get(http, base + ".mod"), get(http, base + ".zip"));
                }
            }
            key = db.verifierKey();
            Map<String, String> env = new HashMap<>(HoldfastCli.env(tmp.resolve("export-cache"), origin.url()));
            env.put("GOSUMDB", db.gosumdb());
            HoldfastCli.Run run =
                    HoldfastCli.run(env, "export", "--out", archive.toString(), "--json", "-C", project.toString());
            assertThat(run.exitCode()).as(run.describe()).isZero();
            JsonNode summary = run.json().getFirst();
            assertThat(summary.path("Proofs").asInt()).isEqualTo(4);
            assertThat(summary.path("ProofDatabase").asText()).isEqualTo(DB);
        } // the database and the origin are gone from here on
    }

    private HoldfastCli.Run importInto(Path file, Path modCache, String cache, String gosumdb) {
        Map<String, String> env = new HashMap<>(HoldfastCli.env(modCache, "off"));
        env.put("GOSUMDB", gosumdb);
        return cache == null
                ? HoldfastCli.run(env, "import", file.toString(), "--json")
                : HoldfastCli.run(env, "import", file.toString(), "--cache", cache, "--json");
    }

    @Test
    void theGoCommandWithoutGoSum_verifiesEveryModuleThroughTheOfflineServer() throws Exception {
        Path cache = tmp.resolve("serve-cache");
        HoldfastCli.Run imported = importInto(archive, tmp.resolve("import-modcache"), cache.toString(), key);
        assertThat(imported.exitCode()).as(imported.describe()).isZero();
        JsonNode summary = imported.json().getFirst();
        assertThat(summary.has("ProofNote")).as(imported.stdout()).isFalse();
        assertThat(summary.path("Proofs").asInt()).isGreaterThan(4);

        try (ProxyServer server = ExportImportTest.offline(cache)) {
            GoToolchain.Sandbox sb = go.sandbox(tmp.resolve("airgapped"));
            Map<String, String> goEnv =
                    Map.of("GOPROXY", server.url(), "GOSUMDB", key, "GONOSUMDB", "", "GOFLAGS", "-mod=mod");
            sb.run(project, goEnv, "mod", "download").checkSuccess();

            assertThat(lookups(sb.modCache())).hasSizeGreaterThanOrEqualTo(3); // each zip it downloaded was checked
            assertThat(Files.readString(project.resolve("go.sum")))
                    .contains(ServePrefetchTest.C + " v1.0.0/go.mod h1:");
        }
    }

    @Test
    void withoutTheProofs_theSameGoCommandFails() throws Exception {
        Path cache = tmp.resolve("serve-cache");
        HoldfastCli.Run imported = importInto(archive, tmp.resolve("import-modcache"), cache.toString(), "off");
        assertThat(imported.exitCode()).as(imported.describe()).isZero();
        assertThat(imported.json().getFirst().path("ProofNote").asText()).contains("GOSUMDB is off here");

        try (ProxyServer server = ExportImportTest.offline(cache)) {
            GoToolchain.Sandbox sb = go.sandbox(tmp.resolve("airgapped"));
            Map<String, String> goEnv =
                    Map.of("GOPROXY", server.url(), "GOSUMDB", key, "GONOSUMDB", "", "GOFLAGS", "-mod=mod");
            GoToolchain.Run run = sb.run(project, goEnv, "mod", "download");
            assertThat(run.exitCode()).as(run.describe()).isNotZero();
            assertThat(run.stderr()).contains("verifying");
        }
    }

    @Test
    void importedIntoTheModuleCache_theGoCommandVerifiesWithGoproxyOff() throws Exception {
        GoToolchain.Sandbox sb = go.sandbox(tmp.resolve("airgapped"));
        HoldfastCli.Run imported = importInto(archive, sb.modCache(), null, key);
        assertThat(imported.exitCode()).as(imported.describe()).isZero();
        assertThat(lookups(sb.modCache())).hasSize(4);

        Map<String, String> goEnv = Map.of("GOPROXY", "off", "GOSUMDB", key, "GONOSUMDB", "", "GOFLAGS", "-mod=mod");
        sb.run(project, goEnv, "mod", "download").checkSuccess();
        assertThat(Files.readString(project.resolve("go.sum"))).contains(ServePrefetchTest.A + " v1.0.0/go.mod h1:");
    }

    @Test
    void aChangedAnswer_isRefused_andNothingIsStored() throws Exception {
        Path tampered = ExportImportTest.rewrite(archive, tmp.resolve("tampered.zip"), (name, data) -> {
            if (!name.contains("/lookup/") || !name.contains("/c@")) {
                return data;
            }
            String text = new String(data, StandardCharsets.UTF_8);
            int at = text.indexOf(" h1:") + 4;
            return (text.substring(0, at) + (text.charAt(at) == 'A' ? 'B' : 'A') + text.substring(at + 1))
                    .getBytes(StandardCharsets.UTF_8);
        });
        Path cache = tmp.resolve("serve-cache");
        HoldfastCli.Run run = importInto(tampered, tmp.resolve("import-modcache"), cache.toString(), key);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stderr()).contains("checksum-database proofs in the archive");
        if (Files.exists(cache)) {
            try (Stream<Path> files = Files.walk(cache)) {
                assertThat(files.filter(Files::isRegularFile)
                                .map(Path::toString)
                                .filter(p -> !p.contains("holdfast-tmp"))
                                .toList())
                        .isEmpty();
            }
        }
    }

    @Test
    void aDatabaseThatCannotBeReached_leavesTheProofsOut_andSaysSo() throws Exception {
        StringBuilder goSum = new StringBuilder();
        try (ZipFile zip = new ZipFile(archive.toFile());
                InputStream manifest = zip.getInputStream(zip.getEntry("holdfast-manifest.json"))) {
            for (JsonNode m : new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(manifest)
                    .path("modules")) {
                m.path("goSum").forEach(line -> goSum.append(line.asText()).append('\n'));
            }
        }
        Files.writeString(project.resolve("go.sum"), goSum); // the build itself needs no database
        Map<String, String> env = new HashMap<>(HoldfastCli.env(tmp.resolve("export-cache"), "off"));
        env.put("GOSUMDB", key + " http://127.0.0.1:1"); // nothing listens there
        Path second = tmp.resolve("second.zip");

        HoldfastCli.Run run = HoldfastCli.run(
                env, "export", "--out", second.toString(), "--json", "--retry-budget", "1s", "-C", project.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.json().getFirst().path("Proofs").asInt()).isZero();
        assertThat(run.stderr()).contains("the archive carries no checksum-database proofs");
        try (ZipFile zip = new ZipFile(second.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName)).noneMatch(n -> n.contains("sumdb/"));
        }
    }

    /** Returns the checksum-database lookups in module cache {@code modCache}. */
    private static List<Path> lookups(Path modCache) throws IOException {
        Path dir = modCache.resolve("cache/download/sumdb/" + DB + "/lookup");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    static byte[] get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }
}
