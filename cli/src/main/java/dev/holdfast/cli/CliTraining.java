package dev.holdfast.cli;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.store.CachePaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run of the ahead-of-time cache (JDK 25, JEP 514) that every command but {@code serve}
 * starts with, recorded by the {@code holdfast} launcher in the background once per build. It runs
 * {@code list}, {@code graph} and {@code why} on a generated project whose {@value #MODULES} requirements
 * are in a module cache it writes, so the cache holds what reading a real build list loads and links (go.mod
 * parsing, the store, go.sum hashing, the graph): recorded on a project without requirements, the cache
 * left those classes to be loaded and linked by every command, and {@code list} of a 10,000-version graph
 * took 0.92 s instead of 0.82 s (docs/benchmarks.md). The network is off ({@code GOPROXY=off}); everything
 * is under a temporary directory it removes. Not a command: run as {@code java -XX:AOTCacheOutput=FILE -cp
 * holdfast.jar dev.holdfast.cli.CliTraining}.
 */
final class CliTraining {
    private static final int MODULES = 16;

    private CliTraining() {}

    /** Runs the training; exits non-zero if a command fails. */
    public static void main(String[] args) throws Exception {
        TrainingDirectory.run("holdfast-cli-training", CliTraining::train);
    }

    private static void train(Path dir) throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        writeProject(project, dir.resolve("modcache"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(Map.of(
                "GOMODCACHE", dir.resolve("modcache").toString(),
                "GOPROXY", "off",
                "GOSUMDB", "off",
                "GOFLAGS", "-mod=mod",
                "GOWORK", "off",
                "GOTOOLCHAIN", "local",
                "HOME", Files.createDirectories(dir.resolve("home")).toString()));
        String dirArg = project.toString();
        for (String[] args : List.of(
                new String[] {"list", "-C", dirArg},
                new String[] {"graph", "-C", dirArg},
                new String[] {"why", "-C", dirArg, module(MODULES - 1)},
                new String[] {"--version"})) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.execute(args, env, new PrintStream(out), new PrintStream(err));
            if (code != 0) {
                throw new IOException("holdfast " + String.join(" ", args) + " exited " + code + ": "
                        + err.toString(StandardCharsets.UTF_8));
            }
            long lines = out.toString(StandardCharsets.UTF_8).lines().count();
            if (args[0].equals("list") && lines != MODULES + 1) {
                throw new IOException("holdfast list printed " + lines + " modules, not " + (MODULES + 1));
            }
        }
    }

    private static String module(int i) {
        return "example.com/train/m" + i;
    }

    /**
     * Writes a project that requires {@value #MODULES} modules, each of which requires the next one at a
     * lower version than the project does (so minimal version selection has something to choose), with
     * their go.mod files in the module cache {@code modcache} and their hashes in go.sum.
     */
    private static void writeProject(Path project, Path modcache) throws IOException {
        StringBuilder goMod = new StringBuilder("module example.com/train/main\n\ngo 1.21\n\nrequire (\n");
        StringBuilder goSum = new StringBuilder();
        for (int i = 0; i < MODULES; i++) {
            goMod.append('\t').append(module(i)).append(" v1.0.1\n");
            for (String version : List.of("v1.0.0", "v1.0.1")) {
                String next = i + 1 < MODULES ? "\nrequire " + module(i + 1) + " v1.0.0\n" : "";
                byte[] mod = ("module " + module(i) + "\n\ngo 1.21\n" + next).getBytes(StandardCharsets.UTF_8);
                Path v = Files.createDirectories(
                        CachePaths.downloadDir(modcache).resolve(module(i)).resolve("@v"));
                Files.write(v.resolve(version + ".mod"), mod);
                goSum.append(module(i))
                        .append(' ')
                        .append(version)
                        .append("/go.mod ")
                        .append(DirHash.hashGoMod(mod))
                        .append('\n');
            }
        }
        Files.writeString(project.resolve("go.mod"), goMod.append(")\n"));
        Files.writeString(project.resolve("go.sum"), goSum);
    }
}
