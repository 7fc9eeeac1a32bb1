package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.testing.LocalOrigin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Main#execute}: the command line in-process, with its environment and streams injected. */
@Timeout(20)
class MainTest {
    private static final String M = "example.com/m";
    private static final byte[] MOD = "module example.com/m\n\ngo 1.21\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private LocalOrigin origin;
    private byte[] zip;

    @BeforeEach
    void open() throws IOException {
        zip = zip("v1.0.0");
        origin = LocalOrigin.open()
                .add(M, "v1.0.0", Instant.parse("2024-01-02T03:04:05Z"), MOD, zip)
                .add(M, "v1.1.0", Instant.parse("2024-02-02T03:04:05Z"), MOD, zip("v1.1.0"));
    }

    @AfterEach
    void close() {
        origin.close();
    }

    private record Outcome(int code, String out, String err) {}

    private Outcome run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> env(String goproxy) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.resolve("home").toString());
        env.put("GOENV", "off");
        env.put("GOSUMDB", "off");
        env.put("GOPROXY", goproxy);
        env.put("GOMODCACHE", dir.resolve("cache").toString());
        return env;
    }

    @Test
    void execute_topLevelHelp_summarisesEachCommandInOneLineWithin80Columns() {
        Outcome o = run(Map.of(), "--help");

        assertThat(o.code()).isZero();
        List<String> lines = o.out().lines().toList();
        List<String> commands = lines.subList(lines.indexOf("Commands:") + 1, lines.size()).stream()
                .takeWhile(l -> !l.isEmpty())
                .toList();
        assertThat(commands).hasSizeGreaterThan(10).allSatisfy(l -> assertThat(l)
                .as("one line per command, a whole sentence")
                .matches("  [a-z]+ +[A-Z].*\\.$")
                .hasSizeLessThanOrEqualTo(80));
    }

    @Test
    void commands_namedAsTheirAnnotationsNameThem() {
        Main.COMMANDS.forEach((name, type) -> assertThat(
                        type.getAnnotation(picocli.CommandLine.Command.class).name())
                .isEqualTo(name));
    }

    @Test
    void execute_misspeltCommand_offersTheCommandsLikeIt() {
        Outcome o = run(Map.of(), "lis");

        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("Unmatched argument at index 0: 'lis'").contains("Did you mean: holdfast list");
    }

    @Test
    void execute_unknownOption_saysSoInTwoLines() {
        Outcome o = run(Map.of(), "list", "--bogus");

        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("holdfast: Unknown option: '--bogus'\nRun 'holdfast list --help' for usage.\n");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void execute_help_writesUsageToOut() {
        Outcome o = run(Map.of(), "fetch", "--help");

        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("Usage: holdfast fetch", "--retry-budget=DURATION", "--attempt-timeout=DURATION");
        assertThat(o.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        assertThat(o.err()).isEmpty();
    }

    @Test
    void execute_noCommand_printsUsage() {
        Outcome o = run(Map.of());

        assertThat(o.code()).isZero();
        assertThat(o.out()).startsWith("Usage: holdfast");
    }

    @Test
    void execute_usageErrors_are2() {
        assertThat(run(Map.of(), "nosuch").code()).isEqualTo(2);
        assertThat(run(Map.of(), "fetch").code()).isEqualTo(2);
        Outcome badDuration = run(Map.of(), "fetch", "--retry-budget=10", M + "@v1.0.0");
        assertThat(badDuration.code()).isEqualTo(2);
        assertThat(badDuration.err()).contains("invalid duration \"10\"");
    }

    @Test
    void fetch_printsPathVersionAndSum() throws IOException {
        Outcome o = run(env(origin.url()), "fetch", M + "@v1.0.0");

        Path zipFile = Files.write(dir.resolve("want.zip"), zip);
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).isEqualTo(M + " v1.0.0 " + DirHash.hashZip(zipFile) + "\n");
        assertThat(o.err()).as("one target: no progress lines").isEmpty();
        assertThat(dir.resolve("cache/example.com/m@v1.0.0/go.mod")).hasBinaryContent(MOD);
    }

    @Test
    void fetch_several_reportsProgressAndSummaryOnErr() {
        Outcome o = run(env(origin.url()), "fetch", M + "@v1.0.0", M + "@latest", M + "@v9.0.0");

        assertThat(o.code()).isEqualTo(2);
        assertThat(o.out().lines()).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith(M + " v1."));
        assertThat(o.out()).contains(M + " v1.1.0 h1:");
        assertThat(o.err())
                .contains("holdfast: " + M + "@v9.0.0 failed\n")
                .contains("holdfast: " + M + "@v9.0.0: reading " + origin.url())
                .contains("404 Not Found")
                .endsWith("holdfast: fetched 2 of 3 module versions; 1 failed\n");
        assertThat(o.err().split("404 Not Found", -1)).as("the reason once").hasSize(2);
    }

    @Test
    void fetch_quiet_printsResultsAndErrorsOnly() {
        Outcome o = run(env(origin.url()), "fetch", "-q", M + "@v1.0.0", M + "@v1.1.0");

        assertThat(o.code()).isZero();
        assertThat(o.out().lines()).hasSize(2);
        assertThat(o.err()).isEmpty();
    }

    @Test
    void fetch_environmentDecides_notThisProcess() {
        Map<String, String> relative = env(origin.url());
        relative.put("GOMODCACHE", "relative/cache");
        Map<String, String> off = env("off");
        Map<String, String> direct = env("direct");

        Outcome r = run(relative, "fetch", M + "@v1.0.0");
        Outcome o = run(off, "fetch", M + "@v1.0.0");
        Outcome d = run(direct, "fetch", M + "@v1.0.0");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("GOMODCACHE entry is relative; must be absolute path: \"relative/cache\"");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("module lookup disabled by GOPROXY=off");
        // direct runs the go command on the environment's PATH, and this environment has none
        assertThat(d.code()).as(d.err()).isEqualTo(1); // a local failure, as a full disk is
        assertThat(d.err()).contains("direct fetch needs the go command: go: executable file not found in $PATH");
        assertThat(origin.requests()).isEmpty();
    }

    private static byte[] zip(String version) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(M + "@" + version + "/go.mod"));
            out.write(MOD);
            out.putNextEntry(new ZipEntry(M + "@" + version + "/m.go"));
            out.write("package m\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
