package dev.holdfast.modload;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Describes a loaded module graph in the go command's words: the build list as {@code go list -m all}
 * prints it, the requirement edges as {@code go mod graph} prints them, and why a module is in the
 * build at all. Stateless.
 */
public final class ModuleListing {

    private ModuleListing() {}

    /**
     * One module of the build list, with the fields {@code go list -m -json} reports for it.
     *
     * @param path the module path
     * @param version the selected version, {@code ""} for the main module
     * @param replace what replaces it, if anything (a directory when its version is {@code ""})
     * @param main whether it is the main module
     * @param indirect whether the main module does not use it directly
     */
    public record Listed(String path, String version, Optional<ModuleVersion> replace, boolean main, boolean indirect) {
        /** Returns the line {@code go list -m all} prints: {@code path version}, with {@code => replacement}. */
        public String format() {
            StringBuilder b = new StringBuilder(path);
            if (!version.isEmpty()) {
                b.append(' ').append(version);
            }
            replace.ifPresent(r -> {
                b.append(" => ").append(r.path());
                if (!r.version().isEmpty()) {
                    b.append(' ').append(r.version());
                }
            });
            return b.toString();
        }
    }

    /**
     * Returns the build list of {@code mg} as {@code go list -m all} lists it: the main module (a
     * workspace's modules in path order), then every other selected module in path order, without the
     * {@code go} and {@code toolchain} pseudo-modules.
     */
    public static List<Listed> list(ModuleGraph mg, MainModules main) {
        List<Listed> listed = new ArrayList<>();
        for (ModuleVersion m : mg.buildList()) {
            if (GoVersion.isToolchain(m.path())) {
                continue;
            }
            boolean isMain = main.isMain(m);
            listed.add(new Listed(
                    m.path(),
                    m.version(),
                    isMain ? Optional.empty() : main.replacement(m),
                    isMain,
                    !isMain && !mg.requirements().isDirect(m.path())));
        }
        return listed;
    }

    /**
     * Returns the GoVersion {@code go list -m -json} shows for {@code listed} (and for its Replace): the
     * main module's go line; a replaced module's from its replacement's go.mod, unless its own go.mod was
     * read (as another module's replacement) and has a go line; otherwise the go line of a go.mod that graph loading
     * read, or, for one it did not, of the go.mod read now when {@code mayRead} allows it (the go command
     * reads it only when go.sum vouches for it or {@code -mod=mod} lets go.sum grow), else {@code ""}.
     */
    public static String goVersion(Listed listed, ModuleLoader loader, Predicate<ModuleVersion> mayRead)
            throws IOException {
        ModuleVersion m = new ModuleVersion(listed.path(), listed.version());
        if (listed.main()) {
            return loader.workspace().isPresent()
                    ? loader.rawSummary(m).goVersion()
                    : loader.main().goMod().go().orElse("");
        }
        ModuleVersion actual = loader.resolve(m);
        if (!actual.equals(m)) {
            // The go command reports the go line of m's own go.mod when it happened to read it (as another
            // module's replacement, say), else its replacement's (modload.moduleInfo reads rawGoVersion[m]).
            Optional<GoModSummary> own = loader.loadedSummary(m);
            if (own.isPresent() && !own.get().goVersion().isEmpty()) {
                return own.get().goVersion();
            }
            return loader.rawSummary(actual).goVersion();
        }
        Optional<GoModSummary> loaded = loader.loadedSummary(m);
        if (loaded.isPresent()) {
            return loaded.get().goVersion();
        }
        return mayRead.test(m) ? loader.rawSummary(m).goVersion() : "";
    }

    /**
     * Returns the lines {@code go mod graph} prints for {@code mg}: for each module version breadth-first
     * from the main module, one {@code from to} line per requirement, in the order of its go.mod (the main
     * module's roots sorted); versions written {@code path@version}, the main module as its path.
     */
    public static List<String> graph(ModuleGraph mg) {
        List<String> lines = new ArrayList<>();
        mg.walkBreadthFirst(m -> {
            for (ModuleVersion r : mg.requiredBy(m).orElse(List.of())) {
                lines.add(m + " " + r);
            }
        });
        return lines;
    }

    /**
     * Why module {@code path} is in the build: the selected version and a shortest requirement chain
     * that reaches it from the main module.
     *
     * @param path the module path asked about
     * @param version its selected version, {@code ""} for the main module, {@code "none"} if not needed
     * @param chain the main module (in a workspace, one of its modules), then each module version required
     *     by the one before, ending at the selected version of {@code path}; empty when not needed
     * @param requiredBy every module version in the graph that requires the selected version
     */
    public record Why(String path, String version, List<ModuleVersion> chain, List<ModuleVersion> requiredBy) {
        /** Copies the lists. */
        public Why {
            chain = List.copyOf(chain);
            requiredBy = List.copyOf(requiredBy);
        }

        /** Reports whether the main module needs the module at all. */
        public boolean needed() {
            return !chain.isEmpty();
        }

        /**
         * Returns the explanation in the shape of {@code go mod why -m}: {@code # path}, then one line per
         * step of the chain ({@code path@version}), or {@code (main module does not need module path)}.
         */
        public String format() {
            StringBuilder b = new StringBuilder("# ").append(path).append('\n');
            if (!needed()) {
                return b.append("(main module does not need module ")
                        .append(path)
                        .append(")\n")
                        .toString();
            }
            chain.forEach(m -> b.append(m).append('\n'));
            return b.toString();
        }
    }

    /** Returns why module {@code path} is in the build list of {@code mg}. */
    public static Why why(ModuleGraph mg, String path) {
        ModuleVersion asMain = new ModuleVersion(path, "");
        if (mg.mainModules().isMain(asMain)) {
            return new Why(path, "", List.of(asMain), List.of());
        }
        String selected = mg.selected(path);
        if (selected.equals("none")) {
            return new Why(path, selected, List.of(), List.of());
        }
        ModuleVersion target = new ModuleVersion(path, selected);
        return new Why(path, selected, mg.findPath(target::equals), mg.requirers(target));
    }
}
