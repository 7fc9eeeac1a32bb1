package dev.holdfast.conformance.server;

import dev.holdfast.cli.Main;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A project requiring greet (its go.mod and go.sum made by the go command straight from an origin),
 * downloaded by {@code go mod download} and by {@code holdfast download} with the same settings, each
 * into an empty module cache of its own: for tests that compare how both reach a GOPROXY.
 */
final class ProjectDownloads {
    private final GoToolchain go;
    private final Path tmp;
    private final Path app;

    private ProjectDownloads(GoToolchain go, Path tmp, Path app) {
        this.go = go;
        this.tmp = tmp;
        this.app = app;
    }

    /** Makes the project under {@code tmp} from {@code origin}. */
    static ProjectDownloads of(GoToolchain go, Path tmp, LocalOrigin origin) throws IOException {
        Path app = Modules.writeApp(tmp.resolve("app"));
        go.sandbox(tmp.resolve("go-setup"))
                .run(app, Map.of("GOPROXY", origin.url()), "get", Modules.GREET + "@v1.1.0")
                .checkSuccess();
        return new ProjectDownloads(go, tmp, app);
    }

    /** Runs {@code go mod download} in a copy named {@code name}, with {@code env} over the sandbox's. */
    GoToolchain.Run goDownload(String name, Map<String, String> env) throws IOException {
        return go.sandbox(tmp.resolve("go-" + name)).run(copy("go-app-" + name), env, "mod", "download");
    }

    /**
     * Runs {@code holdfast download} in a copy named {@code name} with {@code settings}, no go env file and
     * no checksum database, retrying for at most {@code budget}; writes its output to {@code out} and
     * returns its exit code.
     */
    int holdfastDownload(String name, Map<String, String> settings, String budget, ByteArrayOutputStream out)
            throws IOException {
        Map<String, String> env = holdfastEnv(name, settings);
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            return Main.execute(arguments(name, budget).toArray(String[]::new), env, o, o);
        }
    }

    /**
     * Runs {@code holdfast download} as {@link #holdfastDownload} does, but in a JVM of its own, as users
     * run it: for settings the JDK reads once per process (its networking properties).
     */
    int holdfastDownloadInOwnJvm(String name, Map<String, String> settings, String budget, ByteArrayOutputStream out)
            throws IOException, InterruptedException {
        List<String> command = ServeProcess.holdfastCommand();
        command.addAll(arguments(name, budget));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(holdfastEnv(name, settings));
        Process child = builder.start();
        child.getInputStream().transferTo(out);
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new IOException("holdfast download did not end in 120 s: " + out.toString(StandardCharsets.UTF_8));
        }
        return child.exitValue();
    }

    private List<String> arguments(String name, String budget) throws IOException {
        Path dir = copy("hf-app-" + name);
        return List.of("download", "-q", "--retry-budget", budget, "-C", dir.toString());
    }

    private Map<String, String> holdfastEnv(String name, Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        env.put("HOME", tmp.resolve("hf-home-" + name).toString());
        env.put("GOENV", "off");
        env.put("GOFLAGS", "-mod=mod");
        env.put("GOSUMDB", "off");
        env.put("GOMODCACHE", tmp.resolve("hf-modcache-" + name).toString());
        return env;
    }

    private Path copy(String name) throws IOException {
        Path to = Files.createDirectories(tmp.resolve(name));
        for (String file : List.of("go.mod", "go.sum", "main.go")) {
            Files.copy(app.resolve(file), to.resolve(file));
        }
        return to;
    }
}
