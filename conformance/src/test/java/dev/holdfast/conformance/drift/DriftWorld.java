package dev.holdfast.conformance.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.cli.Main;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.testing.SumdbServer;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module proxy and a checksum database on 127.0.0.1, a go command sandbox and a project directory,
 * for building projects with exactly one kind of drift and asking both the go command and {@code
 * holdfast drift} about them. Modules are made with real Go files whose imports the test chooses.
 */
final class DriftWorld implements AutoCloseable {
    static final String DB = "sum.example.com";

    final LocalOrigin origin;
    final SumdbServer db;
    final GoToolchain.Sandbox sb;
    final Path project;
    private final Path root;
    private int tick;

    /** The outcome of one holdfast run. */
    record Run(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }

        /** Returns the findings of a {@code --format json} run. */
        List<JsonNode> findings() {
            try {
                List<JsonNode> out = new ArrayList<>();
                new ObjectMapper().readTree(stdout).get("Findings").forEach(out::add);
                return out;
            } catch (IOException e) {
                throw new AssertionError(describe(), e);
            }
        }

        /** Returns the findings of a {@code --format json} run of {@code kind}, as {@code message} strings. */
        List<String> messages(String kind) {
            return findings().stream()
                    .filter(f -> f.get("Kind").asText().equals(kind))
                    .map(f -> f.get("Message").asText())
                    .toList();
        }

        /** Returns the kinds of a {@code --format json} run's findings, in order. */
        List<String> kinds() {
            return findings().stream().map(f -> f.get("Kind").asText()).toList();
        }
    }

    DriftWorld(Path root) throws IOException {
        this.root = root;
        origin = LocalOrigin.open();
        db = SumdbServer.open(DB);
        db.proxyTo(origin.url());
        sb = GoToolchain.get().sandbox(root.resolve("sb"));
        project = root.resolve("project");
        Files.createDirectories(project);
    }

    /**
     * Adds module version {@code path@version} to the proxy and the checksum database, with go.mod
     * {@code goMod} and the files {@code files} (name to content) beside it.
     */
    DriftWorld module(String path, String version, String goMod, Map<String, String> files) {
        ModuleVersion mv = new ModuleVersion(path, version);
        byte[] mod = goMod.getBytes(StandardCharsets.UTF_8);
        List<ZipFileSource> sources = new ArrayList<>();
        sources.add(ZipFileSource.of("go.mod", mod));
        files.forEach((name, text) -> sources.add(ZipFileSource.of(name, text.getBytes(StandardCharsets.UTF_8))));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try {
            ModuleZip.create(mv, sources, zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant time = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * tick++);
        origin.add(path, version, time, mod, zip.toByteArray());
        db.add(path, version, mod, zip.toByteArray());
        return this;
    }

    /** Adds a module version with one package (named after the path's last element) importing {@code imports}. */
    DriftWorld simple(String path, String version, String requires, String... imports) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String goMod =
                "module " + path + "\n\ngo 1.21\n" + (requires.isEmpty() ? "" : "\nrequire (\n" + requires + ")\n");
        return module(path, version, goMod, Map.of(name + ".go", source(name, imports)));
    }

    /** Returns Go source of package {@code name} importing {@code imports}. */
    static String source(String name, String... imports) {
        StringBuilder b = new StringBuilder("package " + name + "\n\n");
        for (String imp : imports) {
            b.append("import _ \"").append(imp).append("\"\n");
        }
        return b.toString();
    }

    /** Writes file {@code name} of the project. */
    DriftWorld write(String name, String text) throws IOException {
        Path file = project.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return this;
    }

    /** Returns the project file {@code name}. */
    String read(String name) throws IOException {
        return Files.readString(project.resolve(name));
    }

    /** The go environment both tools use: the proxy, the checksum database, nothing weakened. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(sb.env());
        env.put("GOPROXY", origin.url());
        env.put("GOSUMDB", db.gosumdb());
        env.put("GONOSUMDB", "");
        env.put("GOPRIVATE", "");
        env.put("GOINSECURE", "");
        env.put("GOFLAGS", "");
        // A module made private is fetched directly (the go command, for both tools): it meets a proxy on a
        // closed loopback port at once, instead of looking up a real host (the origin, on 127.0.0.1, is
        // never proxied).
        env.put("HTTPS_PROXY", "http://127.0.0.1:9");
        env.put("HTTP_PROXY", "http://127.0.0.1:9");
        return env;
    }

    /** Runs the go command in the project with {@link #env()} plus {@code extra}. */
    GoToolchain.Run go(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(env());
        env.putAll(extra);
        return sb.run(project, env, args);
    }

    /** Runs the go command in the project with {@link #env()}, allowed to update go.mod and go.sum. */
    GoToolchain.Run goMod(String... args) {
        return go(Map.of("GOFLAGS", "-mod=mod"), args);
    }

    /** Runs holdfast drift in the project with {@link #env()} plus {@code extra}. */
    Run drift(Map<String, String> extra, String... args) {
        Map<String, String> env = new LinkedHashMap<>(env());
        env.putAll(extra);
        List<String> all = new ArrayList<>(List.of("drift", "-C", project.toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.execute(all.toArray(String[]::new), env, o, e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs holdfast drift --format json in the project. */
    Run driftJson(String... args) {
        List<String> all = new ArrayList<>(List.of("--format", "json"));
        all.addAll(List.of(args));
        return drift(Map.of(), all.toArray(String[]::new));
    }

    /** Returns a fresh directory under the world's root. */
    Path dir(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }

    @Override
    public void close() {
        db.close();
        origin.close();
    }
}
