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
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Module trees zipped by Holdfast ({@code createFromDir}) must be accepted by the go command, which
 * must report the same {@code Sum} and {@code GoModSum} as Holdfast's hashes; CheckDir and
 * CreateFromDir must agree exactly with x/mod's.
 */
class ModuleTreeConformanceTest {
    private static final int RANDOM_TREES = 30;

    @TempDir
    Path tmp;

    @Test
    void createFromDir_acceptedByGoCommandWithEqualHashes() throws IOException {
        List<ModuleTrees.Tree> trees = new ArrayList<>(ModuleTrees.fixed());
        trees.add(ModuleTrees.big());
        trees.add(ModuleTrees.oneOver("go.mod"));
        trees.add(ModuleTrees.oneOver("LICENSE"));
        for (long seed = 1; seed <= RANDOM_TREES; seed++) {
            trees.add(ModuleTrees.random(seed));
        }
        XmodOracle oracle = XmodOracle.get();
        FileProxy proxy = new FileProxy(tmp.resolve("proxy"));
        List<String> problems = new ArrayList<>();
        Map<ModuleVersion, Path> zips = new LinkedHashMap<>();
        Map<ModuleVersion, byte[]> mods = new LinkedHashMap<>();
        int checkAgreed = 0;
        int createAgreed = 0;
        for (int i = 0; i < trees.size(); i++) {
            ModuleTrees.Tree tree = trees.get(i);
            ModuleVersion mv = tree.mv();
            Path dir = tree.write(tmp.resolve("src").resolve(Integer.toString(i)));

            JsonNode cd = oracle.call("zip.checkDir", dir.toString());
            CheckedFiles mine = ModuleZip.checkDir(dir);
            String diff = OracleResults.diff("checkDir " + mv, mine, OracleResults.checked(cd));
            if (diff == null && mine.error().orElse("").equals(OracleResults.error(cd))) {
                checkAgreed++;
            } else {
                problems.add(diff != null ? diff : "checkDir error text " + mv);
            }

            Path zip = tmp.resolve("zips").resolve(i + ".zip");
            Files.createDirectories(zip.getParent());
            String mineError = null;
            try (OutputStream out = Files.newOutputStream(zip)) {
                ModuleZip.createFromDir(out, mv, dir);
            } catch (ModuleZipException e) {
                mineError = e.getMessage();
            }
            String oracleHash = null;
            String oracleError = null;
            try {
                oracleHash = oracle.callString(
                        "zip.createFromDir",
                        mv.path(),
                        mv.version(),
                        dir.toString(),
                        tmp.resolve("o" + i + ".zip").toString());
            } catch (XmodOracle.OracleError e) {
                oracleError = e.getMessage();
            }
            if (mineError != null || oracleError != null) {
                if (String.valueOf(mineError).equals(String.valueOf(oracleError))) {
                    createAgreed++;
                } else {
                    problems.add("createFromDir " + mv + "\n  holdfast: " + mineError + "\n  x/mod:    " + oracleError);
                }
                continue;
            }
            String mineHash = DirHash.hashZip(zip);
            if (mineHash.equals(oracleHash)) {
                createAgreed++;
            } else {
                problems.add("createFromDir hash " + mv + ": " + mineHash + " != " + oracleHash);
            }
            proxy.add(mv, tree.mod(), zip);
            zips.put(mv, zip);
            mods.put(mv, tree.mod());
        }
        ConformanceReport.record("zip", "CheckDir vs x/mod CheckDir (generated trees)", trees.size(), checkAgreed);
        ConformanceReport.record(
                "zip", "CreateFromDir h1 / error vs x/mod (generated trees)", trees.size(), createAgreed);

        int goAgreed = compareWithGoCommand(proxy, zips, mods, problems);
        ConformanceReport.record(
                "zip", "go mod download Sum, GoModSum, extracted dir hash vs Holdfast zips", zips.size(), goAgreed);
        assertThat(problems).isEmpty();
        assertThat(zips).hasSizeGreaterThan(RANDOM_TREES); // the good trees did reach the go command
    }

    private int compareWithGoCommand(
            FileProxy proxy, Map<ModuleVersion, Path> zips, Map<ModuleVersion, byte[]> mods, List<String> problems)
            throws IOException {
        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        int agreed = 0;
        try {
            Map<String, JsonNode> results =
                    proxy.download(sandbox, tmp.resolve("work"), new ArrayList<>(zips.keySet()));
            int n = 0;
            for (var e : zips.entrySet()) {
                ModuleVersion mv = e.getKey();
                JsonNode r = results.get(mv.path() + "@" + mv.version());
                String sum = DirHash.hashZip(e.getValue());
                String goModSum = DirHash.hashGoMod(mods.get(mv));
                List<String> wrong = new ArrayList<>();
                if (r == null || r.has("Error")) {
                    problems.add("go mod download " + mv + ": "
                            + (r == null ? "no result" : r.get("Error").asText()));
                    continue;
                }
                if (!sum.equals(r.path("Sum").asText())) {
                    wrong.add("Sum " + r.path("Sum").asText() + " != " + sum);
                }
                if (!goModSum.equals(r.path("GoModSum").asText())) {
                    wrong.add("GoModSum " + r.path("GoModSum").asText() + " != " + goModSum);
                }
                String prefix = mv.path() + "@" + mv.version();
                String dirSum = DirHash.hashDir(Path.of(r.path("Dir").asText()), prefix);
                if (!dirSum.equals(sum)) {
                    wrong.add("hashDir(go's extraction) " + dirSum + " != " + sum);
                }
                Path unzipped = tmp.resolve("unzip").resolve(Integer.toString(n++));
                ModuleZip.unzip(unzipped, mv, e.getValue());
                if (!DirHash.hashDir(unzipped, prefix).equals(sum)) {
                    wrong.add("hashDir(Holdfast's extraction) differs");
                }
                if (wrong.isEmpty()) {
                    agreed++;
                } else {
                    problems.add(mv + ": " + wrong);
                }
            }
        } finally {
            sandbox.cleanModCache();
        }
        return agreed;
    }
}
