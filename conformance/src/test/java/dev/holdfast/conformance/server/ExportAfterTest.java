package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.download.HoldfastCli;
import dev.holdfast.server.ProxyServer;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.testing.SumdbServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast export --after}, with the real go command on the air-gapped side: a go command that
 * checked modules from a first archive remembers the checksum database's tree it saw there, and checks the
 * tree of the next answer it meets against it. A second archive, written once the log has grown past the
 * first tile, proves its module in a tree whose first tile the first archive never held: with {@code
 * --after} the first archive it also proves the first tree part of its own, and the same go command
 * verifies the new module through {@code holdfast serve --offline}; without it, the go command fails
 * "checking tree#104 against tree#505" (the first tile of the larger tree is missing).
 */
class ExportAfterTest {
    private static final String DB = "sum.example.com";
    private static final String D = "example.com/pf/d";

    private final GoToolchain go = GoToolchain.get();

    @TempDir
    Path tmp;

    @Test
    void aGoCommandThatCheckedTheFirstArchive_checksTheSecond_whenItWasMadeAfterTheFirst() throws Exception {
        Path first = tmp.resolve("first.zip");
        Path after = tmp.resolve("after.zip");
        Path alone = tmp.resolve("alone.zip");
        String key;
        try (LocalOrigin origin = ServePrefetchTest.graph(LocalOrigin.open());
                SumdbServer db = SumdbServer.open(DB)) {
            ServePrefetchTest.add(origin, D, "v1.0.0", "go 1.21\n");
            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of(ServePrefetchTest.A, ServePrefetchTest.B, ServePrefetchTest.C)) {
                record(db, http, origin, path, "v1.0.0");
            }
            record(db, http, origin, ServePrefetchTest.B, "v1.1.0");
            filler(db, 0, 100); // the first tree: 104 records, within the first tile of 256
            key = db.verifierKey();
            Map<String, String> env = new HashMap<>(HoldfastCli.env(tmp.resolve("export-cache"), origin.url()));
            env.put("GOSUMDB", db.gosumdb());
            export(
                    env,
                    first,
                    "-C",
                    ServePrefetchTest.project(tmp.resolve("export-project")).toString());

            filler(db, 100, 500);
            record(db, http, origin, D, "v1.0.0"); // record 504: the second tree's third tile
            export(env, after, "--modules", D + "@v1.0.0", "--after", first.toString());
            export(env, alone, "--modules", D + "@v1.0.0");
        } // the database and the origin are gone from here on

        GoToolchain.Run extended = airgapped("after", first, after, key);
        assertThat(extended.exitCode()).as(extended.describe()).isZero();

        GoToolchain.Run unproved = airgapped("alone", first, alone, key);
        assertThat(unproved.exitCode()).as(unproved.describe()).isNotZero();
        assertThat(unproved.stderr()).contains(D + "@v1.0.0", "checking tree#104 against tree#505");

        Path forged = ExportImportTest.rewrite(
                after,
                tmp.resolve("forged.zip"),
                (name, data) -> name.endsWith("manifest.json")
                        ? new String(data, StandardCharsets.UTF_8)
                                .replace("tree\\n104\\n", "tree\\n103\\n")
                                .getBytes(StandardCharsets.UTF_8)
                        : data);
        assertThat(manifest(forged)).as("the earlier tree changed").contains("tree\\n103\\n");
        Map<String, String> env = new HashMap<>(HoldfastCli.env(tmp.resolve("forged-modcache"), "off"));
        env.put("GOSUMDB", key);
        HoldfastCli.Run refused = HoldfastCli.run(
                env,
                "import",
                forged.toString(),
                "--cache",
                tmp.resolve("forged-cache").toString());
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
        assertThat(refused.stderr()).contains("an earlier tree is not a tree signed by " + DB);
    }

    /**
     * Imports {@code first} into a new offline server's cache, downloads the project through it with a new
     * go command (which remembers the first tree), then imports {@code second} and returns that go command's
     * download of D through the server.
     */
    private GoToolchain.Run airgapped(String name, Path first, Path second, String key) throws IOException {
        Path cache = tmp.resolve(name + "-cache");
        importInto(first, cache, key);
        GoToolchain.Sandbox sb = go.sandbox(tmp.resolve(name));
        Path project = ServePrefetchTest.project(tmp.resolve(name + "-project"));
        Map<String, String> goEnv = new HashMap<>(Map.of("GOSUMDB", key, "GONOSUMDB", "", "GOFLAGS", "-mod=mod"));
        try (ProxyServer server = ExportImportTest.offline(cache)) {
            goEnv.put("GOPROXY", server.url());
            sb.run(project, goEnv, "mod", "download").checkSuccess();
        }
        importInto(second, cache, key);
        try (ProxyServer server = ExportImportTest.offline(cache)) {
            goEnv.put("GOPROXY", server.url());
            return sb.run(project, goEnv, "mod", "download", D + "@v1.0.0");
        }
    }

    /** Returns the manifest of {@code archive}. */
    private static String manifest(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile());
                InputStream in = zip.getInputStream(zip.getEntry("holdfast-manifest.json"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void importInto(Path archive, Path cache, String gosumdb) {
        Map<String, String> env = new HashMap<>(HoldfastCli.env(tmp.resolve("import-modcache"), "off"));
        env.put("GOSUMDB", gosumdb);
        HoldfastCli.Run run = HoldfastCli.run(env, "import", archive.toString(), "--cache", cache.toString());
        assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    private static void export(Map<String, String> env, Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("export", "--out", out.toString()));
        all.addAll(List.of(args));
        HoldfastCli.Run run = HoldfastCli.run(env, all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    /** Adds the database's record of {@code path@version} as the origin serves it. */
    private static void record(SumdbServer db, HttpClient http, LocalOrigin origin, String path, String version)
            throws IOException, InterruptedException {
        String base = origin.url() + "/" + path + "/@v/" + version;
        db.add(
                path,
                version,
                ExportImportProofsTest.get(http, base + ".mod"),
                ExportImportProofsTest.get(http, base + ".zip"));
    }

    private static void filler(SumdbServer db, int from, int to) {
        for (int i = from; i < to; i++) {
            db.add("example.org/filler" + i, "v1.0.0", "example.org/filler" + i + " v1.0.0 h1:x\n");
        }
    }
}
