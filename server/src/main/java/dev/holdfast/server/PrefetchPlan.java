package dev.holdfast.server;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modload.GoModSummary;
import dev.holdfast.modload.Pruning;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.store.StoreKey;
import java.util.ArrayList;
import java.util.List;

/**
 * What the go command asks for next, read from a go.mod it was just served: the go.mod files of the
 * module's requirements (module-graph loading reads them next when the module's graph is unpruned, and
 * a main module at go 1.17 or later usually lists the same modules itself), then the module's own
 * {@code .info} and zip ({@code go mod download} and builds ask for them once the graph is loaded).
 */
final class PrefetchPlan {
    private PrefetchPlan() {}

    /** The kinds of file prefetched, in the order the go command needs them. */
    enum Kind {
        MOD,
        INFO,
        ZIP;

        /** Returns the store key of this kind of file of {@code mv}. */
        String key(ModuleVersion mv) {
            return switch (this) {
                case MOD -> StoreKey.mod(mv);
                case INFO -> StoreKey.info(mv);
                case ZIP -> StoreKey.zip(mv);
            };
        }
    }

    /**
     * A file to prefetch.
     *
     * @param kind what file
     * @param mv whose
     * @param order the order it was planned in, for ties between files of one kind
     */
    record Task(Kind kind, ModuleVersion mv, long order) implements Comparable<Task> {
        /** Returns its store key. */
        String key() {
            return kind.key(mv);
        }

        @Override
        public int compareTo(Task o) {
            int byKind = kind.compareTo(o.kind);
            return byKind != 0 ? byKind : Long.compare(order, o.order);
        }
    }

    /**
     * The requirements of a go.mod file that the go command may ask for next.
     *
     * @param requires the required module versions (not the {@code go} and {@code toolchain}
     *     pseudo-modules), in file order
     * @param pruned whether the file is at go 1.17 or later, so that loading the graph does not read its
     *     requirements' go.mod files through it
     */
    record Requirements(List<ModuleVersion> requires, boolean pruned) {
        static final Requirements NONE = new Requirements(List.of(), true);

        /** Copies the list. */
        Requirements {
            requires = List.copyOf(requires);
        }
    }

    /**
     * Returns the requirements of the go.mod {@code goMod} of {@code mv}; none when it cannot be parsed (the
     * go command will report that itself, and nothing is worth fetching ahead for it).
     */
    static Requirements requirements(ModuleVersion mv, byte[] goMod) {
        GoModSummary summary;
        try {
            summary = GoModSummary.of(GoModFile.parseLax(mv + " go.mod", goMod, null));
        } catch (RuntimeException e) {
            return Requirements.NONE;
        }
        List<ModuleVersion> requires = new ArrayList<>();
        for (ModuleVersion r : summary.requires()) {
            if (!r.path().equals("go") && !r.path().equals("toolchain") && StoreKey.isCanonical(r.version())) {
                requires.add(r);
            }
        }
        return new Requirements(requires, summary.pruning() == Pruning.PRUNED);
    }
}
