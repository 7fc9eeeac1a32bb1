package dev.holdfast.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The go command on PATH, run the way the conformance tests need it: with a private HOME, GOPATH
 * and module cache, {@code GOTOOLCHAIN=local}, {@code GOFLAGS=-mod=mod}, {@code GOPROXY=off} and
 * {@code GOSUMDB=off} unless the caller overrides them.
 *
 * <p>Tests that compare with the go command must not pass without it, so {@link #get()} fails with
 * an {@link AssertionError} when no go command is found. Thread-safe.
 */
public final class GoToolchain {
    private static final long TIMEOUT_SECONDS = 300;
    private static volatile GoToolchain instance;

    private final Path executable;
    private final String goroot;
    private final String version;
    private final String buildCache;

    private GoToolchain(Path executable) {
        this.executable = executable;
        Map<String, String> env = hostEnv(null);
        this.goroot = runRaw(null, env, "env", "GOROOT").checkSuccess().stdout().strip();
        this.version =
                runRaw(null, env, "env", "GOVERSION").checkSuccess().stdout().strip();
        this.buildCache =
                runRaw(null, env, "env", "GOCACHE").checkSuccess().stdout().strip();
    }

    /** Returns the go command found on PATH; fails the calling test when there is none. */
    public static GoToolchain get() {
        GoToolchain go = instance;
        if (go == null) {
            synchronized (GoToolchain.class) {
                go = instance;
                if (go == null) {
                    go = instance = new GoToolchain(findOnPath());
                }
            }
        }
        return go;
    }

    private static Path findOnPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "go");
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("the go toolchain is not on PATH: the conformance tests compare Holdfast with it"
                + " and cannot pass without it (PATH=" + path + ")");
    }

    /** Returns {@code go env GOROOT}. */
    public Path goroot() {
        return Path.of(goroot);
    }

    /** Returns {@code go env GOVERSION}, for example {@code go1.26.8}. */
    public String version() {
        return version;
    }

    /** Returns a new sandbox (private HOME, GOPATH and module cache) under {@code dir}. */
    public Sandbox sandbox(Path dir) {
        try {
            Files.createDirectories(dir.resolve("home"));
            Files.createDirectories(dir.resolve("gopath"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Sandbox sandbox = new Sandbox(this, dir);
        // Telemetry would otherwise start a detached child that writes into HOME after the test
        // has ended, racing the deletion of its temporary directory.
        sandbox.run(dir, Map.of(), "telemetry", "off").checkSuccess();
        return sandbox;
    }

    /**
     * Runs the go command in {@code workDir} (may be null) with the sandbox-free base environment of
     * {@link #env()} plus {@code extraEnv}, and returns its result whatever its exit code.
     */
    public Run run(Path workDir, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(env());
        env.putAll(extraEnv);
        return runRaw(workDir, env, args);
    }

    /**
     * Returns the base environment: PATH, GOROOT, a shared build cache, and settings that keep the
     * user's go env file, workspaces, toolchain switching, proxies and checksum database out.
     */
    public Map<String, String> env() {
        Map<String, String> env = hostEnv(goroot);
        env.put("GOCACHE", buildCache);
        env.put("GOENV", "off");
        env.put("GOWORK", "off");
        env.put("GO111MODULE", "on");
        env.put("GOTOOLCHAIN", "local");
        env.put("GOFLAGS", "-mod=mod");
        env.put("GOPROXY", "off");
        env.put("GOSUMDB", "off");
        env.put("GONOSUMDB", "");
        env.put("GONOPROXY", "");
        env.put("GOPRIVATE", "");
        env.put("GOINSECURE", "");
        env.put("GOTELEMETRY", "off");
        env.put("CGO_ENABLED", "0");
        return env;
    }

    private static Map<String, String> hostEnv(String goroot) {
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("PATH", "TMPDIR", "LANG")) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.put("HOME", System.getProperty("java.io.tmpdir"));
        if (goroot != null) {
            env.put("GOROOT", goroot);
        }
        return env;
    }

    Run runRaw(Path workDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(
                        "go " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + "s");
            }
            return new Run(List.copyOf(command), process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running go", e);
        }
    }

    /**
     * Drains {@code in} on a virtual thread of its own. Not on the common pool: it has one worker on a
     * 2-core machine, and a server under test that needs it (for its own subprocess) would wait for the go
     * command this drain waits for.
     */
    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> done = new CompletableFuture<>();
        Thread.ofVirtual().name("go output").start(() -> {
            try (in) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                done.complete(buffer.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                done.completeExceptionally(new UncheckedIOException(e));
            }
        });
        return done;
    }

    /** The outcome of one go command run. */
    public record Run(List<String> command, int exitCode, String stdout, String stderr) {
        /** Returns this run if it exited 0; otherwise fails with the command and its output. */
        public Run checkSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(describe());
            }
            return this;
        }

        /** Returns the command line, exit code and output, for failure messages. */
        public String describe() {
            return String.join(" ", command) + " exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    /**
     * A private HOME, GOPATH and module cache for go command runs, so that no user go env file and
     * no shared module cache leak into a test.
     */
    public static final class Sandbox {
        private final GoToolchain go;
        private final Path dir;

        Sandbox(GoToolchain go, Path dir) {
            this.go = go;
            this.dir = dir;
        }

        /** Returns the sandbox's GOPATH. */
        public Path gopath() {
            return dir.resolve("gopath");
        }

        /** Returns the sandbox's module cache, {@code GOPATH/pkg/mod}. */
        public Path modCache() {
            return gopath().resolve("pkg").resolve("mod");
        }

        /** Returns the environment the sandbox runs the go command with, before {@code extraEnv}. */
        public Map<String, String> env() {
            Map<String, String> env = new HashMap<>(go.env());
            env.put("HOME", dir.resolve("home").toString());
            env.put("GOPATH", gopath().toString());
            env.put("GOMODCACHE", modCache().toString());
            return env;
        }

        /** Runs the go command in {@code workDir} with {@link #env()} plus {@code extraEnv}. */
        public Run run(Path workDir, Map<String, String> extraEnv, String... args) {
            Map<String, String> env = env();
            env.putAll(extraEnv);
            return go.runRaw(workDir, env, args);
        }

        /** Empties the module cache (the go command makes it read-only, so plain deletion fails). */
        public void cleanModCache() {
            run(dir, Map.of(), "clean", "-modcache").checkSuccess();
        }
    }
}
