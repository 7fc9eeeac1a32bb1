package dev.holdfast.conformance.modload;

import dev.holdfast.cli.Main;
import dev.holdfast.conformance.universe.Universe;
import dev.holdfast.testing.GoToolchain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the same question past the go command and Holdfast for a universe written to disk: the go command
 * in a sandbox with the universe's {@code file://} proxy, Holdfast in this JVM through {@link Main#execute}
 * with its own module cache.
 */
final class Commands {

    private Commands() {}

    /** One command's outcome: exit code, standard output, and its last error message without its prefix. */
    record Outcome(int exitCode, String stdout, String stderr, String error) {
        /** Returns the outcome as compared: the output on success, else {@code error: message}. */
        String comparable() {
            return exitCode == 0 ? stdout : "error: " + error;
        }
    }

    /**
     * Runs {@code go args...} in {@code dir} with the universe's proxy at {@code layout} and a module cache
     * {@code modCache} of its own ({@code -mod=mod}, so the go command may rewrite go.mod as it does).
     */
    static Outcome go(GoToolchain.Sandbox sandbox, Universe.Layout layout, Path modCache, Path dir, String... args) {
        return go(sandbox, layout, modCache, dir, Map.of(), args);
    }

    /** Runs the go command as {@link #go(GoToolchain.Sandbox, Universe.Layout, Path, Path, String...)} does, with {@code overrides} set. */
    static Outcome go(
            GoToolchain.Sandbox sandbox,
            Universe.Layout layout,
            Path modCache,
            Path dir,
            Map<String, String> overrides,
            String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("GOPROXY", layout.proxyUrl());
        env.put("GOMODCACHE", modCache.toString());
        env.put("GOFLAGS", "-mod=mod -modcacherw");
        env.putAll(overrides);
        GoToolchain.Run run = sandbox.run(dir, env, args);
        return new Outcome(run.exitCode(), run.stdout(), run.stderr(), lastError(run.stderr(), "go: "));
    }

    /** Runs {@code holdfast args...} with the universe's proxy and module cache {@code modCache}. */
    static Outcome holdfast(Universe.Layout layout, Path modCache, String... args) {
        return holdfast(layout, modCache, Map.of(), args);
    }

    /** Runs holdfast as {@link #holdfast(Universe.Layout, Path, String...)} does, with {@code overrides} set. */
    static Outcome holdfast(Universe.Layout layout, Path modCache, Map<String, String> overrides, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        env.put("HOME", modCache.resolveSibling("holdfast-home").toString());
        env.put("GOENV", "off");
        env.put("GOMODCACHE", modCache.toString());
        env.put("GOPROXY", layout.proxyUrl());
        env.put("GOSUMDB", "off");
        env.put("GOFLAGS", "-mod=mod -modcacherw"); // the go command's flags in go(): the same inputs
        env.putAll(overrides);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.execute(args, env, o, e);
        }
        String stderr = err.toString(StandardCharsets.UTF_8);
        String command = args.length == 0 ? "" : args[0];
        return new Outcome(
                code, out.toString(StandardCharsets.UTF_8), stderr, lastError(stderr, "holdfast " + command + ": "));
    }

    /**
     * Returns the last message on a line starting with {@code prefix} (with the indented lines that
     * continue it), without the prefix; or all of {@code stderr} when no line starts so.
     */
    static String lastError(String stderr, String prefix) {
        int start = stderr.startsWith(prefix) ? 0 : -1;
        int i = stderr.lastIndexOf("\n" + prefix);
        if (i >= 0) {
            start = i + 1;
        }
        return start < 0
                ? stderr.strip()
                : stderr.substring(start + prefix.length()).strip();
    }

    /**
     * Returns what differs between the go command's outcome and Holdfast's on the same input, or "": both
     * succeeded with the same output, or both failed, Holdfast with exit code 2 (bad input) and the go
     * command's message.
     */
    static String difference(Commands.Outcome go, Commands.Outcome holdfast) {
        if (go.exitCode() == 0) {
            return holdfast.exitCode() == 0 && holdfast.stdout().equals(go.stdout())
                    ? ""
                    : "go succeeded:\n" + go.stdout() + "\nholdfast exited " + holdfast.exitCode() + ":\n"
                            + holdfast.comparable();
        }
        if (holdfast.exitCode() != 2) {
            return "go failed with " + go.error() + "\nholdfast exited " + holdfast.exitCode() + ": "
                    + holdfast.comparable();
        }
        return holdfast.error().equals(go.error())
                ? ""
                : "messages differ:\n--- go:\n" + go.error() + "\n--- holdfast:\n" + holdfast.error();
    }

    /** Returns {@code args} with {@code -C dir} appended. */
    static String[] in(Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-C");
        all.add(dir.toString());
        return all.toArray(String[]::new);
    }
}
