package dev.holdfast.drift;

import dev.holdfast.modload.GoVersion;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.modload.Pruning;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The packages {@code go mod tidy} loads, and the module each comes from (cmd/go modload's loader with
 * the {@code all} pattern, tests, and {@code AnyTags}): every package of the main module and its tests,
 * everything they import transitively, the tests of all those packages, and what those tests import
 * (for a main module before go 1.16, the tests of everything in {@code all} count as in {@code all}).
 *
 * <p>Each import path is resolved as {@code importFromModules} resolves it: a path whose first element
 * has no dot and that names a directory of {@code $GOROOT/src} is the standard library (not followed);
 * otherwise every module in the build list whose path is a prefix of the import path is asked whether it
 * has that directory with {@code .go} files — in a pruned graph first among the roots only, then among all
 * selected modules. Exactly one must. Module content is read from the module's extracted directory in the
 * module cache, as the go command reads it, or its zip when it is not extracted (fetched first if needed), or from the directory of a directory replacement and of the main module,
 * where a nested go.mod ends the module. Not thread-safe; one load per instance.
 */
final class Packages {

    /**
     * One loaded package.
     *
     * <p>{@code module} is null for the standard library ({@code "C"} included) and for packages no
     * module provides ({@code error} then says why).
     */
    static final class Pkg {
        final String path;
        final ModuleVersion module;
        final String error;
        final List<String> imports;
        final List<String> testImports;
        boolean inAll;

        Pkg(String path, ModuleVersion module, String error, List<String> imports, List<String> testImports) {
            this.path = path;
            this.module = module;
            this.error = error;
            this.imports = List.copyOf(imports);
            this.testImports = List.copyOf(testImports);
        }

        boolean standard() {
            return module == null && error == null;
        }
    }

    private final MainModule main;
    private final ModuleGraph graph;
    private final Path goroot;
    private final Drift.ModuleZips zips;
    private final boolean closesOverTests;
    private final Map<String, Pkg> pkgs = new LinkedHashMap<>();
    private final Map<ModuleVersion, Tree> trees = new HashMap<>();

    private Packages(MainModule main, ModuleGraph graph, Path goroot, Drift.ModuleZips zips) {
        this.main = main;
        this.graph = graph;
        this.goroot = goroot;
        this.zips = zips;
        this.closesOverTests = GoVersion.compare(main.goVersion(), "1.16") < 0;
    }

    /**
     * Loads the packages {@code go mod tidy} would load for {@code main} with module graph {@code graph},
     * the standard library in {@code goroot} and module zips from {@code zips}.
     *
     * @throws IOException if a module zip cannot be had or read
     */
    static Packages load(MainModule main, ModuleGraph graph, Path goroot, Drift.ModuleZips zips) throws IOException {
        Packages p = new Packages(main, graph, goroot, zips);
        try {
            Tree mainTree = p.tree(main.version());
            for (String dir : mainTree.packageDirs()) {
                p.visit(dir.isEmpty() ? main.path() : main.path() + "/" + dir, true);
            }
            for (String tool : main.goMod().tools()) {
                p.visit(tool, true);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            p.trees.values().forEach(Tree::close);
        }
        return p;
    }

    /** Returns every loaded package, in load order. */
    Collection<Pkg> all() {
        return pkgs.values();
    }

    /** Returns the loaded package {@code path}, if loaded. */
    Optional<Pkg> get(String path) {
        return Optional.ofNullable(pkgs.get(path));
    }

    /** Reports whether {@code pkg} is in the main module. */
    boolean inMain(Pkg pkg) {
        return pkg.module != null && pkg.module.equals(main.version());
    }

    /** Loads {@code path} (once) and, when it is newly in {@code all}, spreads that to what it and its test import. */
    private void visit(String path, boolean inAll) {
        Deque<Object[]> work = new ArrayDeque<>();
        work.push(new Object[] {path, inAll});
        while (!work.isEmpty()) {
            Object[] item = work.pop();
            String p = (String) item[0];
            boolean all = (Boolean) item[1];
            Pkg pkg = pkgs.get(p);
            if (pkg == null) {
                pkg = resolve(p);
                pkgs.put(p, pkg);
                for (String imp : pkg.imports) {
                    work.push(new Object[] {imp, false});
                }
            }
            if (all && !pkg.inAll) {
                pkg.inAll = true;
                for (String imp : pkg.imports) {
                    work.push(new Object[] {imp, true});
                }
                // go mod tidy loads the tests of every package in "all"; only the main module's tests
                // (or, before go 1.16, all of them) put what they import in "all" too.
                boolean testInAll = inMain(pkg) || closesOverTests;
                for (String imp : pkg.testImports) {
                    work.push(new Object[] {imp, testInAll});
                }
            }
        }
    }

    /** Finds the module providing {@code path} and reads its imports. */
    private Pkg resolve(String path) {
        if (path.equals("C") || isStandard(path)) {
            return new Pkg(path, null, null, List.of(), List.of());
        }
        try {
            ModulePath.checkImportPath(path);
        } catch (RuntimeException e) {
            return new Pkg(path, null, e.getMessage(), List.of(), List.of());
        }
        boolean pruned = graph.requirements().pruning() == Pruning.PRUNED;
        for (boolean rootsOnly : pruned ? new boolean[] {true, false} : new boolean[] {false}) {
            List<ModuleVersion> found = new ArrayList<>();
            for (String prefix = path; !prefix.equals("."); prefix = parent(prefix)) {
                Optional<String> v = selected(prefix, rootsOnly);
                if (v.isEmpty() || v.get().equals("none") || GoVersion.isToolchain(prefix)) {
                    continue;
                }
                ModuleVersion m = new ModuleVersion(prefix, v.get());
                if (tree(m).isGoDir(relative(path, prefix))) {
                    found.add(m);
                }
            }
            if (found.size() > 1) {
                return new Pkg(
                        path,
                        null,
                        "ambiguous import: found package " + path + " in multiple modules",
                        List.of(),
                        List.of());
            }
            if (found.size() == 1) {
                ModuleVersion m = found.getFirst();
                Tree t = tree(m);
                String dir = relative(path, m.path());
                List<String> imports = new ArrayList<>();
                List<String> testImports = new ArrayList<>();
                t.scan(dir, imports, testImports);
                return new Pkg(path, m, null, imports, testImports);
            }
        }
        return new Pkg(path, null, "no required module provides package " + path, List.of(), List.of());
    }

    /** Returns the version of {@code path} to look in: among the roots, or selected in the whole graph. */
    private Optional<String> selected(String path, boolean rootsOnly) {
        if (path.equals(main.path())) {
            return Optional.of("");
        }
        return rootsOnly ? graph.requirements().rootSelected(path) : Optional.of(graph.selected(path));
    }

    private boolean isStandard(String path) {
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        if (first.contains(".")) {
            return false;
        }
        return goroot == null || Files.isDirectory(goroot.resolve("src").resolve(path));
    }

    private Tree tree(ModuleVersion m) {
        return trees.computeIfAbsent(m, k -> {
            try {
                if (k.equals(main.version())) {
                    return new DirTree(main.dir());
                }
                ModuleVersion r = main.replacement(k).orElse(k);
                if (r.version().isEmpty()) {
                    return new DirTree(main.replacementDir(r));
                }
                Path content = zips.zip(r);
                if (Files.isDirectory(content)) {
                    return new DirTree(content); // the extracted module, as the go command reads it
                }
                return new ZipTree(content, r.path() + "@" + r.version() + "/");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : path.substring(0, slash);
    }

    private static String relative(String path, String modulePath) {
        return path.equals(modulePath) ? "" : path.substring(modulePath.length() + 1);
    }

    /** The files of one module: a directory on disk or a module zip. */
    private abstract static class Tree implements AutoCloseable {
        /** Returns the names of the regular files in {@code dir} (relative, {@code ""} for the root). */
        abstract List<String> files(String dir);

        /** Returns the content of file {@code name} in {@code dir}. */
        abstract byte[] read(String dir, String name);

        /** Returns the directories (relative) that hold a package of this module, for the main module. */
        abstract List<String> packageDirs();

        /** Reports whether {@code dir} holds a {@code .go} file and is in this module (cmd/go dirInModule). */
        boolean isGoDir(String dir) {
            return files(dir).stream().anyMatch(n -> n.endsWith(".go"));
        }

        /** Adds the imports of the package in {@code dir}: of test files to {@code tests}, others to {@code imports}. */
        void scan(String dir, List<String> imports, List<String> tests) {
            for (String name : files(dir)) {
                if (!name.endsWith(".go") || name.startsWith("_") || name.startsWith(".")) {
                    continue;
                }
                Optional<List<String>> found = GoFileImports.read(read(dir, name));
                if (found.isEmpty()) {
                    continue;
                }
                List<String> into = name.endsWith("_test.go") ? tests : imports;
                for (String imp : found.get()) {
                    if (!into.contains(imp)) {
                        into.add(imp);
                    }
                }
            }
        }

        @Override
        public void close() {}
    }

    /** A module in a directory: the main module or a directory replacement. */
    private static final class DirTree extends Tree {
        private final Path root;

        DirTree(Path root) {
            this.root = root;
        }

        @Override
        List<String> files(String dir) {
            Path d = dir.isEmpty() ? root : root.resolve(dir);
            // A directory inside a nested module (one with its own go.mod between it and the root) is not ours.
            for (Path p = d; !p.equals(root) && p.startsWith(root); p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("go.mod"))) {
                    return List.of();
                }
            }
            if (!Files.isDirectory(d)) {
                return List.of();
            }
            try (Stream<Path> list = Files.list(d)) {
                return list.filter(Files::isRegularFile)
                        .map(p -> p.getFileName().toString())
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        byte[] read(String dir, String name) {
            try {
                return Files.readAllBytes((dir.isEmpty() ? root : root.resolve(dir)).resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Walks the module as the {@code ./...} pattern does: directories whose name starts with {@code .}
         * or {@code _}, {@code testdata} and {@code vendor} are skipped, and so are nested modules.
         */
        @Override
        List<String> packageDirs() {
            List<String> dirs = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isDirectory)
                        .filter(d -> d.equals(root) || wanted(root.relativize(d)))
                        .forEach(d -> {
                            String rel = root.relativize(d).toString().replace('\\', '/');
                            if (isGoDir(rel)) {
                                dirs.add(rel);
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return dirs;
        }

        private boolean wanted(Path rel) {
            for (Path e : rel) {
                String name = e.toString();
                if (name.startsWith(".") || name.startsWith("_") || name.equals("testdata") || name.equals("vendor")) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A module in a module zip, whose entries are all under {@code path@version/}. */
    private static final class ZipTree extends Tree {
        private final ZipFile zip;
        private final String prefix;
        private final Map<String, List<String>> byDir = new TreeMap<>();

        ZipTree(Path file, String prefix) throws IOException {
            this.zip = new ZipFile(file.toFile());
            this.prefix = prefix;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.isDirectory() || !entry.getName().startsWith(prefix)) {
                    continue;
                }
                String rel = entry.getName().substring(prefix.length());
                int slash = rel.lastIndexOf('/');
                byDir.computeIfAbsent(slash < 0 ? "" : rel.substring(0, slash), k -> new ArrayList<>())
                        .add(rel.substring(slash + 1));
            }
        }

        @Override
        List<String> files(String dir) {
            return byDir.getOrDefault(dir, List.of());
        }

        @Override
        byte[] read(String dir, String name) {
            ZipEntry entry = zip.getEntry(prefix + (dir.isEmpty() ? "" : dir + "/") + name);
            try (var in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        List<String> packageDirs() {
            return byDir.keySet().stream().filter(this::isGoDir).toList();
        }

        @Override
        public void close() {
            try {
                zip.close();
            } catch (IOException e) {
                // read-only: nothing to lose
            }
        }
    }
}
