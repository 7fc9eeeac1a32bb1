package dev.holdfast.conformance.download;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.LocalOrigin;
import dev.holdfast.zip.ModuleZip;
import dev.holdfast.zip.ZipFileSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small universe of modules with real Go code, for the download and degraded-mode tests: each module
 * {@code example.com/dl/<name>} has one package {@code <name>} whose {@code Name()} returns the module
 * path and version it was built from, followed by the {@code Name()} of every package it imports (one
 * per required module). A program that prints them shows exactly which versions a build compiled.
 * Served by a {@link LocalOrigin} for Holdfast and as a {@code file://} tree for the go command.
 */
public final class TestModules {
    /** The path prefix of every module. */
    public static final String PREFIX = "example.com/dl/";

    private final List<Module> modules = new ArrayList<>();

    /**
     * One module version.
     *
     * @param mv the module version
     * @param mod its go.mod
     * @param zip its zip
     */
    public record Module(ModuleVersion mv, byte[] mod, byte[] zip) {}

    /** Returns the full path of module {@code name}. */
    public static String path(String name) {
        return PREFIX + name;
    }

    /**
     * Adds module {@code name} at {@code version}, requiring (and importing) {@code requires}, each
     * {@code name@version}; {@code extraGoMod} is appended to its go.mod (retract, deprecation comment).
     */
    public TestModules add(String name, String version, String extraGoMod, String... requires) {
        String path = path(name);
        StringBuilder mod = new StringBuilder();
        if (extraGoMod.startsWith("// Deprecated:")) {
            mod.append(extraGoMod).append('\n');
            extraGoMod = "";
        }
        mod.append("module ").append(path).append("\n\ngo 1.21\n");
        StringBuilder imports = new StringBuilder();
        StringBuilder calls = new StringBuilder();
        if (requires.length > 0) {
            mod.append("\nrequire (\n");
            for (String r : requires) {
                String[] nv = r.split("@");
                mod.append('\t').append(path(nv[0])).append(' ').append(nv[1]).append('\n');
                imports.append("\t\"").append(path(nv[0])).append("\"\n");
                calls.append(" + \" \" + ").append(nv[0]).append(".Name()");
            }
            mod.append(")\n");
        }
        if (!extraGoMod.isEmpty()) {
            mod.append('\n').append(extraGoMod).append('\n');
        }
        String go = "package " + name + "\n\n"
                + (imports.isEmpty() ? "" : "import (\n" + imports + ")\n\n")
                + "// Name returns the module version this package was built from, then those of its imports.\n"
                + "func Name() string { return \"" + path + " " + version + "\"" + calls + " }\n";
        byte[] modBytes = mod.toString().getBytes(StandardCharsets.UTF_8);
        ModuleVersion mv = new ModuleVersion(path, version);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try {
            ModuleZip.create(
                    mv,
                    List.of(
                            ZipFileSource.of("go.mod", modBytes),
                            ZipFileSource.of(name + ".go", go.getBytes(StandardCharsets.UTF_8))),
                    zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        modules.add(new Module(mv, modBytes, zip.toByteArray()));
        return this;
    }

    /** Returns every module version added. */
    public List<Module> modules() {
        return List.copyOf(modules);
    }

    /** Serves every module from {@code origin} and returns it. */
    public LocalOrigin serve(LocalOrigin origin) {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < modules.size(); i++) {
            Module m = modules.get(i);
            origin.add(m.mv().path(), m.mv().version(), t.plusSeconds(3600L * i), m.mod(), m.zip());
        }
        return origin;
    }

    /**
     * Writes project {@code example.com/app} into {@code dir}: a go.mod at {@code goVersion} requiring
     * {@code requires} ({@code name@version}) plus {@code extraGoMod}, and a main package that prints the
     * {@code Name()} of each; then completes go.mod and go.sum with {@code go mod tidy} against the
     * {@code file://} proxy {@code proxyDir}, in the go sandbox {@code sandbox}.
     */
    public static void writeProject(
            Path dir,
            String goVersion,
            String extraGoMod,
            GoToolchain.Sandbox sandbox,
            Path proxyDir,
            String... requires)
            throws IOException {
        Files.createDirectories(dir);
        StringBuilder mod = new StringBuilder("module example.com/app\n\ngo " + goVersion + "\n\nrequire (\n");
        StringBuilder imports = new StringBuilder();
        StringBuilder prints = new StringBuilder();
        for (String r : requires) {
            String[] nv = r.split("@");
            mod.append('\t').append(path(nv[0])).append(' ').append(nv[1]).append('\n');
            imports.append("\t\"").append(path(nv[0])).append("\"\n");
            prints.append("\tfmt.Println(").append(nv[0]).append(".Name())\n");
        }
        mod.append(")\n");
        if (!extraGoMod.isEmpty()) {
            mod.append('\n').append(extraGoMod).append('\n');
        }
        Files.writeString(dir.resolve("go.mod"), mod);
        Files.writeString(
                dir.resolve("main.go"),
                "package main\n\nimport (\n\t\"fmt\"\n\n" + imports + ")\n\nfunc main() {\n" + prints + "}\n");
        sandbox.run(dir, Map.of("GOPROXY", proxyDir.toUri().toString()), "mod", "tidy")
                .checkSuccess();
    }
}
