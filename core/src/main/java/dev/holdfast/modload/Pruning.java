package dev.holdfast.modload;

/**
 * Whether the requirements of a module's dependencies are read when loading its module graph (spec
 * §10.8, "graph pruning" or "lazy loading").
 */
public enum Pruning {
    /**
     * A go ≥ 1.17 module: its go.mod lists every module its packages need, so the requirements of its
     * dependencies are left out of the graph unless they are roots.
     */
    PRUNED,
    /** An older module: its whole transitive requirement graph is read. */
    UNPRUNED,
    /**
     * A workspace's graph: the roots are the workspace's modules, whose own requirements are read with
     * the pruning of each module's go line (cmd/go's {@code workspace} pruning).
     */
    WORKSPACE;

    /** Returns the pruning of a go.mod file whose go line says {@code goVersion} (cmd/go pruningForGoVersion). */
    public static Pruning forGoVersion(String goVersion) {
        return GoVersion.compare(goVersion, GoVersion.PRUNING) < 0 ? UNPRUNED : PRUNED;
    }
}
