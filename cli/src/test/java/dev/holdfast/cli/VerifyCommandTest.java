package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code holdfast verify} without a checksum database: the module-cache part, usage and exit codes. */
class VerifyCommandTest {
    private static final ModuleVersion MV = new ModuleVersion("example.com/a", "v1.0.0");

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {}

    private Outcome run(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.resolve("home").toString());
        env.put("GOENV", "off");
        env.put("GOSUMDB", "off");
        env.put("GOPROXY", "off");
        env.put("GOMODCACHE", dir.resolve("cache").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.execute(args, env, o, e);
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path project(String goSum) throws IOException {
        Path p = dir.resolve("project");
        Files.createDirectories(p);
        Files.writeString(p.resolve("go.mod"), "module example.com/main\n\ngo 1.21\n\nrequire example.com/a v1.0.0\n");
        Files.writeString(p.resolve("go.sum"), goSum);
        return p;
    }

    /** Puts a zip of {@code MV} with {@code content} and a .ziphash of {@code recorded} into the cache. */
    private String cache(String content, String recordedContent) throws IOException {
        Path at = dir.resolve("cache/cache/download/example.com/a/@v");
        Files.createDirectories(at);
        Files.write(at.resolve("v1.0.0.zip"), zip(content));
        Files.write(at.resolve("v1.0.0.zip.tmp"), zip(recordedContent));
        String h = DirHash.hashZip(at.resolve("v1.0.0.zip.tmp"));
        Files.delete(at.resolve("v1.0.0.zip.tmp"));
        Files.writeString(at.resolve("v1.0.0.ziphash"), h);
        return h;
    }

    private static byte[] zip(String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModuleZip.create(
                MV,
                List.of(
                        ZipFileSource.of("go.mod", "module example.com/a\n".getBytes(StandardCharsets.UTF_8)),
                        ZipFileSource.of("a.go", content.getBytes(StandardCharsets.UTF_8))),
                out);
        return out.toByteArray();
    }

    @Test
    void help_saysWhatItComparesToAndTheExitCodes() {
        Outcome o = run("verify", "--help");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("Usage: holdfast verify", "go mod verify", "checksum database", "Exit codes: 0");
    }

    @Test
    void noGoMod_badInput() {
        Outcome o = run("verify", "-C", dir.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("go.mod file not found");
    }

    @Test
    void clean_allModulesVerified() throws IOException {
        String h = cache("package a\n", "package a\n");
        Path p = project("example.com/a v1.0.0 " + h + "\n");
        Outcome o = run("verify", "-C", p.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).isEqualTo("all modules verified\n");
        assertThat(o.err())
                .contains(
                        "1 module version and 1 go.sum line checked (no checksum database (GOSUMDB=off)); 0 findings");
    }

    @Test
    void fromASubdirectory_findsTheParentGoMod_asGoModVerifyDoes() throws IOException {
        String h = cache("package a\n", "package a\n");
        Path sub = Files.createDirectories(
                project("example.com/a v1.0.0 " + h + "\n").resolve("internal/x"));
        Outcome o = run("verify", "-C", sub.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).isEqualTo("all modules verified\n");
    }

    @Test
    void missingDirectory_saysSoAsTheGoCommandDoes() {
        Outcome o = run("verify", "-C", dir.resolve("no/such").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("chdir " + dir.resolve("no/such") + ": no such file or directory");
        // warm and export take several -C and are not project commands; they say the same (before
        // 2026-12-07: "go.mod file not found in current directory").
        for (String[] args :
                List.of(new String[] {"warm", "-C", dir.resolve("no/such").toString()}, new String[] {
                    "export",
                    "--out",
                    dir.resolve("a.zip").toString(),
                    "-C",
                    dir.resolve("no/such").toString()
                })) {
            Outcome other = run(args);
            assertThat(other.code()).as(other.err()).isEqualTo(2);
            assertThat(other.err()).contains("chdir " + dir.resolve("no/such") + ": no such file or directory");
        }
    }

    @Test
    void modifiedZip_findingExit1() throws IOException {
        String h = cache("package a // changed\n", "package a\n");
        Path p = project("example.com/a v1.0.0 " + h + "\n");
        Outcome o = run("verify", "-C", p.toString(), "--json");
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.out())
                .contains("\"Kind\": \"ZIP_MODIFIED\"")
                .contains("example.com/a v1.0.0: zip has been modified (")
                .contains("\"Findings\": [");
    }

    @Test
    void goSumDiffersFromZiphash_findingExit1() throws IOException {
        String h = cache("package a\n", "package a\n");
        String other = "h1:" + (h.charAt(3) == 'A' ? 'B' : 'A') + h.substring(4);
        Path p = project("example.com/a v1.0.0 " + other + "\n");
        Outcome o = run("verify", "-C", p.toString());
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.out())
                .startsWith("example.com/a v1.0.0: go.sum has " + other + ", the module cache has " + h + " (");
    }

    @Test
    void malformedGoSum_badInput() throws IOException {
        Path p = project("example.com/a v1.0.0\n");
        assertThat(run("verify", "-C", p.toString()).code()).isEqualTo(2);
    }
}
