package dev.holdfast.conformance.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.cli.Main;
import dev.holdfast.module.ModulePath;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.SumdbServer.Lie;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast verify} on a project the go command set up ({@code go get} with the test checksum
 * database), then broken on purpose: a tampered zip and directory in the module cache, a go.sum line
 * changed by one character, a database that serves a forked tree. Each is caught, named, exit 1; and
 * {@code go mod verify} is asked the same question where it has an opinion.
 */
@Timeout(120)
class VerifyCommandConformanceTest {
    private final GoToolchain go = GoToolchain.get();
    private SumdbWorld world;
    private GoToolchain.Sandbox sb;
    private Path project;

    @TempDir
    Path dir;

    /** The outcome of one holdfast run. */
    record Run(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        world = new SumdbWorld(4);
        sb = go.sandbox(dir.resolve("sb"));
        project = dir.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("go.mod"), "module example.com/main\n\ngo 1.21\n");
        List<String> args = new ArrayList<>(List.of("get"));
        world.modules.subList(0, 3).forEach(m -> args.add(m.target()));
        sb.run(project, world.goEnv(false), args.toArray(String[]::new)).checkSuccess();
        // go get downloads zips; go mod download extracts nothing, so make go build list dirs exist:
        sb.run(project, world.goEnv(false), "mod", "download").checkSuccess();
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private Run holdfast(String... args) {
        Map<String, String> env = new HashMap<>(world.goEnv(false));
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        env.put("HOME", sb.env().get("HOME"));
        env.put("GOENV", "off");
        env.put("GOPATH", sb.gopath().toString());
        env.put("GOMODCACHE", sb.modCache().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("verify", "-C", project.toString()));
        all.addAll(List.of(args));
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.execute(all.toArray(String[]::new), env, o, e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private GoToolchain.Run goModVerify() {
        return sb.run(project, world.goEnv(false), "mod", "verify");
    }

    private Path cacheFile(SumdbWorld.Module m, String ext) {
        return sb.modCache()
                .resolve("cache/download")
                .resolve(ModulePath.escape(m.mv().path()))
                .resolve("@v")
                .resolve(ModulePath.escapeVersion(m.mv().version()) + ext);
    }

    @Test
    void clean_bothVerified() {
        Run hf = holdfast();
        GoToolchain.Run gv = goModVerify();
        ConformanceReport.record(
                "sumdb", "verify: clean project vs go mod verify", 1, hf.exitCode() == 0 && gv.exitCode() == 0 ? 1 : 0);

        assertThat(gv.exitCode()).as(gv.describe()).isZero();
        assertThat(gv.stdout()).isEqualTo("all modules verified\n");
        assertThat(hf.exitCode()).as(hf.describe()).isZero();
        assertThat(hf.stdout()).isEqualTo("all modules verified\n");
        assertThat(hf.stderr())
                .contains("6 go.sum lines checked (6 against checksum database " + SumdbWorld.NAME + ")");
    }

    @Test
    void tamperedZipAndDir_caughtAndNamedLikeGo() throws IOException {
        SumdbWorld.Module m = world.modules.get(1);
        Path zip = cacheFile(m, ".zip");
        zip.toFile().setWritable(true);
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        ModuleZip.create(
                m.mv(),
                List.of(
                        ZipFileSource.of("go.mod", m.mod()),
                        ZipFileSource.of("evil.go", "package evil\n".getBytes(StandardCharsets.UTF_8))),
                other);
        Files.write(zip, other.toByteArray());
        SumdbWorld.Module d = world.modules.get(2);
        Path dirFile = sb.modCache()
                .resolve(ModulePath.escape(d.mv().path()) + "@" + ModulePath.escapeVersion(d.mv().version()))
                .resolve("m.go");
        dirFile.getParent().toFile().setWritable(true);
        dirFile.toFile().setWritable(true);
        Files.writeString(dirFile, "package evil\n");

        Run hf = holdfast();
        GoToolchain.Run gv = goModVerify();
        List<String> goLines =
                gv.stderr().lines().filter(l -> l.contains("has been modified")).toList();
        List<String> hfLines = hf.stdout().lines().toList();
        ConformanceReport.record(
                "sumdb", "verify: tampered module cache vs go mod verify (lines)", goLines.size(), (int)
                        goLines.stream().filter(hfLines::contains).count());

        assertThat(gv.exitCode()).as(gv.describe()).isNotZero();
        assertThat(goLines).hasSize(2);
        assertThat(hf.exitCode()).as(hf.describe()).isEqualTo(1);
        assertThat(hfLines).containsAll(goLines);
        assertThat(hf.stdout())
                .contains(m.mv().path() + " " + m.mv().version() + ": zip has been modified (" + zip + ")")
                .contains(d.mv().path() + " " + d.mv().version() + ": dir has been modified (");
    }

    @Test
    void aZipThatCannotBeRead_endsItsModulesChecks_likeGo() throws IOException {
        SumdbWorld.Module m = world.modules.get(1);
        Path zip = cacheFile(m, ".zip");
        zip.toFile().setWritable(true);
        Files.writeString(zip, "not a zip\n");
        Path dirFile = sb.modCache()
                .resolve(ModulePath.escape(m.mv().path()) + "@" + ModulePath.escapeVersion(m.mv().version()))
                .resolve("m.go");
        dirFile.getParent().toFile().setWritable(true);
        dirFile.toFile().setWritable(true);
        Files.writeString(dirFile, "package evil\n"); // also changed, but neither looks past the zip

        Run hf = holdfast();
        GoToolchain.Run gv = goModVerify();
        String name = m.mv().path() + " " + m.mv().version() + ": ";

        assertThat(gv.exitCode()).as(gv.describe()).isNotZero();
        assertThat(gv.stderr()).contains(name).doesNotContain(name + "dir has been modified");
        assertThat(hf.exitCode()).as(hf.describe()).isEqualTo(1);
        assertThat(hf.stdout()).contains(name).doesNotContain(name + "dir has been modified");
    }

    @Test
    void goSumLineChangedByOneCharacter_caught() throws IOException {
        SumdbWorld.Module zipLine = world.modules.get(2);
        SumdbWorld.Module modLine = world.modules.get(0);
        String goSum = Files.readString(project.resolve("go.sum"));
        String changedZip = oneCharOff(zipLine.zipHash());
        String changedMod = oneCharOff(modLine.modHash());

        Files.writeString(project.resolve("go.sum"), goSum.replace(zipLine.zipHash(), changedZip));
        // go mod verify checks only the module cache against itself, so it passes this one.
        Run hfZip = holdfast("--json");
        Files.writeString(project.resolve("go.sum"), goSum.replace(modLine.modHash(), changedMod));
        Run hfMod = holdfast();
        GoToolchain.Run gvMod = goModVerify();
        // go mod verify has an opinion on the go.mod line (it loads the module graph through go.sum).
        ConformanceReport.record(
                "sumdb",
                "verify: go.sum go.mod line changed vs go mod verify",
                1,
                gvMod.exitCode() != 0 && hfMod.exitCode() == 1 ? 1 : 0);

        assertThat(hfZip.exitCode()).as(hfZip.describe()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(hfZip.stdout());
        List<String> kinds = new ArrayList<>();
        doc.get("Findings").forEach(f -> {
            assertThat(f.get("Path").asText()).isEqualTo(zipLine.mv().path());
            assertThat(f.get("Message").asText()).contains(changedZip);
            kinds.add(f.get("Kind").asText());
        });
        assertThat(kinds).containsExactlyInAnyOrder("GO_SUM_DIFFERS_FROM_CACHE", "GO_SUM_DIFFERS_FROM_DATABASE");
        assertThat(doc.get("Findings").get(1).get("Message").asText())
                .isEqualTo(zipLine.mv().path() + " " + zipLine.mv().version() + ": go.sum has " + changedZip
                        + ", checksum database " + SumdbWorld.NAME + " has " + zipLine.zipHash());

        assertThat(gvMod.exitCode()).as(gvMod.describe()).isNotZero();
        assertThat(gvMod.stderr()).contains("checksum mismatch", changedMod);
        assertThat(hfMod.exitCode()).as(hfMod.describe()).isEqualTo(1);
        assertThat(hfMod.stdout())
                .contains(modLine.mv().path() + " " + modLine.mv().version() + "/go.mod: go.sum has " + changedMod
                        + ", checksum database " + SumdbWorld.NAME + " has " + modLine.modHash())
                .contains(modLine.mv().path() + " " + modLine.mv().version() + "/go.mod: go.sum has " + changedMod
                        + ", the module cache has " + modLine.modHash());
    }

    @Test
    void forkedDatabase_caughtByHoldfast_andByGoOnItsNextLookup() {
        world.db.lie(Lie.FORKED_TREE);
        Run hf = holdfast();
        GoToolchain.Run goNext = sb.run(
                project,
                world.goEnv(false),
                "mod",
                "download",
                world.modules.get(3).target());
        String words = "go.sum database server misbehavior detected!";
        ConformanceReport.record(
                "sumdb",
                "verify: forked database vs the go command's next lookup",
                1,
                hf.exitCode() == 1 && goNext.exitCode() != 0 && goNext.stderr().contains(words) ? 1 : 0);

        assertThat(hf.exitCode()).as(hf.describe()).isEqualTo(1);
        assertThat(hf.stdout()).contains("checksum database " + SumdbWorld.NAME + " forked its log");
        assertThat(hf.stderr()).contains("SECURITY ERROR", words);
        assertThat(goNext.exitCode()).as(goNext.describe()).isNotZero();
        assertThat(goNext.stderr()).contains(words);
    }

    @Test
    void databaseUnreachable_exit3() {
        world.db.close();
        Run hf = holdfast("--retry-budget", "1s");
        assertThat(hf.exitCode()).as(hf.describe()).isEqualTo(3);
        assertThat(hf.stderr()).contains(SumdbWorld.NAME + "/latest: ", "connect");
        assertThat(hf.stdout()).isEqualTo("all modules verified\n");
    }

    /**
     * With the database down, what go mod verify checks is still checked and reported as it reports it
     * (it never asks the database); the exit code says the database part could not be done.
     */
    @Test
    void databaseUnreachable_theModuleCacheStillCheckedAsGoModVerifyChecksIt() throws IOException {
        tamperZip(world.modules.get(0));
        world.db.close();
        Run hf = holdfast("--retry-budget", "1s");
        GoToolchain.Run go = goModVerify();
        String line = world.modules.get(0).mv().path() + " "
                + world.modules.get(0).mv().version() + ": zip has been modified";
        boolean agrees =
                go.exitCode() != 0 && go.stderr().contains(line) && hf.stdout().contains(line);
        ConformanceReport.record(
                "sumdb", "verify with the database down: tampered zip vs go mod verify", 1, agrees ? 1 : 0);

        assertThat(hf.exitCode()).as(hf.describe()).isEqualTo(3);
        assertThat(agrees).as(hf.describe() + go.describe()).isTrue();
        assertThat(hf.stderr())
                .contains("checksum database " + SumdbWorld.NAME + " could not be reached, so go.sum was not checked");
    }

    @Test
    void gosumdbOff_stillChecksTheCache() throws IOException {
        world.db.close();
        Map<String, String> off = new HashMap<>();
        Path zip = tamperZip(world.modules.get(0));
        off.put("GOSUMDB", "off");
        Run hf = holdfastWith(off);
        assertThat(hf.exitCode()).as(hf.describe()).isEqualTo(1);
        assertThat(hf.stdout())
                .contains(world.modules.get(0).mv().path() + " "
                        + world.modules.get(0).mv().version() + ": ");
        assertThat(hf.stderr()).contains("no checksum database (GOSUMDB=off)");
    }

    private Run holdfastWith(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(world.goEnv(false));
        env.putAll(extra);
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        env.put("HOME", sb.env().get("HOME"));
        env.put("GOENV", "off");
        env.put("GOPATH", sb.gopath().toString());
        env.put("GOMODCACHE", sb.modCache().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.execute(new String[] {"verify", "-C", project.toString()}, env, o, e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Replaces the cached zip of {@code m} by a valid zip of the same version with other content. */
    private Path tamperZip(SumdbWorld.Module m) throws IOException {
        Path zip = cacheFile(m, ".zip");
        zip.toFile().setWritable(true);
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        ModuleZip.create(
                m.mv(),
                List.of(
                        ZipFileSource.of("go.mod", m.mod()),
                        ZipFileSource.of("evil.go", "package evil\n".getBytes(StandardCharsets.UTF_8))),
                other);
        Files.write(zip, other.toByteArray());
        return zip;
    }

    /** Changes the first base64 character of a hash: still a well-formed h1: hash, one character off. */
    private static String oneCharOff(String hash) {
        char c = hash.charAt(3);
        return "h1:" + (c == 'A' ? 'B' : 'A') + hash.substring(4);
    }
}
