package dev.holdfast.conformance.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} in headless mode, for the status page's browser test: installed with
 * {@code apt-get} when it is missing (as the benchmarks install nginx), and an error, never a skip, when
 * that fails.
 */
final class Chromium {
    private final Path binary;
    private final Path profile;

    private Chromium(Path binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    /** Returns chromium, installing it first when it is not on the PATH; {@code work} holds its profile. */
    static Chromium get(Path work) throws IOException, InterruptedException {
        Path found = onPath();
        if (found == null) {
            install();
            found = onPath();
            if (found == null) {
                throw new AssertionError("chromium is still not on the PATH after apt-get install chromium");
            }
        }
        return new Chromium(found, Files.createDirectories(work.resolve("chromium-profile")));
    }

    /** Returns the DOM of {@code url} after its scripts ran for {@code millis} of virtual time. */
    String dumpDom(String url, int millis) throws IOException, InterruptedException {
        return run("--virtual-time-budget=" + millis, "--dump-dom", url);
    }

    /** Writes a PNG of {@code url} at {@code width} × {@code height} CSS pixels to {@code png}. */
    void screenshot(String url, int width, int height, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        run("--window-size=" + width + "," + height, "--hide-scrollbars", "--screenshot=" + png, url);
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new AssertionError("chromium wrote no screenshot to " + png);
        }
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox", // the tests run as root
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 60 s: " + command);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited " + p.exitValue() + ": " + command);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static Path onPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static void install() throws IOException, InterruptedException {
        List<String> sudo = "root".equals(System.getProperty("user.name")) ? List.of() : List.of("sudo", "-n");
        for (List<String> step : List.of(
                List.of("apt-get", "update", "-qq"),
                List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"))) {
            List<String> command = new ArrayList<>(sudo);
            command.addAll(step);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new AssertionError("installing chromium failed: " + command + "\n" + out);
            }
        }
    }
}
