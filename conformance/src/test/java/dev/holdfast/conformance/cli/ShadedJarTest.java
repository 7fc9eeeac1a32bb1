package dev.holdfast.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar users run (cli/target/holdfast.jar, built in the package phase before this module's tests):
 * its picocli classes are raised to a class-file version an AOT cache keeps (src/build/PicocliBytecode),
 * and the jar still parses commands, prints help, refuses a bad flag and lists a build list as the go
 * command does, run as {@code java -jar}; {@code serve} starts and stops with nothing on standard error (the
 * web server's own {@code System.Logger} lines go through the same logging, at the same level, as ours).
 */
class ShadedJarTest {
    private static final Path JAR =
            Path.of("..", "cli", "target", "holdfast.jar").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Result(int exit, String stdout, String stderr) {}

    private Result run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("-jar");
        command.add(JAR.toString());
        Collections.addAll(command, args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().put("GOPROXY", "off");
        pb.environment().put("GOFLAGS", "-mod=mod");
        pb.environment().put("GOWORK", "off");
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().put("GOMODCACHE", dir.resolve("modcache").toString());
        Path out = dir.resolve("out-" + System.nanoTime());
        Path err = dir.resolve("err-" + System.nanoTime());
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
                .as("holdfast " + String.join(" ", args) + " ended")
                .isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void picocliClasses_haveAVersionTheAotCacheKeeps() throws IOException {
        assertThat(JAR)
                .as("the shaded jar, built by the cli module's package phase")
                .exists();
        int picocli = 0;
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.getName().startsWith("picocli/") && e.getName().endsWith(".class")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        byte[] head = in.readNBytes(8);
                        assertThat(((head[6] & 0xff) << 8) | (head[7] & 0xff))
                                .as(e.getName())
                                .isGreaterThanOrEqualTo(50);
                    }
                    picocli++;
                }
            }
        }
        assertThat(picocli).isGreaterThan(100);
    }

    @Test
    void serve_startsAndStops_withNothingOnStandardError() throws Exception {
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-jar",
                JAR.toString(),
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--offline",
                "--cache",
                dir.resolve("cache").toString());
        Path out = dir.resolve("serve.out");
        Path err = dir.resolve("serve.err");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains("use it with") && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(out)).as(Files.readString(err)).contains("use it with");
        } finally {
            p.destroy(); // SIGTERM: a clean stop
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("serve stopped").isTrue();
        }
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(out)).contains("holdfast: stopped");
        assertThat(Files.readString(err)).isEmpty();
    }

    @Test
    void theJar_parsesHelpsRefusesAndListsAsTheGoCommand() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(
                project.resolve("go.mod"),
                "module example.com/main\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n\nreplace example.com/dep => ./dep\n");
        Files.createDirectories(project.resolve("dep"));
        Files.writeString(project.resolve("dep/go.mod"), "module example.com/dep\n\ngo 1.22\n");

        Result help = run(project, "--help");
        assertThat(help.exit()).as(help.stderr()).isZero();
        assertThat(help.stdout())
                .contains("list")
                .contains("graph")
                .contains("serve")
                .contains("download");

        Result bad = run(project, "list", "--no-such-flag");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr()).contains("--no-such-flag");

        Result list = run(project, "list");
        GoToolchain.Run go = GoToolchain.get()
                .sandbox(dir.resolve("go"))
                .run(project, Map.of("GOPROXY", "off"), "list", "-m", "all");
        assertThat(go.exitCode()).as(go.describe()).isZero();
        assertThat(list.exit()).as(list.stderr()).isZero();
        assertThat(list.stdout())
                .isEqualTo(go.stdout())
                .isEqualTo("example.com/main\nexample.com/dep v1.0.0 => ./dep\n");
    }
}
