package dev.holdfast.conformance.server;

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
 * A small module graph with real Go code, on a {@link LocalOrigin}: {@code example.com/greet}
 * v1.0.0 and v1.1.0, the latter importing {@code example.com/words} v0.1.0; and an application that
 * imports greet.
 */
final class Modules {
    static final String GREET = "example.com/greet";
    static final String WORDS = "example.com/words";

    private Modules() {}

    /** Adds the modules to {@code origin}; returns it. */
    static LocalOrigin addTo(LocalOrigin origin) {
        add(origin, WORDS, "v0.1.0", "module example.com/words\n\ngo 1.21\n", "words.go", """
                package words

                // Hello is the greeting word.
                const Hello = "hello"
                """);
        add(origin, GREET, "v1.0.0", "module example.com/greet\n\ngo 1.21\n", "greet.go", """
                package greet

                func Hello(name string) string { return "hi " + name }
                """);
        add(
                origin,
                GREET,
                "v1.1.0",
                "module example.com/greet\n\ngo 1.21\n\nrequire example.com/words v0.1.0\n",
                "greet.go",
                """
                package greet

                import "example.com/words"

                func Hello(name string) string { return words.Hello + " " + name }
                """);
        return origin;
    }

    /**
     * Adds {@code count} small modules {@code <prefix>/m<i>} v1.0.0 to {@code origin}, each with a go.mod
     * and one Go file; returns their {@code path@version} targets.
     */
    static List<String> addMany(LocalOrigin origin, String prefix, int count) {
        List<String> targets = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = prefix + "/m" + i;
            String goMod = "module " + path + "\n\ngo 1.21\n";
            origin.add(
                    path,
                    "v1.0.0",
                    Instant.parse("2024-04-01T00:00:00Z").plusSeconds(i),
                    goMod.getBytes(StandardCharsets.UTF_8),
                    zip(path, "v1.0.0", goMod, "m.go", "package m\n\nconst N = " + i + "\n"));
            targets.add(path + "@v1.0.0");
        }
        return targets;
    }

    /** Returns the zip of {@code path@version} with a go.mod and one Go file. */
    static byte[] zip(String path, String version, String goMod, String file, String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModuleZip.create(
                    new ModuleVersion(path, version),
                    List.of(
                            ZipFileSource.of("go.mod", goMod.getBytes(StandardCharsets.UTF_8)),
                            ZipFileSource.of(file, source.getBytes(StandardCharsets.UTF_8))),
                    out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void add(LocalOrigin origin, String path, String version, String goMod, String file, String src) {
        origin.add(
                path,
                version,
                Instant.parse("2024-03-01T10:00:00Z"),
                goMod.getBytes(StandardCharsets.UTF_8),
                zip(path, version, goMod, file, src));
    }

    /** Writes an application module importing greet into {@code dir}; returns {@code dir}. */
    static Path writeApp(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), "module example.com/app\n\ngo 1.21\n");
        Files.writeString(dir.resolve("main.go"), """
                package main

                import (
                	"fmt"

                	"example.com/greet"
                )

                func main() { fmt.Println(greet.Hello("gopher")) }
                """);
        return dir;
    }

    /** Runs {@code go mod download targets...} in a fresh sandbox under {@code tmp/name-go} with GOPROXY {@code goproxy}. */
    static GoToolchain.Run download(GoToolchain go, Path tmp, String goproxy, String name, List<String> targets)
            throws IOException {
        Path work = Files.createDirectories(tmp.resolve(name));
        List<String> args = new ArrayList<>(List.of("mod", "download", "-json"));
        args.addAll(targets);
        return go.sandbox(tmp.resolve(name + "-go")).run(work, Map.of("GOPROXY", goproxy), args.toArray(String[]::new));
    }
}
