package dev.holdfast.conformance.down;

import dev.holdfast.cli.Main;
import dev.holdfast.conformance.universe.ModuleSpec;
import dev.holdfast.conformance.universe.Universe;
import dev.holdfast.dirhash.DirHash;
import dev.holdfast.module.ModulePath;
import dev.holdfast.testing.GoToolchain;
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
import java.util.Random;

/**
 * One universe written to disk for {@code down} tests: its {@code file://} proxy, and fresh copies of its
 * main module (go.mod, a Go file, replacement directories and optionally a go.sum) for the go command and
 * for Holdfast, each with its own module cache.
 */
final class DownWorld {
    private final Universe universe;
    private final Universe.Layout layout;
    private final Path root;

    private DownWorld(Universe universe, Universe.Layout layout, Path root) {
        this.universe = universe;
        this.layout = layout;
        this.root = root;
    }

    /** Writes {@code universe} under {@code root}. */
    static DownWorld write(Universe universe, Path root) throws IOException {
        return new DownWorld(universe, universe.write(root), root);
    }

    Universe universe() {
        return universe;
    }

    Universe.Layout layout() {
        return layout;
    }

    /** Writes a copy of the main module to {@code root/name} with go.sum {@code goSum} (none if null). */
    Path copy(String name, String goSum) throws IOException {
        Path dir = root.resolve(name);
        universe.writeMain(dir);
        if (goSum != null) {
            Files.writeString(dir.resolve("go.sum"), goSum);
        }
        return dir;
    }

    /**
     * Returns go.sum lines for the universe's module versions (correct hashes of their go.mod files and
     * zips, as the go command would have recorded them): all of them one time in three, else a random
     * third.
     */
    String randomGoSum(Random random) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean all = random.nextInt(3) == 0;
        for (ModuleSpec m : universe.modules()) {
            Path dir = layout.proxy().resolve(ModulePath.escape(m.path())).resolve("@v");
            String base = ModulePath.escapeVersion(m.version());
            if ((all || random.nextInt(3) == 0) && Files.exists(dir.resolve(base + ".zip"))) {
                lines.add(m.path() + " " + m.version() + " " + DirHash.hashZip(dir.resolve(base + ".zip")));
            }
            if ((all || random.nextInt(3) == 0) && Files.exists(dir.resolve(base + ".mod"))) {
                lines.add(m.path() + " " + m.version() + "/go.mod "
                        + DirHash.hashGoMod(Files.readAllBytes(dir.resolve(base + ".mod"))));
            }
        }
        return lines.isEmpty() ? null : String.join("\n", lines) + "\n";
    }

    /** Runs {@code go args...} in {@code dir} with the universe's proxy and module cache {@code cache}. */
    GoToolchain.Run go(GoToolchain.Sandbox sandbox, Path dir, String cache, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("GOPROXY", layout.proxyUrl());
        env.put("GOMODCACHE", root.resolve(cache).toString());
        env.put("GOFLAGS", "-mod=mod -modcacherw");
        return sandbox.run(dir, env, args);
    }

    /** The outcome of one in-process holdfast run. */
    record Outcome(int exitCode, String stdout, String stderr) {}

    /** Runs {@code holdfast args...} with the universe's proxy and module cache {@code cache}. */
    Outcome holdfast(String cache, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        env.put("HOME", root.resolve(cache + "-home").toString());
        env.put("GOENV", "off");
        env.put("GOMODCACHE", root.resolve(cache).toString());
        env.put("GOPROXY", layout.proxyUrl());
        env.put("GOSUMDB", "off");
        env.put("GOTOOLCHAIN", "local");
        env.put("GOFLAGS", "-mod=mod");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.execute(args, env, o, e);
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Returns the bytes of {@code file}, or null if it does not exist. */
    static byte[] read(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllBytes(file) : null;
    }

    /**
     * Returns the go command's last error line (with its continuation lines), without {@code go: };
     * the go command prints progress and warnings before it.
     */
    static String lastGoError(String stderr) {
        List<String> blocks = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (line.startsWith("go: ")) {
                blocks.add(line.substring(4));
            } else if (!blocks.isEmpty() && line.startsWith("\t")) {
                blocks.set(blocks.size() - 1, blocks.getLast() + "\n" + line);
            }
        }
        return blocks.isEmpty() ? stderr.strip() : blocks.getLast();
    }
}
