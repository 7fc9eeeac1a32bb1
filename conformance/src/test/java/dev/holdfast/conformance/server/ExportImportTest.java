package dev.holdfast.conformance.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.conformance.download.HoldfastCli;
import dev.holdfast.fetch.BreakerPolicy;
import dev.holdfast.fetch.CachingSource;
import dev.holdfast.fetch.FallbackSource;
import dev.holdfast.fetch.ProxyList;
import dev.holdfast.fetch.UpstreamBreakers;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.server.Backend;
import dev.holdfast.server.ProxyServer;
import dev.holdfast.server.ServerConfig;
import dev.holdfast.server.Upstreams;
import dev.holdfast.store.DiskStore;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast export} then {@code import} into an empty cache of an "air-gapped" server ({@code
 * --offline}, no upstream): the go command downloads the project's whole build through it (GOSUMDB off
 * here; {@link ExportImportProofsTest} carries the database's proofs), and lists and {@code @latest} come from what was
 * imported. A tampered archive is refused with exit 1 and nothing is stored; importing twice stores
 * nothing new.
 */
@Timeout(60)
class ExportImportTest {
    private final GoToolchain go = GoToolchain.get();

    @TempDir
    Path tmp;

    private Path project;
    private Path archive;
    private String directLatest;

    private Map<String, String> env(String goproxy, String modcache) {
        Map<String, String> env = new HashMap<>(HoldfastCli.env(tmp.resolve(modcache), goproxy));
        env.put("GOFLAGS", "-mod=mod");
        return env;
    }

    @BeforeEach
    void export() throws IOException {
        project = ServePrefetchTest.project(tmp.resolve("project"));
        archive = tmp.resolve("build.zip");
        try (LocalOrigin origin = ServePrefetchTest.graph(LocalOrigin.open())) {
            HoldfastCli.Run run = HoldfastCli.run(
                    env(origin.url(), "export-cache"),
                    "export",
                    "--out",
                    archive.toString(),
                    "--json",
                    "-C",
                    project.toString());
            assertThat(run.exitCode()).as(run.describe()).isZero();
            JsonNode summary = run.json().getFirst();
            assertThat(summary.path("Zips").asInt()).isEqualTo(3);
            assertThat(summary.path("Modules").asInt()).isEqualTo(4); // b v1.0.0 only for its go.mod
            directLatest = go.sandbox(tmp.resolve("direct"))
                    .run(
                            project,
                            Map.of("GOPROXY", origin.url(), "GOSUMDB", "off", "GOFLAGS", "-mod=mod"),
                            "list",
                            "-m",
                            "example.com/pf/b@latest")
                    .checkSuccess()
                    .stdout();
        }
    }

    private HoldfastCli.Run importInto(Path file, Path cache) {
        return HoldfastCli.run(
                env("off", "import-cache"), "import", file.toString(), "--cache", cache.toString(), "--json");
    }

    /** Starts an offline server over the cache {@code cache}. */
    static ProxyServer offline(Path cache) {
        Clock clock = Clock.systemUTC();
        UpstreamBreakers breakers = new UpstreamBreakers(BreakerPolicy.defaults(), clock);
        DiskStore store = DiskStore.of(cache.toAbsolutePath()).withExtraction(false);
        CachingSource source = new CachingSource(
                store, FallbackSource.of(ProxyList.parse("off", ""), url -> null), Verifier.NONE, clock);
        return ProxyServer.start(
                new Backend(source, store, store.root(), new Upstreams(ProxyList.parse("off", ""), breakers)),
                ServerConfig.of("127.0.0.1", 0).withOffline(true));
    }

    @Test
    void imported_theGoCommandBuildsThroughAnOfflineServer_andListsAndLatestComeFromTheCache() throws Exception {
        Path cache = tmp.resolve("serve-cache");
        HoldfastCli.Run first = importInto(archive, cache);
        assertThat(first.exitCode()).as(first.describe()).isZero();
        assertThat(first.json().getFirst().path("Modules").asInt()).isEqualTo(4);
        int stored = first.json().getFirst().path("Stored").asInt();
        assertThat(stored).isEqualTo(4 + 3 + 3); // go.mod files, zips, .info files

        HoldfastCli.Run again = importInto(archive, cache);
        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(again.json().getFirst().path("Stored").asInt()).isZero();
        assertThat(again.json().getFirst().path("AlreadyPresent").asInt()).isEqualTo(stored);

        try (ProxyServer server = offline(cache)) {
            GoToolchain.Sandbox sb = go.sandbox(tmp.resolve("airgapped"));
            Map<String, String> goEnv = Map.of("GOPROXY", server.url(), "GOSUMDB", "off", "GOFLAGS", "-mod=mod");
            sb.run(project, goEnv, "mod", "download").checkSuccess();
            try (Stream<Path> zips = Files.walk(sb.modCache().resolve("cache/download"))) {
                assertThat(zips.filter(p -> p.toString().endsWith(".zip")).count())
                        .isEqualTo(3);
            }
            String versions = sb.run(project, goEnv, "list", "-m", "-versions", "example.com/pf/b")
                    .checkSuccess()
                    .stdout();
            assertThat(versions).isEqualTo("example.com/pf/b v1.0.0 v1.1.0\n");
            String latest = ServeGoCommandTest.get(
                            HttpClient.newHttpClient(), server.url() + "/example.com/pf/b/@latest")
                    .body();
            assertThat(latest).contains("\"Version\":\"v1.1.0\"");
            assertThat(sb.run(project, goEnv, "list", "-m", "example.com/pf/b@latest")
                            .checkSuccess()
                            .stdout())
                    .isEqualTo(directLatest)
                    .isEqualTo("example.com/pf/b v1.1.0\n");
        }
    }

    /** An archive path that cannot be written is bad input, said before anything is fetched (before: exit 3). */
    @Test
    void anOutPathThatCannotBeWritten_isRefusedAsBadInput() throws Exception {
        Path aFile = Files.writeString(tmp.resolve("a-file"), "");
        for (Path out : List.of(tmp, tmp.resolve("no-such-dir/x.zip"), aFile.resolve("x.zip"))) {
            HoldfastCli.Run run = HoldfastCli.run(
                    env("off", "export-cache"), "export", "--out", out.toString(), "-C", project.toString());
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
            assertThat(run.stderr()).as(run.describe()).startsWith("holdfast export: --out " + out + ": ");
        }
    }

    @Test
    void anArchivePathThatIsNoFile_isRefusedAsBadInput_sayingWhat() {
        HoldfastCli.Run directory = HoldfastCli.run(env("off", "import-cache"), "import", tmp.toString());
        HoldfastCli.Run missing = HoldfastCli.run(
                env("off", "import-cache"), "import", tmp.resolve("missing.zip").toString());

        assertThat(directory.exitCode()).as(directory.describe()).isEqualTo(2);
        assertThat(directory.stderr()).isEqualTo("holdfast import: " + tmp + " is a directory, not an archive\n");
        assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(2);
        assertThat(missing.stderr()).isEqualTo("holdfast import: no archive " + tmp.resolve("missing.zip") + "\n");
    }

    @Test
    void aTamperedZip_isRefused_andNothingIsStored() throws Exception {
        Path tampered = rewrite("tampered-zip.zip", (name, data) -> {
            if (name.endsWith("/c/@v/v1.0.0.zip")) {
                byte[] copy = data.clone();
                copy[copy.length / 2] ^= 1; // one bit of one byte
                return copy;
            }
            return data;
        });
        assertThat(assertRefused(tampered)).contains("example.com/pf/c");
    }

    @Test
    void aTamperedManifestLine_isRefused_andNothingIsStored() throws Exception {
        Path tampered = rewrite("tampered-manifest.zip", (name, data) -> {
            if (name.equals("holdfast-manifest.json")) {
                String text = new String(data, StandardCharsets.UTF_8);
                int at = text.indexOf("\"goMod\" : \"h1:") + "\"goMod\" : \"h1:".length();
                char c = text.charAt(at);
                return (text.substring(0, at) + (c == 'A' ? 'B' : 'A') + text.substring(at + 1))
                        .getBytes(StandardCharsets.UTF_8);
            }
            return data;
        });
        assertThat(assertRefused(tampered)).contains("disagree with its hashes");
    }

    @Test
    void anUnlistedFile_isRefused() throws Exception {
        Path tampered = tmp.resolve("extra.zip");
        Files.copy(archive, tampered);
        try (var fs = java.nio.file.FileSystems.newFileSystem(tampered)) {
            Path evil = fs.getPath("cache/download/example.com/evil/@v/v1.0.0.mod");
            Files.createDirectories(evil.getParent());
            Files.writeString(evil, "module example.com/evil\n");
        }
        HoldfastCli.Run run = importInto(tampered, tmp.resolve("serve-cache"));
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stderr()).contains("which its manifest does not list");
    }

    /** Imports {@code tampered}, checks it is refused with nothing stored, and returns the message. */
    private String assertRefused(Path tampered) throws IOException {
        Path cache = tmp.resolve("serve-cache");
        HoldfastCli.Run run = importInto(tampered, cache);
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        if (Files.exists(cache)) {
            try (Stream<Path> files = Files.walk(cache)) {
                assertThat(files.filter(Files::isRegularFile)
                                .map(Path::toString)
                                .filter(p -> p.endsWith(".mod") || p.endsWith(".zip") || p.endsWith(".info"))
                                .toList())
                        .isEmpty();
            }
        }
        return run.stderr();
    }

    /** What to do to one entry's bytes when rewriting an archive. */
    interface Edit {
        byte[] apply(String name, byte[] data);
    }

    /** Returns a copy of the archive with every entry passed through {@code edit}. */
    private Path rewrite(String name, Edit edit) throws IOException {
        return rewrite(archive, tmp.resolve(name), edit);
    }

    /** Writes to {@code out} a copy of {@code archive} with every entry passed through {@code edit}. */
    static Path rewrite(Path archive, Path out, Edit edit) throws IOException {
        try (ZipFile in = new ZipFile(archive.toFile());
                OutputStream file = Files.newOutputStream(out);
                ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                byte[] data;
                try (InputStream s = in.getInputStream(entry)) {
                    data = s.readAllBytes();
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(edit.apply(entry.getName(), data));
                zip.closeEntry();
            }
        }
        return out;
    }
}
