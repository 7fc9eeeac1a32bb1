package dev.holdfast.conformance.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.conformance.zip.BadZips;
import dev.holdfast.conformance.zip.FileProxy;
import dev.holdfast.dirhash.DirHash;
import dev.holdfast.fetch.ChecksumMismatchException;
import dev.holdfast.fetch.GoSumVerifier;
import dev.holdfast.fetch.UpstreamException;
import dev.holdfast.fetch.Verifier;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.sum.GoSum;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Verifier} rejects what {@code go mod download} rejects, with the go command's words: go.sum
 * mismatches of a go.mod and of a zip (the whole SECURITY ERROR text), and every zip of the zip
 * conformance suite's bad-zip table.
 */
class VerifierConformanceTest {
    private static final String WRONG = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @TempDir
    Path tmp;

    @Test
    void goSumMismatch_sameMessageAsGoModDownload() throws IOException {
        ProxyDir proxy = new ProxyDir(tmp.resolve("proxy"));
        ModuleVersion mv = new ModuleVersion("example.com/sum", "v1.0.0");
        Path zip = proxy.add(mv);
        byte[] mod = Files.readAllBytes(proxy.file(mv, "mod"));
        String modHash = DirHash.hashGoMod(mod);
        Map<String, String> goSums = new LinkedHashMap<>();
        goSums.put("go.mod", "example.com/sum v1.0.0/go.mod " + WRONG + "\n");
        goSums.put("zip", "example.com/sum v1.0.0 " + WRONG + "\nexample.com/sum v1.0.0/go.mod " + modHash + "\n");

        List<String> problems = new ArrayList<>();
        int agreed = 0;
        for (var e : goSums.entrySet()) {
            GoToolchain.Sandbox box = GoToolchain.get().sandbox(tmp.resolve("box-" + e.getKey()));
            Path work = Files.createDirectories(tmp.resolve("work-" + e.getKey()));
            Files.writeString(work.resolve("go.mod"), "module example.com/work\n\ngo 1.21\n");
            Files.writeString(work.resolve("go.sum"), e.getValue());
            GoToolchain.Run run =
                    box.run(work, Map.of("GOPROXY", proxy.url()), "mod", "download", "example.com/sum@v1.0.0");

            Verifier verifier =
                    GoSumVerifier.of(GoSum.parse("go.sum", e.getValue().getBytes(StandardCharsets.UTF_8)));
            String mine;
            try {
                verifier.checkMod(mv, mod);
                verifier.checkZip(mv, zip);
                mine = "(verified)";
            } catch (ChecksumMismatchException ex) {
                mine = ex.getMessage();
            }
            if (run.exitCode() != 0 && run.stderr().equals(mine + "\n")) {
                agreed++;
            } else {
                problems.add(e.getKey() + ":\n go: " + run.describe() + "\n holdfast: " + mine);
            }
            box.cleanModCache();
        }
        ConformanceReport.record("store", "go.sum mismatch message vs go mod download", goSums.size(), agreed);
        assertThat(problems).isEmpty();
    }

    @Test
    void badZips_rejectedWithGoCommandsMessage() throws IOException {
        FileProxy proxy = new FileProxy(tmp.resolve("proxy"));
        Map<ModuleVersion, Path> zips = new LinkedHashMap<>();
        for (BadZips.Case c : BadZips.cases()) {
            Path zip = Files.write(tmp.resolve(c.name() + ".zip"), c.zip());
            proxy.add(c.mv(), ("module " + c.mv().path() + "\n").getBytes(StandardCharsets.UTF_8), zip);
            zips.put(c.mv(), zip);
        }
        GoToolchain.Sandbox box = GoToolchain.get().sandbox(tmp.resolve("box"));
        Map<String, JsonNode> results = proxy.download(box, tmp.resolve("work"), new ArrayList<>(zips.keySet()));
        List<String> problems = new ArrayList<>();
        int agreed = 0;
        for (var e : zips.entrySet()) {
            ModuleVersion mv = e.getKey();
            String go =
                    results.get(mv.path() + "@" + mv.version()).path("Error").asText("(accepted)");
            String mine;
            try {
                Verifier.NONE.checkZip(mv, e.getValue());
                mine = "(accepted)";
            } catch (UpstreamException ex) {
                mine = ex.getMessage();
            }
            if (withoutZipPath(go).equals(withoutZipPath(mine))) {
                agreed++;
            } else if (!mv.path().endsWith("/totalbig") || mine.equals("(accepted)")) {
                problems.add(mv + "\n  go:       " + go + "\n  holdfast: " + mine);
            }
        }
        box.cleanModCache();
        // totalbig declares 600 MiB it does not contain: the go command fails while hashing, Holdfast
        // refuses it from the declared sizes before reading (see BadZipConformanceTest).
        ConformanceReport.record(
                "store", "Verifier rejects bad zips with go mod download's message", zips.size(), agreed);
        assertThat(problems).isEmpty();
        assertThat(agreed).isEqualTo(zips.size() - 1);
    }

    /** Drops the file name of {@code unzip FILE: }, which names a different file for each tool. */
    private static String withoutZipPath(String message) {
        return message.startsWith("unzip ") ? message.substring(message.indexOf(": ") + 2) : message;
    }
}
