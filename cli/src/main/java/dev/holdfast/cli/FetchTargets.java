package dev.holdfast.cli;

import dev.holdfast.modload.GoVersion;
import dev.holdfast.module.GoStrings;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.module.PathPattern;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the arguments of {@code holdfast fetch} name, as {@code go mod download} reads its arguments
 * (modcmd's runDownload and modload's listModules): {@code path@query} as it is; in a module, a bare
 * module path is the version its build list selects, and {@code all} or a {@code ...} pattern every
 * module of the build list it matches; the main module is skipped with a word on standard error, and a
 * replaced module is fetched as its replacement (not at all when that is a directory); a module that an
 * earlier pattern matched is not fetched again for a later one.
 */
final class FetchTargets {
    private static final String NO_MODULE =
            "go.mod file not found in current directory or any parent directory; see 'go help modules'";

    /** One module to fetch ({@code path@query}), or an argument that names none, with why. */
    record Target(String path, String query, String failure) {
        static Target of(String path, String query) {
            return new Target(path, query, null);
        }

        static Target failed(String path, String why) {
            return new Target(path, "", why);
        }
    }

    /** The project's module graph, read when an argument needs it. */
    interface Graph {
        /** Returns the graph, or null outside a module. */
        ProjectGraph get() throws IOException;
    }

    private FetchTargets() {}

    /** Returns what {@code args} name, in order, each module version once per argument. */
    static List<Target> expand(List<String> args, Graph graph, PrintWriter err) throws IOException {
        List<Target> out = new ArrayList<>();
        Set<ModuleVersion> matched = new HashSet<>(); // by any pattern so far: each is fetched once (matchedModule)
        for (String arg : args) {
            int at = arg.indexOf('@');
            if (at >= 0) {
                out.add(Target.of(arg.substring(0, at), arg.substring(at + 1)));
                continue;
            }
            boolean pattern = arg.equals("all") || arg.contains("...");
            ProjectGraph g = graph.get();
            if (g == null) {
                String without = pattern ? "" : " without -versions or an explicit version";
                out.add(Target.failed(arg, "cannot match " + GoStrings.quote(arg) + without + ": " + NO_MODULE));
                continue;
            }
            if (g.mains().versions().stream().anyMatch(m -> m.path().equals(arg))) {
                err.println("holdfast: skipping download of " + arg + " that resolves to the main module");
                continue;
            }
            if (!pattern) {
                String selected = g.graph().selected(arg);
                if (selected.equals("none")) {
                    out.add(Target.failed(arg, "module " + arg + ": not a known dependency"));
                } else {
                    add(out, g, new ModuleVersion(arg, selected));
                }
                continue;
            }
            Predicate<String> match = arg.equals("all") ? p -> true : PathPattern.matcher(arg);
            Set<ModuleVersion> matches = new LinkedHashSet<>();
            for (ModuleVersion m : g.graph().buildList()) {
                if (match.test(m.path()) && !GoVersion.isToolchain(m.path())) {
                    matches.add(m);
                }
            }
            if (matches.isEmpty()) {
                err.println("holdfast: warning: pattern " + GoStrings.quote(arg) + " matched no module dependencies");
            }
            for (ModuleVersion m : matches) {
                if (matched.add(m) && !g.mains().isMain(m)) {
                    add(out, g, m);
                }
            }
        }
        return out;
    }

    /** Adds {@code m}, or the module version that replaces it; nothing for a directory replacement. */
    private static void add(List<Target> out, ProjectGraph g, ModuleVersion m) {
        ModuleVersion actual = g.mains().replacement(m).orElse(m);
        if (!actual.version().isEmpty()) {
            out.add(Target.of(actual.path(), actual.version()));
        }
    }
}
