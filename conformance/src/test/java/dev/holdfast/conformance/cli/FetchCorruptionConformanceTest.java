package dev.holdfast.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.module.ModulePath;
import dev.holdfast.store.DiskStore;
import dev.holdfast.store.StoreKey;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.FaultKind;
import dev.holdfast.testing.FaultRelay;
import dev.holdfast.testing.Faults;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupted bytes never reach the module cache: not through a relay that flips bytes of every body, and
 * not from an origin that serves a different zip than the one go.sum records, which {@code holdfast
 * fetch} reports with the go command's checksum-mismatch message.
 *
 * <p>Exit code 1 throughout (MISSION.md, {@code ExitCodes}): content that fails verification is a failed
 * check, not an outage (3) — the upstream answered, and what it answered is wrong; retrying or waiting
 * does not help. A corrupted {@code .info} is the go command's "invalid response from proxy", a permanent
 * failure of the same kind.
 */
@Timeout(30)
class FetchCorruptionConformanceTest {
    private static final List<GeneratedModules.Module> MODULES = GeneratedModules.generate(3, 2, 60_000, 3, 7);

    @TempDir
    Path dir;

    @Test
    void fetch_everyBodyCorrupted_failsWithFindingsAndStoresNothing() throws Exception {
        try (LocalOrigin origin = GeneratedModules.serve(LocalOrigin.open(), MODULES);
                FaultRelay relay = FaultRelay.open(origin.address(), 11)) {
            relay.faults(Faults.NONE.withCorruption(1.0));
            Path cache = dir.resolve("cache");

            Holdfast.Run run = Holdfast.fetchJson(Holdfast.env(cache, relay.url()), GeneratedModules.targets(MODULES));

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
            assertThat(relay.faultCount(FaultKind.CORRUPT)).isPositive();
            List<JsonNode> results = run.json();
            assertThat(results).hasSize(MODULES.size());
            assertThat(results)
                    .allSatisfy(r -> assertThat(r.path("Error").asText()).contains("invalid response from proxy"));
            for (GeneratedModules.Module m : MODULES) {
                assertNothingStored(cache, m);
            }
        }
    }

    /**
     * An {@code .info} that is not JSON at all (a captive portal's login page, say): the go command's
     * encoding/json error, word for word, as {@code go mod download -json} puts it in {@code Error}.
     */
    @Test
    void fetch_infoThatIsNotJson_theGoCommandsError() throws Exception {
        Path proxy = dir.resolve("proxy");
        Path v = Files.createDirectories(proxy.resolve("example.com/portal/@v"));
        Files.writeString(v.resolve("list"), "v1.0.0\n");
        Files.writeString(v.resolve("v1.0.0.mod"), "module example.com/portal\n");
        Path project = Files.createDirectories(dir.resolve("p"));
        Files.writeString(project.resolve("go.mod"), "module m\n");
        GoToolchain.Sandbox go = GoToolchain.get().sandbox(dir.resolve("go"));
        List<String> bodies = List.of("<html><body>Please log in.</body></html>\n", "'x'\n", " ?\n", "Forbidden\n");
        Tally tally = new Tally("cli", "holdfast fetch vs go mod download: an .info that is not JSON");
        for (int i = 0; i < bodies.size(); i++) {
            Files.writeString(v.resolve("v1.0.0.info"), bodies.get(i));
            String goproxy = proxy.toUri().toString();
            GoToolchain.Run theirs = go.run(
                    project,
                    Map.of(
                            "GOPROXY",
                            goproxy,
                            "GOMODCACHE",
                            dir.resolve("go-cache" + i).toString()),
                    "mod",
                    "download",
                    "-json",
                    "example.com/portal@v1.0.0");
            Holdfast.Run ours = Holdfast.run(
                    Holdfast.env(dir.resolve("cache" + i), goproxy),
                    "fetch",
                    "--json",
                    "-C",
                    project.toString(),
                    "example.com/portal@v1.0.0");
            String want =
                    Holdfast.objects(theirs.stdout()).getFirst().path("Error").asText();
            String got = ours.json().getFirst().path("Error").asText();
            assertThat(want).contains("looking for beginning of value");
            tally.compare(bodies.get(i).strip(), want, got);
        }
        assertThat(tally.record()).isEmpty();
    }

    @Test
    void fetch_corruptedGoModAndZip_withGoSum_neverStored() throws Exception {
        GeneratedModules.Module m = MODULES.getFirst();
        try (LocalOrigin origin = GeneratedModules.serve(LocalOrigin.open(), MODULES);
                FaultRelay relay = FaultRelay.open(origin.address(), 12)) {
            relay.faults(Faults.NONE.withCorruption(1.0));
            Path cache = dir.resolve("cache");
            putInfo(cache, m); // so that the corrupted .mod and .zip are what gets asked for
            Path project = project(m.goSumLines());

            Holdfast.Run run = Holdfast.run(
                    Holdfast.env(cache, relay.url()), "fetch", "--json", "-C", project.toString(), m.target());

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
            assertThat(run.json().getFirst().path("Error").asText())
                    .contains("verifying " + m.target() + "/go.mod: checksum mismatch", "SECURITY ERROR");
            assertNothingStoredBut(cache, m, ".info");
        }
    }

    @Test
    void fetch_originServesAnotherZip_reportsTheGoCommandsChecksumMismatch() throws Exception {
        GeneratedModules.Module m = MODULES.getFirst();
        GeneratedModules.Module other =
                GeneratedModules.create(m.mv(), m.time(), 60_000, 3, new Random(99)); // same path@version
        try (LocalOrigin origin = LocalOrigin.open()) {
            origin.add(m.mv().path(), m.mv().version(), m.time(), m.mod(), other.zip());
            Path project = project(m.goSumLines());
            Path cache = dir.resolve("cache");

            Holdfast.Run holdfast = Holdfast.run(
                    Holdfast.env(cache, origin.url()), "fetch", "--json", "-C", project.toString(), m.target());
            GoToolchain.Run go = GoToolchain.get()
                    .sandbox(dir.resolve("go"))
                    .run(project, Map.of("GOPROXY", origin.url()), "mod", "download", "-json", m.target());

            // The go command treats a go.sum mismatch as fatal: no JSON, the message alone on stderr.
            String want = go.stderr().strip();
            String got = holdfast.json().getFirst().path("Error").asText();
            ConformanceReport.record(
                    "cli",
                    "holdfast fetch vs go mod download: go.sum checksum mismatch message",
                    1,
                    got.equals(want) ? 1 : 0);
            assertThat(go.exitCode()).as(go.describe()).isEqualTo(1);
            assertThat(want).contains("checksum mismatch", other.sum(), m.sum(), "SECURITY ERROR");
            assertThat(holdfast.exitCode()).as(holdfast.describe()).isEqualTo(1);
            assertThat(got).isEqualTo(want);
            assertNothingStoredBut(cache, m, ".info", ".mod");
        }
    }

    /** Returns a Go project directory with a go.mod and {@code goSum} as its go.sum. */
    private Path project(String goSum) throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("go.mod"), "module example.com/project\n\ngo 1.21\n");
        Files.writeString(project.resolve("go.sum"), goSum);
        return project;
    }

    private static void putInfo(Path cache, GeneratedModules.Module m) throws IOException {
        DiskStore store = DiskStore.of(cache);
        Path tmp = store.tempFile();
        Files.writeString(
                tmp,
                "{\"Version\":\"" + m.mv().version() + "\",\"Time\":\"" + m.time() + "\"}",
                StandardCharsets.UTF_8);
        store.put(StoreKey.info(m.mv()), tmp);
    }

    private static void assertNothingStored(Path cache, GeneratedModules.Module m) throws IOException {
        assertNothingStoredBut(cache, m);
    }

    /**
     * Asserts that of {@code m}'s files in the download area only those with an extension in {@code
     * allowed} exist (lock files aside), and that there is no extracted tree.
     */
    private static void assertNothingStoredBut(Path cache, GeneratedModules.Module m, String... allowed)
            throws IOException {
        String escaped = ModulePath.escape(m.mv().path());
        String version = ModulePath.escapeVersion(m.mv().version());
        Path at = cache.resolve("cache/download").resolve(escaped).resolve("@v");
        List<String> stored = List.of();
        if (Files.isDirectory(at)) {
            try (Stream<Path> files = Files.list(at)) {
                stored = files.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith(version + ".") && !n.endsWith(".lock"))
                        .map(n -> n.substring(version.length()))
                        .toList();
            }
        }
        assertThat(stored).as("stored files of %s", m.target()).isSubsetOf(List.of(allowed));
        assertThat(cache.resolve(escaped + "@" + version)).doesNotExist();
    }
}
