package dev.holdfast.conformance.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.module.ModulePath;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.SumdbServer;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clean project, then trust drift one kind at a time: a go.sum line changed by one character, a
 * tampered zip in the module cache, a checksum database that forks its log, retracted and deprecated
 * modules and newer patch releases, and weakening settings; each confirmed with the go command where it
 * has an opinion ({@code go mod tidy -diff}, {@code go mod verify}, {@code go build}, {@code go list -m
 * -u -retracted -json all}, {@code go list -m M@patch}).
 */
@Timeout(300)
class DriftTrustConformanceTest {
    @TempDir
    Path dir;

    @Test
    void tidyProject_noFindingsExit0() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            DriftWorld.Run hf = w.drift(Map.of());
            TidyDiff tidy = TidyDiff.of(w.go(Map.of(), "mod", "tidy", "-diff"));
            GoToolchain.Run verify = w.go(Map.of(), "mod", "verify");
            String listing = w.go(Map.of(), "list", "-m", "-u", "-retracted", "-json", "all")
                    .checkSuccess()
                    .stdout();
            boolean agrees = hf.exitCode() == 0
                    && hf.stdout().isEmpty()
                    && tidy.exitCode() == 0
                    && verify.exitCode() == 0
                    && !listing.contains("\"Retracted\"")
                    && !listing.contains("\"Deprecated\"")
                    && !listing.contains("\"Update\"");
            ConformanceReport.record("drift", "clean project vs tidy -diff, mod verify, list -m -u", 1, agrees ? 1 : 0);

            assertThat(hf.exitCode()).as(hf.describe()).isZero();
            assertThat(hf.stdout()).isEmpty();
            assertThat(hf.stderr()).contains("0 findings").contains("checksum database " + DriftWorld.DB);
            assertThat(agrees).as(tidy + verify.describe() + listing).isTrue();
        }
    }

    @Test
    void goSumLineChangedByOneCharacter_caughtAndNamed() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            changeOneCharacterOfTheZipHashOfA(w);

            DriftWorld.Run hf = w.driftJson();
            GoToolchain.Run build = w.go(Map.of(), "build", "./...");
            boolean agrees = build.exitCode() != 0
                    && build.stderr().contains("verifying example.com/a@v1.1.0: checksum mismatch")
                    && hf.messages("go-sum-cache-mismatch").size() == 1
                    && hf.messages("go-sum-cache-mismatch").getFirst().startsWith("example.com/a v1.1.0: go.sum has ")
                    && hf.messages("go-sum-sumdb-mismatch").size() == 1
                    && hf.messages("go-sum-sumdb-mismatch").getFirst().startsWith("example.com/a v1.1.0: go.sum has ");
            ConformanceReport.record("drift", "tampered go.sum line vs go build", 1, agrees ? 1 : 0);

            assertThat(hf.exitCode()).as(hf.describe()).isEqualTo(1);
            assertThat(agrees).as(hf.describe() + build.describe()).isTrue();
            assertThat(DriftGoModConformanceTest.location(hf, "go-sum-cache-mismatch"))
                    .isEqualTo("go.sum:1");
            DriftWorld.Run text = w.drift(Map.of());
            assertThat(text.stdout())
                    .contains("go.sum:1: error [go-sum-cache-mismatch]: example.com/a v1.1.0: go.sum has ");
        }
    }

    @Test
    void tamperedZipInModuleCache_caughtLikeGoModVerify() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            Path zip = w.sb.modCache().resolve("cache/download/example.com/c/@v/v1.0.0.zip");
            zip.toFile().setWritable(true);
            ByteArrayOutputStream other = new ByteArrayOutputStream();
            ModuleZip.create(
                    new dev.holdfast.module.ModuleVersion("example.com/c", "v1.0.0"),
                    List.of(
                            ZipFileSource.of("go.mod", "module example.com/c\n".getBytes(StandardCharsets.UTF_8)),
                            ZipFileSource.of("c.go", "package c\n".getBytes(StandardCharsets.UTF_8))),
                    other);
            Files.write(zip, other.toByteArray());

            DriftWorld.Run hf = w.driftJson();
            GoToolchain.Run verify = w.go(Map.of(), "mod", "verify");
            boolean agrees = verify.exitCode() != 0
                    && verify.stderr().contains("example.com/c v1.0.0: zip has been modified")
                    && hf.messages("module-cache-modified").stream()
                            .anyMatch(m -> m.startsWith("example.com/c v1.0.0: zip has been modified"));
            ConformanceReport.record("drift", "tampered module cache zip vs go mod verify", 1, agrees ? 1 : 0);

            assertThat(agrees).as(hf.describe() + verify.describe()).isTrue();
            assertThat(hf.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void checksumDatabaseForksItsLog_caught() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            assertThat(w.drift(Map.of()).exitCode()).isZero(); // the client now knows the real tree
            w.db.lie(SumdbServer.Lie.FORKED_TREE);
            DriftWorld.Run hf = w.driftJson();

            assertThat(hf.exitCode()).as(hf.describe()).isEqualTo(1);
            assertThat(hf.kinds()).contains("sumdb-misbehavior");
            assertThat(hf.messages("sumdb-misbehavior").getFirst())
                    .contains(DriftWorld.DB)
                    .contains("forked");
        }
    }

    /**
     * The checksum database nobody answers at (a port where nothing listens): the go command builds from a
     * complete go.sum without it, and still refuses a go.sum line that differs from the module cache; drift
     * reports the same mismatch and one finding that go.sum went unchecked against the database, instead of
     * giving up on the whole report.
     */
    @Test
    void checksumDatabaseUnreachable_reportedAsAFinding_andTheRestStillChecked() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            changeOneCharacterOfTheZipHashOfA(w);
            int deadPort;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                deadPort = s.getLocalPort();
            }
            Map<String, String> dead = Map.of("GOSUMDB", w.db.verifierKey() + " http://127.0.0.1:" + deadPort);

            DriftWorld.Run hf = w.drift(dead, "--format", "json");
            assertThat(hf.exitCode()).as(hf.describe()).isEqualTo(1);
            assertThat(hf.stdout()).as(hf.describe()).startsWith("{");
            GoToolchain.Run build = w.go(dead, "build", "./...");
            boolean agrees = build.exitCode() != 0
                    && build.stderr().contains("verifying example.com/a@v1.1.0: checksum mismatch")
                    && hf.messages("go-sum-cache-mismatch").size() == 1
                    && hf.messages("go-sum-cache-mismatch").getFirst().startsWith("example.com/a v1.1.0: go.sum has ");
            ConformanceReport.record(
                    "drift", "checksum database unreachable: tampered go.sum line vs go build", 1, agrees ? 1 : 0);

            assertThat(agrees).as(hf.describe() + build.describe()).isTrue();
            assertThat(hf.messages("sumdb-unreachable"))
                    .singleElement()
                    .asString()
                    .startsWith("checksum database " + DriftWorld.DB + " could not be reached")
                    .contains("127.0.0.1:" + deadPort);
            assertThat(hf.kinds()).doesNotContain("go-sum-sumdb-mismatch");
        }
    }

    /** Changes one character of go.sum's zip hash of example.com/a v1.1.0. */
    private static void changeOneCharacterOfTheZipHashOfA(DriftWorld w) throws IOException {
        String sum = w.read("go.sum");
        int at = sum.indexOf("example.com/a v1.1.0 h1:") + "example.com/a v1.1.0 h1:".length() + 5;
        char c = sum.charAt(at);
        w.write("go.sum", sum.substring(0, at) + (c == 'A' ? 'B' : 'A') + sum.substring(at + 1));
    }

    @Test
    void refusedVersionLookup_failsAsGoListFails_asAFindingOfItsOwn() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            w.origin.refuse("/example.com/c/@v/list", 403);
            GoToolchain.Run go = w.go(Map.of(), "list", "-m", "-u", "-retracted", "all");
            DriftWorld.Run hf = w.driftJson();
            boolean agrees = go.exitCode() != 0
                    && go.stderr().contains("example.com/c")
                    && go.stderr().contains("403")
                    && hf.messages("lookup-failed").size() == 1
                    && hf.messages("lookup-failed").getFirst().startsWith("could not look up example.com/c: ")
                    && hf.messages("lookup-failed").getFirst().contains("403");
            ConformanceReport.record(
                    "drift", "lookup-failed vs go list -m -u on a refused version list", 1, agrees ? 1 : 0);

            assertThat(agrees).as(go.describe() + hf.describe()).isTrue();
            assertThat(hf.exitCode()).as("a warning, at the default --fail-on").isEqualTo(1);
        }
    }

    /**
     * GOPROXY nobody answers at: the go command fails its update check, drift reports one warning for the
     * outage, naming how many modules went unchecked, instead of one per module or none at all (the graph
     * itself comes from the module cache, the checksum database from its own URL).
     */
    @Test
    void proxyUnreachable_oneLookupFindingForTheOutage_asGoListFails() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            int deadPort;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                deadPort = s.getLocalPort();
            }
            Map<String, String> dead = Map.of("GOPROXY", "http://127.0.0.1:" + deadPort);
            GoToolchain.Run go = w.go(dead, "list", "-m", "-u", "-retracted", "all");
            int dependencies =
                    w.go(Map.of(), "list", "-m", "all").stdout().strip().split("\n").length - 1;
            DriftWorld.Run hf = w.drift(dead, "--format", "json");
            boolean agrees = go.exitCode() != 0
                    && go.stderr().contains("127.0.0.1:" + deadPort)
                    && hf.messages("lookup-failed").size() == 1
                    && hf.messages("lookup-failed")
                            .getFirst()
                            .startsWith("could not look up " + dependencies + " modules (example.com/a, ");
            ConformanceReport.record(
                    "drift", "lookup-failed vs go list -m -u with GOPROXY unreachable", 1, agrees ? 1 : 0);

            assertThat(agrees).as(go.describe() + hf.describe()).isTrue();
            // The go command's downloads left every version list in the module cache: drift says its findings
            // rest on them rather than reporting nothing, as it did before.
            assertThat(hf.messages("lookup-failed").getFirst())
                    .contains("127.0.0.1:" + deadPort)
                    .endsWith("; all checked against the version lists an earlier lookup left in the module cache"
                            + " instead, which may be out of date");
            assertThat(hf.exitCode()).as("a warning, at the default --fail-on").isEqualTo(1);
        }
    }

    @Test
    void retractedDeprecatedAndPatches_asGoListReportsThem() throws IOException {
        try (DriftWorld w = Fixtures.world(dir)) {
            w.write("go.mod", Fixtures.MAIN_GO_MOD)
                    .write(
                            "main.go",
                            DriftWorld.source(
                                            "main", "example.com/a", "example.com/r", "example.com/d", "example.com/p")
                                    + "\nfunc main() {}\n");
            w.goMod(
                            "get",
                            "example.com/a@v1.1.0",
                            "example.com/r@v1.0.0",
                            "example.com/d@v1.0.0",
                            "example.com/p@v1.2.0")
                    .checkSuccess();
            w.goMod("mod", "tidy").checkSuccess();
            DriftWorld.Run hf = w.driftJson();

            Set<String> goRetracted = new TreeSet<>();
            Set<String> goDeprecated = new TreeSet<>();
            List<String> modules = new ArrayList<>();
            for (JsonNode m : jsonStream(w.go(Map.of(), "list", "-m", "-u", "-retracted", "-json", "all")
                    .checkSuccess()
                    .stdout())) {
                if (m.path("Main").asBoolean()) {
                    continue;
                }
                modules.add(m.get("Path").asText() + " " + m.get("Version").asText());
                if (m.has("Retracted")) {
                    goRetracted.add(
                            m.get("Path").asText() + " " + m.get("Version").asText());
                }
                if (m.has("Deprecated")) {
                    goDeprecated.add(m.get("Path").asText());
                }
            }
            Set<String> goPatch = new TreeSet<>();
            for (String mv : modules) {
                String[] f = mv.split(" ");
                // The go command refuses @patch of a retracted version with no other patch: no newer patch.
                GoToolchain.Run run = w.go(Map.of(), "list", "-m", f[0] + "@patch");
                String patched = run.stdout().strip();
                if (run.exitCode() == 0 && !patched.equals(mv)) {
                    goPatch.add(f[0] + " " + f[1] + " has a newer patch release " + patched.split(" ")[1]);
                }
            }
            Set<String> hfRetracted = new TreeSet<>();
            hf.messages("retracted").forEach(m -> hfRetracted.add(m.substring(0, m.indexOf(" is retracted"))));
            Set<String> hfDeprecated = new TreeSet<>();
            hf.messages("deprecated").forEach(m -> hfDeprecated.add(m.substring(0, m.indexOf(' '))));
            Set<String> hfPatch = new TreeSet<>(hf.messages("patch-available"));
            int agreed = 0;
            for (String mv : modules) {
                String path = mv.split(" ")[0];
                boolean same = goRetracted.contains(mv) == hfRetracted.contains(mv)
                        && goDeprecated.contains(path) == hfDeprecated.contains(path)
                        && goPatch.stream()
                                .filter(p -> p.startsWith(mv + " "))
                                .toList()
                                .equals(hfPatch.stream()
                                        .filter(p -> p.startsWith(mv + " "))
                                        .toList());
                agreed += same ? 1 : 0;
            }
            ConformanceReport.record(
                    "drift",
                    "retracted/deprecated/patch vs go list -m -u -retracted and @patch",
                    modules.size(),
                    agreed);

            assertThat(hfRetracted)
                    .as(hf.describe())
                    .containsExactly("example.com/r v1.0.0")
                    .isEqualTo(goRetracted);
            assertThat(hf.messages("retracted").getFirst()).endsWith("is retracted: broken release");
            assertThat(hfDeprecated).containsExactly("example.com/d").isEqualTo(goDeprecated);
            assertThat(hfPatch)
                    .containsExactly("example.com/p v1.2.0 has a newer patch release v1.2.3")
                    .isEqualTo(goPatch);
            assertThat(agreed).isEqualTo(modules.size());
            // Warnings and notes: --fail-on error passes.
            assertThat(w.drift(Map.of(), "--fail-on", "error").exitCode()).isZero();
            assertThat(w.drift(Map.of(), "--fail-on", "warning").exitCode()).isEqualTo(1);
        }
    }

    @Test
    void weakeningSettings_eachFound() throws IOException {
        try (DriftWorld w = Fixtures.tidyProject(Fixtures.world(dir))) {
            // A private module: required, replaced by a directory, served by no proxy.
            w.write("priv/go.mod", "module example.com/priv\n\ngo 1.21\n")
                    .write("priv/priv.go", DriftWorld.source("priv"))
                    .write(
                            "go.mod",
                            w.read("go.mod")
                                    + "\nrequire example.com/priv v1.0.0\n\nreplace example.com/priv v1.0.0 => ./priv\n")
                    .write(
                            "main.go",
                            DriftWorld.source("main", "example.com/a", "example.com/c", "example.com/priv")
                                    + "\nfunc main() {}\n");
            Map<String, String> weak = Map.of(
                    "GOSUMDB", "off",
                    "GOFLAGS", "-mod=mod",
                    "GOPRIVATE", "example.com/priv,example.com/a",
                    "GONOSUMDB", "example.com/b",
                    "GOINSECURE", "example.com/c");
            DriftWorld.Run hf = w.drift(weak, "--format", "json");
            List<String> patterns = hf.messages("private-pattern-public");
            // The go command's view of "public": the proxy serves a, b and c but not priv.
            Map<String, String> asked = Map.of("GOFLAGS", "-mod=mod", "GONOSUMDB", "", "GOPRIVATE", "");
            boolean aServed = w.go(asked, "mod", "download", "-json", "example.com/a@v1.1.0")
                            .exitCode()
                    == 0;
            boolean privServed = w.go(asked, "mod", "download", "-json", "example.com/priv@v1.0.0")
                            .exitCode()
                    == 0;
            boolean agrees = aServed
                    && !privServed
                    && patterns.size() == 3
                    && patterns.stream().noneMatch(p -> p.contains("example.com/priv"));
            ConformanceReport.record(
                    "drift", "private-pattern-public vs go mod download from the proxy", 4, agrees ? 4 : 0);

            assertThat(hf.kinds()).as(hf.describe()).contains("gosumdb-off", "goflags-mod-mod");
            // The last -mod wins, as for any flag: a later -mod=readonly is what the go command uses.
            DriftWorld.Run overridden = w.drift(Map.of("GOFLAGS", "-mod=mod -mod=readonly"), "--format", "json");
            assertThat(overridden.kinds()).as(overridden.describe()).doesNotContain("goflags-mod-mod");
            assertThat(patterns)
                    .anyMatch(p -> p.startsWith("GOPRIVATE pattern example.com/a matches example.com/a,"))
                    .anyMatch(p -> p.startsWith("GONOSUMDB pattern example.com/b matches example.com/b,"))
                    .anyMatch(p -> p.startsWith("GOINSECURE pattern example.com/c matches example.com/c,"));
            assertThat(agrees).as(hf.describe()).isTrue();

            DriftWorld.Run direct = w.drift(Map.of("GOPROXY", "direct"), "--format", "json", "--offline");
            assertThat(direct.kinds()).as(direct.describe()).contains("goproxy-direct");
            DriftWorld.Run off = w.drift(Map.of("GOPROXY", "off"), "--format", "json", "--offline");
            assertThat(off.kinds()).as(off.describe()).contains("goproxy-off").doesNotContain("goproxy-direct");
            DriftWorld.Run proxied = w.drift(Map.of("GOPROXY", w.origin.url() + ",direct"), "--format", "json");
            assertThat(proxied.kinds()).as(proxied.describe()).doesNotContain("goproxy-direct", "goproxy-off");
        }
    }

    static List<JsonNode> jsonStream(String text) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        var parser =
                new com.fasterxml.jackson.databind.ObjectMapper().getFactory().createParser(text);
        var it = new com.fasterxml.jackson.databind.ObjectMapper().readValues(parser, JsonNode.class);
        while (it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    static String escaped(String path) {
        return ModulePath.escape(path);
    }
}
