package dev.holdfast.conformance.zip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.Txtar;
import dev.holdfast.testing.XmodOracle;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ModuleZipException;
import dev.holdfast.zip.ZipFileSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every module archive of the go command's own test proxy ({@code $GOROOT/src/cmd/go/testdata/mod})
 * zipped by Holdfast and by x/mod's {@code zip.Create}: equal h1 hashes, or the same error.
 */
class GoTestdataModConformanceTest {
    @TempDir
    Path tmp;

    /** Returns the module version a test-proxy file name stands for (proxy_test.go readModList). */
    static ModuleVersion moduleOf(Path file) {
        String name = file.getFileName().toString();
        name = name.substring(0, name.length() - ".txt".length());
        int i = name.lastIndexOf("_v");
        if (i < 0) {
            return null;
        }
        try {
            return new ModuleVersion(
                    ModulePath.unescape(name.substring(0, i).replace('_', '/')),
                    ModulePath.unescapeVersion(name.substring(i + 1)));
        } catch (RuntimeException e) {
            return null; // the test proxy skips such names too
        }
    }

    @Test
    void testProxyModules_zipLikeXmod() throws IOException {
        Path dir = GoToolchain.get().goroot().resolve("src/cmd/go/testdata/mod");
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        XmodOracle oracle = XmodOracle.get();
        List<String> problems = new ArrayList<>();
        int compared = 0;
        int agreed = 0;
        int created = 0;
        for (Path file : files) {
            ModuleVersion mv = moduleOf(file);
            if (mv == null) {
                continue;
            }
            Txtar archive = Txtar.read(file);
            List<ZipFileSource> sources = new ArrayList<>();
            List<Map<String, Object>> oracleFiles = new ArrayList<>();
            for (Txtar.File f : archive.files()) {
                if (f.name().equals(".mod") || f.name().equals(".info")) {
                    continue;
                }
                sources.add(ZipFileSource.of(f.name(), f.bytes()));
                oracleFiles.add(Map.of("path", f.name(), "data", f.bytes()));
            }
            Path zip = tmp.resolve(compared + ".zip");
            String mine;
            try (OutputStream out = Files.newOutputStream(zip)) {
                ModuleZip.create(mv, sources, out);
                mine = DirHash.hashZip(zip);
                created++;
            } catch (ModuleZipException e) {
                mine = "error: " + e.getMessage();
            }
            String theirs;
            try {
                theirs = oracle.callString(
                        "zip.create",
                        mv.path(),
                        mv.version(),
                        oracleFiles,
                        tmp.resolve("o.zip").toString());
            } catch (XmodOracle.OracleError e) {
                theirs = "error: " + e.getMessage();
            }
            compared++;
            if (mine.equals(theirs)) {
                agreed++;
            } else {
                problems.add(file.getFileName() + "\n  holdfast: " + mine + "\n  x/mod:    " + theirs);
            }
        }
        ConformanceReport.record(
                "zip", "Create h1 / error vs x/mod Create (GOROOT cmd/go/testdata/mod)", compared, agreed);
        ConformanceReport.record(
                "zip", "  of which both zipped (equal h1); the rest failed with equal errors", created, created);
        assertThat(problems).isEmpty();
        assertThat(compared).isGreaterThan(100);
        assertThat(created).isGreaterThan(100);
    }
}
