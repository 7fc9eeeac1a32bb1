package dev.holdfast.conformance.zip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.XmodOracle;
import dev.holdfast.zip.CheckedFiles;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ModuleZipException;
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
 * Zips that break a module zip rule: the go command ({@code go mod download}) must reject each, and
 * Holdfast must reject each too, with CheckZip results equal to x/mod's for the name and size rules.
 */
class BadZipConformanceTest {
    private static final CheckedFiles EMPTY =
            new CheckedFiles(List.of(), List.of(), List.of(), java.util.Optional.empty());

    @TempDir
    Path tmp;

    @Test
    void badZips_rejectedByGoCommandAndHoldfast() throws IOException {
        XmodOracle oracle = XmodOracle.get();
        FileProxy proxy = new FileProxy(tmp.resolve("proxy"));
        Map<ModuleVersion, Path> zips = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int checkCompared = 0;
        int checkAgreed = 0;
        int holdfastRejected = 0;
        for (BadZips.Case c : BadZips.cases()) {
            Path zip = Files.write(tmp.resolve(c.name() + ".zip"), c.zip());
            zips.put(c.mv(), zip);
            proxy.add(c.mv(), ("module " + c.mv().path() + "\n").getBytes(StandardCharsets.UTF_8), zip);

            String mineError = null;
            CheckedFiles mine = null;
            try {
                mine = ModuleZip.checkZip(c.mv(), zip);
            } catch (ModuleZipException e) {
                mineError = e.getMessage();
            }
            JsonNode theirs = null;
            String theirError = null;
            try {
                theirs = oracle.call("zip.checkZip", c.mv().path(), c.mv().version(), zip.toString());
            } catch (XmodOracle.OracleError e) {
                theirError = e.getMessage();
            }
            checkCompared++;
            if (mine != null && theirs != null) {
                String diff = OracleResults.diff("checkZip " + c.name(), mine, OracleResults.checked(theirs));
                if (diff == null && mine.error().orElse("").equals(OracleResults.error(theirs))) {
                    checkAgreed++;
                } else {
                    problems.add(diff != null ? diff : "checkZip error text " + c.name());
                }
            } else if (mineError != null
                    && mineError.equals(theirs != null ? OracleResults.error(theirs) : theirError)
                    && (theirs == null || OracleResults.checked(theirs).equals(EMPTY))) {
                checkAgreed++;
            } else {
                problems.add("checkZip " + c.name() + ": holdfast " + (mine != null ? mine : mineError) + ", x/mod "
                        + (theirs != null ? theirs : theirError));
            }
            if (holdfastRejects(c, zip)) {
                holdfastRejected++;
            } else {
                problems.add("Holdfast accepted " + c.name());
            }
        }
        ConformanceReport.record("zip", "CheckZip vs x/mod CheckZip (bad zips)", checkCompared, checkAgreed);
        ConformanceReport.record(
                "zip", "bad zips rejected by Holdfast (unzip and hashZip)", zips.size(), holdfastRejected);

        int goRejected = 0;
        int sameMessage = 0;
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        try {
            Map<String, JsonNode> results =
                    proxy.download(sandbox, tmp.resolve("work"), new ArrayList<>(zips.keySet()));
            for (var e : zips.entrySet()) {
                ModuleVersion mv = e.getKey();
                JsonNode r = results.get(mv.path() + "@" + mv.version());
                if (r == null || !r.has("Error")) {
                    problems.add("go mod download accepted " + mv);
                    continue;
                }
                goRejected++;
                String goError = r.get("Error").asText();
                String mine = holdfastMessage(mv, e.getValue(), goError);
                if (goError.endsWith(mine)) {
                    sameMessage++;
                } else if (!mv.path().endsWith("/totalbig")) {
                    problems.add("messages differ for " + mv + "\n  go:       " + goError + "\n  holdfast: " + mine);
                }
            }
        } finally {
            sandbox.cleanModCache();
        }
        ConformanceReport.record("zip", "bad zips rejected by go mod download", zips.size(), goRejected);
        // totalbig declares 600 MiB without the data: the go command fails while hashing (unexpected
        // EOF), Holdfast refuses it earlier from the declared sizes, so only that message differs.
        ConformanceReport.record("zip", "go mod download error text equals Holdfast's", zips.size(), sameMessage);
        assertThat(problems).isEmpty();
    }

    /**
     * Returns the message Holdfast gives at the stage where the go command failed: the prefix check
     * of a download, the hash of the zip, or the checks of unzip.
     */
    private static String holdfastMessage(ModuleVersion mv, Path zip, String goError) throws IOException {
        if (goError.startsWith("zip for ")) {
            CheckedFiles cf = ModuleZip.checkZip(mv, zip);
            return "has unexpected file " + cf.invalid().get(0).path();
        }
        if (goError.startsWith("unzip ")) {
            return ": " + ModuleZip.checkZip(mv, zip).error().orElse("(valid)");
        }
        try {
            DirHash.hashZip(zip);
            return "(hashed)";
        } catch (java.util.zip.ZipException e) {
            return e.getMessage();
        }
    }

    /**
     * Reports whether Holdfast refuses the zip as a module: unzip fails with a message, and the
     * cases whose data is corrupt also fail to hash.
     */
    private boolean holdfastRejects(BadZips.Case c, Path zip) throws IOException {
        Path target = tmp.resolve("unzip-" + c.name());
        try {
            ModuleZip.unzip(target, c.mv(), zip);
            return false;
        } catch (ModuleZipException e) {
            if (e.getMessage().isBlank()) {
                return false;
            }
        }
        if (List.of("bomb", "shortdata", "badcrc", "notazip").contains(c.name())) {
            try {
                DirHash.hashZip(zip);
                return false;
            } catch (java.util.zip.ZipException expected) {
                return true;
            }
        }
        return true;
    }
}
