package dev.holdfast.conformance.sum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.conformance.zip.FileProxy;
import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.sum.GoSum;
import dev.holdfast.sum.MalformedGoSumException;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.Txtar;
import dev.holdfast.testing.XmodOracle;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GoSum against the go command: the go.sum files in GOROOT (and the go.sum sections of cmd/go's
 * test scripts), shuffled and roughened, must parse and format to exactly what the go command writes
 * back; malformed ones must fail with the go command's message.
 */
class GoSumConformanceTest {
    private static final String EMPTY_GO_MOD_HASH = "h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=";
    private static final ModuleVersion DEP = new ModuleVersion("example.com/zs/dep", "v1.0.0");

    @TempDir
    Path tmp;

    /** The go.sum files under GOROOT, by path relative to GOROOT. */
    private static Map<String, byte[]> gorootGoSums() throws IOException {
        Path goroot = GoToolchain.get().goroot();
        Map<String, byte[]> sums = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(goroot.resolve("src"))) {
            for (Path p : files.filter(p -> p.getFileName().toString().equals("go.sum"))
                    .sorted()
                    .toList()) {
                sums.put(goroot.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return sums;
    }

    /** The go.sum sections of cmd/go's script tests. */
    private static Map<String, byte[]> scriptGoSums() throws IOException {
        Path dir = GoToolchain.get().goroot().resolve("src/cmd/go/testdata/script");
        Map<String, byte[]> sums = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p :
                    files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                // A few scripts hold bytes that are not UTF-8 (outside their go.sum sections).
                String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                for (Txtar.File f : Txtar.parse(text).files()) {
                    if (f.name().equals("go.sum") || f.name().endsWith("/go.sum")) {
                        sums.put(p.getFileName() + ":" + f.name(), f.bytes());
                    }
                }
            }
        }
        return sums;
    }

    /** Returns the lines in a seeded random order, with blank lines, duplicates and odd spacing. */
    private static byte[] roughen(byte[] data, long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        List<String> extra = new ArrayList<>();
        for (String line : lines) {
            if (r.nextInt(5) == 0) {
                extra.add(line); // a duplicate the writer must drop
            }
        }
        lines.addAll(extra);
        lines.add("example.com/zs/nonmodule v1.0.0/go.mod " + EMPTY_GO_MOD_HASH);
        Collections.shuffle(lines, r);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (r.nextInt(6) == 0) {
                out.append(r.nextBoolean() ? "\n" : "  \t\n");
            }
            out.append(r.nextInt(4) == 0 ? "  " + line.replace(' ', '\t') + " \r" : line)
                    .append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void format_equalsOracleForGorootAndScriptGoSums() throws IOException {
        XmodOracle oracle = XmodOracle.get();
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        gorootGoSums().forEach((name, data) -> {
            inputs.put(name, data);
            inputs.put(name + " (roughened)", roughen(data, name.hashCode()));
        });
        inputs.putAll(scriptGoSums());
        List<String> problems = new ArrayList<>();
        int agreed = 0;
        for (var e : inputs.entrySet()) {
            String mine;
            try {
                mine = new String(GoSum.parse("go.sum", e.getValue()).format(), StandardCharsets.UTF_8);
            } catch (MalformedGoSumException ex) {
                mine = "error: " + ex.getMessage();
            }
            String theirs;
            try {
                theirs = oracle.callString("gosum.format", "go.sum", e.getValue());
            } catch (XmodOracle.OracleError ex) {
                theirs = "error: " + ex.getMessage();
            }
            if (mine.equals(theirs)) {
                agreed++;
            } else {
                problems.add(e.getKey() + "\n  holdfast: " + mine + "\n  oracle:   " + theirs);
            }
        }
        ConformanceReport.record(
                "sum",
                "go.sum parse+format vs module.Sort oracle (GOROOT, roughened, cmd/go scripts)",
                inputs.size(),
                agreed);
        assertThat(problems).isEmpty();
        assertThat(inputs).hasSizeGreaterThan(40);
    }

    @Test
    void format_equalsWhatGoGetWritesBack() throws IOException {
        FileProxy proxy = new FileProxy(tmp.resolve("proxy"));
        byte[] mod = ("module " + DEP.path() + "\n\ngo 1.24\n").getBytes(StandardCharsets.UTF_8);
        Path zip = tmp.resolve("dep.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            ModuleZip.create(
                    DEP,
                    List.of(
                            ZipFileSource.of("go.mod", mod),
                            ZipFileSource.of("dep.go", "package dep\n".getBytes(StandardCharsets.UTF_8))),
                    out);
        }
        proxy.add(DEP, mod, zip);
        String zipSum = DirHash.hashZip(zip);
        String modSum = DirHash.hashGoMod(mod);

        Map<String, byte[]> inputs = new LinkedHashMap<>();
        gorootGoSums().forEach((name, data) -> inputs.put(name + " (roughened)", roughen(data, name.hashCode())));
        inputs.putAll(scriptGoSums());
        inputs.put(
                "malformed: two fields",
                "example.com/a v1.0.0 h1:x\nexample.com/b v1.0.0\n".getBytes(StandardCharsets.UTF_8));
        inputs.put(
                "malformed: four fields after blank lines",
                "\n\nexample.com/a v1.0.0 h1:x extra\n".getBytes(StandardCharsets.UTF_8));
        inputs.put(
                "malformed: zero-width space is no separator",
                "example.com/a\u200bv1.0.0 h1:x\n".getBytes(StandardCharsets.UTF_8));

        GoToolchain.Sandbox sandbox = GoToolchain.get().sandbox(tmp.resolve("sandbox"));
        List<String> problems = new ArrayList<>();
        int agreed = 0;
        int n = 0;
        try {
            for (var e : inputs.entrySet()) {
                Path module = Files.createDirectories(tmp.resolve("m" + n++));
                Files.writeString(module.resolve("go.mod"), "module example.com/gosumcheck\n\ngo 1.24\n");
                Path goSum = Files.write(module.resolve("go.sum"), e.getValue());
                GoToolchain.Run run =
                        sandbox.run(module, Map.of("GOPROXY", proxy.url()), "get", DEP.path() + "@" + DEP.version());
                String goResult = run.exitCode() == 0
                        ? Files.readString(goSum)
                        : "error: " + run.stderr().strip();
                String mine;
                try {
                    GoSum sum = GoSum.parse(goSum.toString(), e.getValue())
                            .add(DEP, zipSum)
                            .add(new ModuleVersion(DEP.path(), DEP.version() + "/go.mod"), modSum);
                    mine = new String(sum.format(), StandardCharsets.UTF_8);
                } catch (MalformedGoSumException ex) {
                    mine = "error: " + ex.getMessage();
                }
                if (mine.equals(goResult)) {
                    agreed++;
                } else {
                    problems.add(e.getKey() + "\n  holdfast: " + mine + "\n  go:       " + goResult);
                }
            }
        } finally {
            sandbox.cleanModCache();
        }
        ConformanceReport.record(
                "sum",
                "go.sum parse+add+format vs the file go get writes (GOROOT roughened, cmd/go scripts, malformed)",
                inputs.size(),
                agreed);
        assertThat(problems).isEmpty();
    }
}
