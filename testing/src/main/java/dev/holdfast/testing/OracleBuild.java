package dev.holdfast.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Builds the oracle binary: a module {@code holdfast.test/oracle} made of the {@code oracle/*.go}
 * resources and a copy of GOROOT's {@code cmd/internal/pkgpattern}, requiring a copy of the x/mod
 * sources vendored in GOROOT. Binaries are cached in the
 * temp directory by a hash of the sources and the go version, so a test run builds at most once.
 */
final class OracleBuild {
    private static final String XMOD = "src/cmd/vendor/golang.org/x/mod";
    private static final String PKGPATTERN = "src/cmd/internal/pkgpattern/pkgpattern.go";

    private OracleBuild() {}

    static Path binary(GoToolchain go) throws IOException {
        Map<String, byte[]> sources = handlerSources();
        Path xmod = go.goroot().resolve(XMOD);
        if (!Files.isDirectory(xmod)) {
            throw new AssertionError("GOROOT has no vendored golang.org/x/mod at " + xmod);
        }
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "holdfast-oracle", key(go, sources));
        Path binary = work.resolve("oracle");
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Files.createDirectories(work.getParent());
        Path staging = Files.createTempDirectory(work.getParent(), "build");
        copyTree(xmod, staging.resolve("xmod"));
        Files.writeString(staging.resolve("xmod/go.mod"), "module golang.org/x/mod\n\ngo 1.23\n");
        Map<String, byte[]> module = new TreeMap<>();
        sources.forEach((name, data) -> module.put("oracle/" + name, data));
        // The go command's path patterns live in cmd/internal, which no other module may import: a copy.
        module.put(
                "oracle/pkgpattern/pkgpattern.go",
                Files.readAllBytes(go.goroot().resolve(PKGPATTERN)));
        module.put(
                "oracle/go.mod",
                ("module holdfast.test/oracle\n\ngo 1.23\n\n"
                                + "require golang.org/x/mod v0.0.0\n\nreplace golang.org/x/mod => ../xmod\n")
                        .getBytes(StandardCharsets.UTF_8));
        writeAll(staging, module);
        Path built = staging.resolve("oracle.bin");
        go.run(staging.resolve("oracle"), Map.of("HOME", staging.toString()), "build", "-o", built.toString(), ".")
                .checkSuccess();
        Files.createDirectories(work);
        Files.move(built, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return binary;
    }

    /** Returns the oracle's Go files from the classpath, from a directory or a jar. */
    private static Map<String, byte[]> handlerSources() throws IOException {
        Map<String, byte[]> sources = new TreeMap<>();
        try {
            Path location = Path.of(OracleBuild.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.list(location.resolve("oracle"))) {
                    for (Path file :
                            files.filter(p -> p.toString().endsWith(".go")).toList()) {
                        sources.put(file.getFileName().toString(), Files.readAllBytes(file));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (var entry : jar.stream().toList()) {
                        String name = entry.getName();
                        if (name.startsWith("oracle/") && name.endsWith(".go") && name.indexOf('/', 7) < 0) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                sources.put(name.substring(7), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        if (!sources.containsKey("main.go")) {
            throw new AssertionError("oracle sources missing from the classpath: " + sources.keySet());
        }
        return sources;
    }

    private static String key(GoToolchain go, Map<String, byte[]> sources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((go.version() + "\n" + go.goroot() + "\n").getBytes(StandardCharsets.UTF_8));
            sources.forEach((name, data) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update(data);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void writeAll(Path dir, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
