package dev.holdfast.conformance.universe;

import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.semver.Semver;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A world of modules for differential tests: module versions with their go.mod files, and a main module
 * that requires some of them, written to disk as a {@code file://} GOPROXY tree and a project directory.
 * Made by {@link UniverseGenerator}; immutable; {@code with...} copies change one part (to make an error
 * case out of a good universe, for example).
 *
 * @param seed the seed it was generated from
 * @param main the main module
 * @param modules every module version the proxy serves (and a few it lacks, see {@code missing})
 * @param missing module versions named in requirements whose files are left out of the proxy
 */
public record Universe(long seed, MainSpec main, List<ModuleSpec> modules, Set<ModuleVersion> missing) {

    /** Copies the collections. */
    public Universe {
        modules = List.copyOf(modules);
        missing = Set.copyOf(missing);
    }

    /** Where a universe was written. */
    public record Layout(Path proxy, Path main) {
        /** Returns the GOPROXY value that serves {@link #proxy()}: a {@code file://} URL without trailing slash. */
        public String proxyUrl() {
            String uri = proxy.toUri().toString();
            return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        }
    }

    /** Returns the module paths, sorted. */
    public List<String> paths() {
        return List.copyOf(new TreeSet<>(modules.stream().map(ModuleSpec::path).toList()));
    }

    /** Returns the versions of {@code path} the universe has, in semver order (listed or not). */
    public List<String> versions(String path) {
        return Semver.sort(modules.stream()
                .filter(m -> m.path().equals(path))
                .map(ModuleSpec::version)
                .toList());
    }

    /** Returns the module version {@code mv}, if the universe has it. */
    public Optional<ModuleSpec> module(ModuleVersion mv) {
        return modules.stream().filter(m -> m.id().equals(mv)).findFirst();
    }

    /** Returns a copy with main module {@code main}. */
    public Universe withMain(MainSpec main) {
        return new Universe(seed, main, modules, missing);
    }

    /** Returns a copy where {@code spec} replaces the module version with the same path and version. */
    public Universe withModule(ModuleSpec spec) {
        List<ModuleSpec> copy = new ArrayList<>();
        modules.forEach(m -> copy.add(m.id().equals(spec.id()) ? spec : m));
        return new Universe(seed, main, copy, missing);
    }

    /** Writes the proxy to {@code root/proxy} and the main module to {@code root/main}. */
    public Layout write(Path root) throws IOException {
        Layout layout = new Layout(root.resolve("proxy"), root.resolve("main"));
        writeProxy(layout.proxy());
        writeMain(layout.main());
        return layout;
    }

    /**
     * Writes the proxy tree: for each path {@code @v/list} (listed versions, one per line) and each
     * version's {@code .info}, {@code .mod} and {@code .zip} (a go.mod and one Go file); versions in
     * {@link #missing()} are left out.
     */
    public void writeProxy(Path proxy) throws IOException {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (ModuleSpec m : modules) {
            Path dir = proxy.resolve(ModulePath.escape(m.path())).resolve("@v");
            Files.createDirectories(dir);
            lists.computeIfAbsent(m.path(), p -> new ArrayList<>());
            if (missing.contains(m.id())) {
                continue;
            }
            if (m.listed()) {
                lists.get(m.path()).add(m.version());
            }
            String base = ModulePath.escapeVersion(m.version());
            Files.writeString(
                    dir.resolve(base + ".info"),
                    "{\"Version\":\"" + m.version() + "\",\"Time\":\"2024-01-02T03:04:05Z\"}\n");
            Files.writeString(dir.resolve(base + ".mod"), m.goMod());
            writeZip(dir.resolve(base + ".zip"), m);
        }
        for (Map.Entry<String, List<String>> e : lists.entrySet()) {
            Path list = proxy.resolve(ModulePath.escape(e.getKey())).resolve("@v/list");
            Files.writeString(list, e.getValue().isEmpty() ? "" : String.join("\n", e.getValue()) + "\n");
        }
    }

    /** Writes the main module's go.mod and one Go file to {@code dir}, and every replacement directory under it. */
    public void writeMain(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("go.mod"), main.goMod());
        Files.writeString(dir.resolve("main.go"), "package main\n\nfunc main() {}\n");
        for (Map.Entry<String, ModuleSpec> e : main.directories().entrySet()) {
            Path d = dir.resolve(e.getKey()).normalize();
            Files.createDirectories(d);
            Files.writeString(d.resolve("go.mod"), e.getValue().goMod());
            Files.writeString(d.resolve("x.go"), "package " + e.getValue().packageName() + "\n");
        }
    }

    /**
     * Writes the module zip of {@code m}: its go.mod and one Go file under the {@code path@version/}
     * prefix, which is all a valid module zip needs (the files pass the module zip rules, so the go
     * command accepts it).
     */
    private static void writeZip(Path zip, ModuleSpec m) throws IOException {
        String prefix = m.path() + "@" + m.version() + "/";
        String source = "package " + m.packageName() + "\n\n// Version is the generated module's version.\n"
                + "const Version = \"" + m.version() + "\"\n";
        try (OutputStream file = Files.newOutputStream(zip);
                ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(file))) {
            for (Map.Entry<String, String> f :
                    Map.of("go.mod", m.goMod(), "x.go", source).entrySet()) {
                out.putNextEntry(new ZipEntry(prefix + f.getKey()));
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }
}
