package dev.holdfast.drift;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.modload.ModuleLoader;
import dev.holdfast.modload.Pruning;
import dev.holdfast.modload.Requirements;
import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.CachePaths;
import dev.holdfast.sumdb.SumCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The go.sum checks: which lines {@code go mod tidy} would add or drop, and which recorded hashes differ
 * from the module cache or the checksum database.
 *
 * <p>The lines tidy keeps are cmd/go's {@code keepSums} for the loaded packages: the go.mod hash of every
 * module in the module graph whose requirements were read; for every loaded package the zip hash of each
 * build-list module whose path is a prefix of the package path (in a pruned graph, only root modules for
 * packages found in a root); from go 1.21 on the go.mod hash of each package's module; and for a go 1.17
 * main module also the go.mod hashes the unpruned graph of go 1.16 needs (tidy's {@code -compat}). All
 * after replacement. This is computed for the requirements go.mod states; when tidy would also change
 * go.mod (see the go.mod findings), its go.sum follows the changed requirements. Stateless.
 */
final class SumChecks {
    private SumChecks() {}

    /**
     * Returns the go.sum keys (version with {@code /go.mod} for a go.mod hash) tidy keeps for {@code
     * main} with graph {@code graph} and loaded packages {@code pkgs}, reading the go 1.16 graph with
     * {@code loader} when tidy's default {@code -compat} needs it.
     */
    static Set<ModuleVersion> keep(MainModule main, ModuleGraph graph, ModuleLoader loader, Packages pkgs)
            throws IOException {
        Set<ModuleVersion> keep = new HashSet<>();
        String go = graph.requirements().goVersion();
        boolean pkgGoModSums = GoVersion.compare(go, "1.21") >= 0;
        addKeep(keep, main, graph, pkgs, pkgGoModSums);
        if (graph.requirements().pruning() == Pruning.PRUNED && minor(go) == 17) {
            // tidy's default -compat is the previous Go release; for go 1.17 that is 1.16, whose graph is
            // unpruned, so tidy keeps what that graph needs as well.
            Requirements rs = graph.requirements();
            Requirements compat = new Requirements(Pruning.UNPRUNED, rs.roots(), rs.direct());
            addKeep(keep, main, compat.graph(loader), pkgs, pkgGoModSums);
        }
        return keep;
    }

    private static void addKeep(
            Set<ModuleVersion> keep, MainModule main, ModuleGraph graph, Packages pkgs, boolean pkgGoModSums) {
        boolean pruned = graph.requirements().pruning() == Pruning.PRUNED;
        for (Packages.Pkg pkg : pkgs.all()) {
            if (pkg.standard() || !validImportPath(pkg.path)) {
                continue;
            }
            if (pkgGoModSums && pkg.module != null) {
                keep.add(goModKey(resolve(main, pkg.module)));
            }
            if (pruned
                    && pkg.module != null
                    && rootSelected(main, graph, pkg.module.path())
                            .filter(v -> v.equals(pkg.module.version()))
                            .isPresent()) {
                for (String prefix = pkg.path; !prefix.equals("."); prefix = Packages.parent(prefix)) {
                    String p = prefix;
                    rootSelected(main, graph, prefix)
                            .filter(v -> !v.equals("none"))
                            .ifPresent(v -> keep.add(resolve(main, new ModuleVersion(p, v))));
                }
                continue;
            }
            for (String prefix = pkg.path; !prefix.equals("."); prefix = Packages.parent(prefix)) {
                String v = prefix.equals(main.path()) ? "" : graph.selected(prefix);
                if (!v.equals("none")) {
                    keep.add(resolve(main, new ModuleVersion(prefix, v)));
                }
            }
        }
        graph.walkBreadthFirst(m -> {
            if (graph.requiredBy(m).isPresent()) {
                keep.add(goModKey(resolve(main, m)));
            }
        });
    }

    /**
     * Returns the findings for go.sum lines tidy would add (keys in {@code keep} without a line) and drop
     * (lines whose key is not in {@code keep}); a missing line's hash is given when the module cache
     * {@code modCache} has the content.
     */
    static List<Finding> tidy(MainModule main, Set<ModuleVersion> keep, LineIndex lines, Path modCache) {
        List<Finding> out = new ArrayList<>();
        Set<ModuleVersion> present = new HashSet<>();
        for (LineIndex.SumLine s : lines.sumLines()) {
            present.add(s.key());
            if (!keep.contains(s.key())) {
                out.add(Finding.of(
                        Finding.Kind.GO_SUM_EXTRA,
                        "go.sum line " + s.path() + " " + s.version() + " is not needed by the build",
                        "go mod tidy (drops the line)",
                        new Finding.Location(LineIndex.GO_SUM, s.line())));
            }
        }
        Set<ModuleVersion> missing = new TreeSet<>(LineIndex.SUM_ORDER);
        for (ModuleVersion k : keep) {
            String base = k.version().endsWith("/go.mod")
                    ? k.version().substring(0, k.version().length() - 7)
                    : k.version();
            if (!present.contains(k)
                    && !base.isEmpty()
                    && !k.path().equals(main.path())
                    && !GoVersion.isToolchain(k.path())) {
                missing.add(k);
            }
        }
        for (ModuleVersion k : missing) {
            boolean goMod = k.version().endsWith("/go.mod");
            String what = goMod ? "the go.mod hash" : "the module zip hash";
            String line = cachedHash(modCache, k)
                    .map(h -> ": " + k.path() + " " + k.version() + " " + h)
                    .orElse("");
            out.add(Finding.of(
                    Finding.Kind.GO_SUM_MISSING,
                    "go.sum lacks " + what + " of " + k.path() + " "
                            + (goMod ? k.version().substring(0, k.version().length() - 7) : k.version()) + line,
                    "go mod tidy (or go mod download " + k.path() + "@"
                            + (goMod ? k.version().substring(0, k.version().length() - 7) : k.version()) + ")",
                    lines.sumInsertion(k)));
        }
        return out;
    }

    /** Maps what {@link SumCheck} found to findings pointing at go.sum lines. */
    static List<Finding> hashes(SumCheck.Result result, LineIndex lines) {
        List<Finding> out = new ArrayList<>();
        for (SumCheck.Finding f : result.findings()) {
            ModuleVersion key = new ModuleVersion(f.path(), f.version());
            Finding.Location where = f.path().isEmpty() ? lines.moduleLine() : lines.sum(key);
            Finding.Kind kind =
                    switch (f.kind()) {
                        case GO_SUM_DIFFERS_FROM_CACHE -> Finding.Kind.GO_SUM_CACHE_MISMATCH;
                        case GO_SUM_DIFFERS_FROM_DATABASE, MISSING_FROM_DATABASE -> Finding.Kind.GO_SUM_SUMDB_MISMATCH;
                        case DATABASE_MISBEHAVIOR -> Finding.Kind.SUMDB_MISBEHAVIOR;
                        case ZIP_MODIFIED, DIR_MODIFIED, MISSING_ZIPHASH, UNREADABLE ->
                            Finding.Kind.MODULE_CACHE_MODIFIED;
                    };
            String fix =
                    switch (kind) {
                        case GO_SUM_CACHE_MISMATCH ->
                            "find out which is wrong: go clean -modcache && go mod download " + f.path() + "@"
                                    + f.version().replace("/go.mod", "") + " (then go mod verify)";
                        case GO_SUM_SUMDB_MISMATCH ->
                            "do not build: compare with another copy of the module; restore go.sum"
                                    + " from a trusted revision";
                        case SUMDB_MISBEHAVIOR ->
                            "do not trust new hashes: report the checksum database; keep the verified"
                                    + " tree in $GOPATH/pkg/sumdb for evidence";
                        default -> "go clean -modcache && go mod download (then go mod verify)";
                    };
            out.add(Finding.of(kind, f.message(), fix, where));
        }
        return out;
    }

    /**
     * Returns the finding that checksum database {@code database} could not be reached ({@code why} says
     * how), at the module line: go.sum went unchecked against it.
     */
    static Finding unreachable(String database, String why, LineIndex lines) {
        return Finding.of(
                Finding.Kind.SUMDB_UNREACHABLE,
                "checksum database " + database + " could not be reached, so go.sum was not checked against it: " + why,
                "run holdfast drift again where " + database + " is reachable; GONOSUMDB for private modules;"
                        + " --offline where it never is",
                lines.moduleLine());
    }

    /** Returns the hash the module cache has for go.sum key {@code k}, if it has the content. */
    private static Optional<String> cachedHash(Path modCache, ModuleVersion k) {
        boolean goMod = k.version().endsWith("/go.mod");
        String v = goMod ? k.version().substring(0, k.version().length() - 7) : k.version();
        Path dir = CachePaths.versionsDir(modCache, k.path());
        try {
            if (goMod) {
                return Optional.of(
                        DirHash.hashGoMod(Files.readAllBytes(dir.resolve(ModulePath.escapeVersion(v) + ".mod"))));
            }
            return Optional.of(
                    Files.readString(dir.resolve(ModulePath.escapeVersion(v) + ".ziphash"), StandardCharsets.UTF_8)
                            .strip());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Returns N of a go version 1.N[...], or -1 (gover's language version). */
    private static int minor(String go) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("1\\.(\\d+).*").matcher(go);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static Optional<String> rootSelected(MainModule main, ModuleGraph graph, String path) {
        return path.equals(main.path()) ? Optional.of("") : graph.requirements().rootSelected(path);
    }

    private static ModuleVersion resolve(MainModule main, ModuleVersion m) {
        if (m.path().equals(main.path()) && m.version().isEmpty()) {
            return m;
        }
        return main.replacement(m).orElse(m);
    }

    private static ModuleVersion goModKey(ModuleVersion m) {
        return new ModuleVersion(m.path(), m.version() + "/go.mod");
    }

    private static boolean validImportPath(String path) {
        try {
            ModulePath.checkImportPath(path);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
