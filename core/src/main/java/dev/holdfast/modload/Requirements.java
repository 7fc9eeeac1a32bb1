package dev.holdfast.modload;

import dev.holdfast.module.GoStrings;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.mvs.Mvs;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The roots a module graph is loaded from: the main module's requirements (with {@code go@V} and, when
 * set, {@code toolchain@NAME}), the graph's pruning, and the paths the main module uses directly (cmd/go
 * Requirements). Roots are sorted by path, then version, and may repeat a path.
 *
 * <p>Immutable and thread-safe. {@link #graph} loads the graph once per loader and remembers it.
 */
public final class Requirements {

    /** Sorts module versions by path in Go string order, then by version in the module loader's order (gover.ModSort). */
    static final Comparator<ModuleVersion> ROOT_ORDER = (a, b) -> {
        int c = GoStrings.compare(a.path(), b.path());
        return c != 0 ? c : GoVersion.compareModule(a.path(), a.version(), b.version());
    };

    private final Pruning pruning;
    private final List<ModuleVersion> roots;
    private final Map<String, String> maxRootVersion = new HashMap<>();
    private final Set<String> direct;
    private ModuleLoader graphLoader;
    private ModuleGraph graph;

    /**
     * Creates requirements with the given pruning, roots (sorted here) and direct paths.
     *
     * @throws IllegalArgumentException if a root has version {@code ""} (allowed only for the modules of a
     *     workspace), or none is on {@code go}
     */
    public Requirements(Pruning pruning, List<ModuleVersion> roots, Set<String> direct) {
        this.pruning = pruning;
        List<ModuleVersion> sorted = new ArrayList<>(roots);
        sorted.sort(ROOT_ORDER);
        this.roots = List.copyOf(sorted);
        this.direct = Set.copyOf(direct);
        for (ModuleVersion m : this.roots) {
            if (m.version().isEmpty() && pruning != Pruning.WORKSPACE) {
                throw new IllegalArgumentException("bad requirement: root " + m + " has no version");
            }
            maxRootVersion.merge(m.path(), m.version(), (a, b) -> GoVersion.compareModule(m.path(), a, b) >= 0 ? a : b);
        }
        if (!maxRootVersion.containsKey("go")) {
            throw new IllegalArgumentException("requirements without a \"go\" version");
        }
    }

    /** Returns the pruning the graph is loaded with. */
    public Pruning pruning() {
        return pruning;
    }

    /** Returns the roots, sorted by path, then version. */
    public List<ModuleVersion> roots() {
        return roots;
    }

    /** Returns the paths the main module imports from directly (no {@code // indirect}), and {@code go}. */
    public Set<String> direct() {
        return direct;
    }

    /** Reports whether {@code path} is a direct dependency of the main module. */
    public boolean isDirect(String path) {
        return direct.contains(path);
    }

    /** Returns the highest root version of {@code path}, if it is a root path (cmd/go rootSelected). */
    public Optional<String> rootSelected(String path) {
        return Optional.ofNullable(maxRootVersion.get(path));
    }

    /** Returns the go version these requirements state. */
    public String goVersion() {
        return maxRootVersion.get("go");
    }

    /**
     * Returns the graph of these requirements read by {@code loader} (see {@link ModuleGraph#read}), with
     * nothing extra unpruned; loaded at the first call for a loader and then reused.
     *
     * @throws InterruptedIOException if the thread is interrupted
     */
    public synchronized ModuleGraph graph(ModuleLoader loader) throws InterruptedIOException {
        if (graph == null || graphLoader != loader) {
            graph = ModuleGraph.read(loader, this, Set.of());
            graphLoader = loader;
        }
        return graph;
    }

    /** Reports whether a root path repeats or a root is on the main module's path (cmd/go hasRedundantRoot). */
    public boolean hasRedundantRoot(String mainPath) {
        for (int i = 0; i < roots.size(); i++) {
            if (roots.get(i).path().equals(mainPath)
                    || (i > 0 && roots.get(i).path().equals(roots.get(i - 1).path()))) {
                return true;
            }
        }
        return false;
    }

    /** Reports whether two roots name the same path at different versions. */
    boolean hasPathAtTwoVersions() {
        for (int i = 1; i < roots.size(); i++) {
            ModuleVersion a = roots.get(i - 1);
            ModuleVersion b = roots.get(i);
            if (a.path().equals(b.path()) && !a.version().equals(b.version())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns roots consistent with the graph, as the go command rewrites them when it may write go.mod
     * (cmd/go updateRoots with no packages and nothing added): every root at the selected version of its
     * path, each path once. {@code mg} is the graph of these requirements if already loaded, else null.
     *
     * @throws dev.holdfast.mvs.BuildListError if a graph needed on the way has a failure
     */
    public Requirements updateRoots(ModuleLoader loader, ModuleGraph mg) throws IOException {
        return switch (pruning) {
            case PRUNED -> updatePrunedRoots(loader, mg);
            case UNPRUNED -> updateUnprunedRoots(loader);
            case WORKSPACE -> this; // a workspace's roots are its modules, never rewritten (updateWorkspaceRoots)
        };
    }

    /** The pruned case (cmd/go updatePrunedRoots): raise each root to its selected version until stable. */
    private Requirements updatePrunedRoots(ModuleLoader loader, ModuleGraph mg) throws IOException {
        Requirements rs = this;
        ModuleGraph g = mg;
        String mainPath = loader.main().path();
        while (true) {
            List<ModuleVersion> next = new ArrayList<>();
            Set<String> seen = new HashSet<>(Set.of(mainPath));
            boolean upgraded = false;
            for (ModuleVersion m : rs.roots) {
                if (!seen.add(m.path())) {
                    continue; // a redundant root: its path's selected version is already kept
                }
                String v = g == null ? rs.maxRootVersion.get(m.path()) : g.selected(m.path());
                next.add(new ModuleVersion(m.path(), v));
                upgraded |= !v.equals(m.version());
            }
            if (!upgraded) {
                return next.equals(rs.roots) ? rs : new Requirements(Pruning.PRUNED, next, direct);
            }
            // Raising roots may bring requirements into the graph that pruning had left out.
            rs = new Requirements(Pruning.PRUNED, next, direct);
            g = rs.graph(loader).check();
        }
    }

    /**
     * The unpruned case (cmd/go updateUnprunedRoots): the minimal requirements that keep the build list,
     * keeping roots already at their selected versions and every direct dependency.
     */
    private Requirements updateUnprunedRoots(ModuleLoader loader) throws IOException {
        ModuleGraph mg = graph(loader).check();
        List<String> rootPaths = new ArrayList<>();
        Set<String> inRootPaths = new HashSet<>();
        for (ModuleVersion root : roots) {
            if (!inRootPaths.contains(root.path()) && mg.selected(root.path()).equals(root.version())) {
                rootPaths.add(root.path());
                inRootPaths.add(root.path());
            }
        }
        List<ModuleVersion> buildList = mg.buildList();
        List<ModuleVersion> keep = buildList.subList(1, buildList.size());
        for (ModuleVersion m : keep) {
            if (direct.contains(m.path()) && inRootPaths.add(m.path())) {
                rootPaths.add(m.path());
            }
        }
        ModuleVersion main = loader.main().version();
        List<ModuleVersion> min = Mvs.req(main, rootPaths, loader.reqs(keep));
        return min.equals(roots) ? this : new Requirements(Pruning.UNPRUNED, min, direct);
    }
}
