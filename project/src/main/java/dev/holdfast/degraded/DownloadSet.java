package dev.holdfast.degraded;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.MainModules;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.module.GoStrings;
import dev.holdfast.module.ModuleVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The module versions whose zips {@code go mod download} without arguments fetches (cmd/go
 * modcmd/download.go): for a main module at go 1.17 or later, the selected version of every module
 * its go.mod requires (such a go.mod lists every module that provides a package the main module's
 * packages and tests import, golang.org/issue/44435); for an older or go-line-less go.mod with
 * requirements, the whole build list. Each is taken through the main module's replacements; a module
 * replaced by a directory has nothing to download.
 */
public final class DownloadSet {
    private DownloadSet() {}

    /**
     * Returns the versions to download for {@code mains}, whose loaded graph is {@code graph}, in path
     * order, each once: for a workspace, the pattern {@code all} — every module of its build list but its
     * own (modcmd/download.go in workspace mode); for one module, as the class comment says.
     */
    public static List<ModuleVersion> of(MainModules mains, ModuleGraph graph) {
        List<ModuleVersion> selected = new ArrayList<>();
        if (mains instanceof MainModule main && explicit(main)) {
            Set<String> paths = new LinkedHashSet<>();
            for (GoModFile.Require r : main.goMod().requires()) {
                paths.add(r.path());
            }
            for (String path : paths) {
                String v = graph.selected(path);
                if (!v.equals("none")) {
                    selected.add(new ModuleVersion(path, v));
                }
            }
        } else if (!(mains instanceof MainModule main)
                || !main.goMod().requires().isEmpty()) {
            for (ModuleVersion m : graph.buildList()) {
                if (!mains.isMain(m) && !GoVersion.isToolchain(m.path())) {
                    selected.add(m);
                }
            }
        }
        Set<ModuleVersion> out = new LinkedHashSet<>();
        selected.sort((a, b) -> GoStrings.compare(a.path(), b.path()));
        for (ModuleVersion m : selected) {
            ModuleVersion actual = mains.replacement(m).orElse(m);
            if (!actual.version().isEmpty()) {
                out.add(actual);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Returns the paths the main go.mod requires that are not in the graph at all (a requirement only on
     * an excluded version, say): {@code go mod download} reports each as {@code module P: not a known
     * dependency}. Empty when the whole build list is downloaded.
     */
    public static List<String> unknownRequirements(MainModule main, ModuleGraph graph) {
        if (!explicit(main)) {
            return List.of();
        }
        Set<String> unknown = new LinkedHashSet<>();
        for (GoModFile.Require r : main.goMod().requires()) {
            if (graph.selected(r.path()).equals("none")) {
                unknown.add(r.path());
            }
        }
        return List.copyOf(unknown);
    }

    /**
     * Reports whether the main go.mod lists its requirements explicitly (go 1.17 or later). A go.mod
     * without a go line counts as go 1.16, as the go command reads it for builds ({@code go mod
     * download} itself first writes a go line of its own version into such a go.mod; Holdfast never
     * writes go.mod, and the whole build list it then downloads is a superset).
     */
    private static boolean explicit(MainModule main) {
        String go = main.goMod().go().orElse("");
        return !go.isEmpty() && GoVersion.compare(go, GoVersion.PRUNING) >= 0;
    }
}
