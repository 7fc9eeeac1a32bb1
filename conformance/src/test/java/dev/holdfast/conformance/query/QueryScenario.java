package dev.holdfast.conformance.query;

import dev.holdfast.fetch.ProxySource;
import dev.holdfast.fetch.SourceRepo;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.query.VersionQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A module universe served as a {@code file://} GOPROXY, a main module that requires, excludes and
 * replaces some of it, and the questions to ask about it.
 *
 * @param name a label for failure messages
 * @param modules the proxy's modules
 * @param mainPath the main module's path
 * @param requires the main module's requirements: path to version (the "current" version)
 * @param excludes the main module's exclude directives
 * @param replaces the main module's replace directives (module replacements only)
 * @param queries {@code path@query} arguments for {@code go list -m}
 * @param paths module paths for {@code go list -m -versions}
 * @param exact existing versions for {@code go list -m -u -retracted}
 */
record QueryScenario(
        String name,
        List<ProxyModule> modules,
        String mainPath,
        Map<String, String> requires,
        List<ModuleVersion> excludes,
        Map<ModuleVersion, ModuleVersion> replaces,
        List<String> queries,
        List<String> paths,
        List<ModuleVersion> exact) {

    QueryScenario {
        modules = List.copyOf(modules);
        requires = new TreeMap<>(requires);
        excludes = List.copyOf(excludes);
        replaces = Map.copyOf(replaces);
        queries = List.copyOf(new LinkedHashSet<>(queries));
        paths = List.copyOf(new LinkedHashSet<>(paths));
        exact = List.copyOf(new LinkedHashSet<>(exact));
    }

    /** Returns the main module's go.mod. */
    String goMod() {
        StringBuilder sb = new StringBuilder("module " + mainPath + "\n\ngo 1.21\n");
        for (Map.Entry<String, String> r : requires.entrySet()) {
            sb.append("\nrequire ")
                    .append(r.getKey())
                    .append(' ')
                    .append(r.getValue())
                    .append('\n');
        }
        for (ModuleVersion e : excludes) {
            sb.append("\nexclude ")
                    .append(e.path())
                    .append(' ')
                    .append(e.version())
                    .append('\n');
        }
        replaces.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(ModuleVersion.ORDER))
                .forEach(r -> sb.append("\nreplace ")
                        .append(spaced(r.getKey()))
                        .append(" => ")
                        .append(spaced(r.getValue()))
                        .append('\n'));
        return sb.toString();
    }

    private static String spaced(ModuleVersion m) {
        return m.version().isEmpty() ? m.path() : m.path() + " " + m.version();
    }

    /** Writes the proxy under {@code proxy} and the main module under {@code work}. */
    void write(Path proxy, Path work) throws IOException {
        for (ProxyModule m : modules) {
            m.write(proxy);
        }
        Files.createDirectories(work);
        Files.writeString(work.resolve("go.mod"), goMod());
    }

    /** Returns a query engine reading the proxy at {@code proxyUrl}, set up as the main module says. */
    VersionQuery holdfast(String proxyUrl) {
        return VersionQuery.of(SourceRepo.of(ProxySource.of(proxyUrl, ProxySource.Timeouts.DEFAULT)))
                .withMainModules(Set.of(mainPath))
                .withReplacements(replaces);
    }

    /** Returns the version {@code go list} treats as selected for {@code path}: required, main, or none. */
    String selected(String path) {
        if (path.equals(mainPath)) {
            return "";
        }
        return requires.getOrDefault(path, "none");
    }

    /** Returns the paths that the go get check may ask about: neither main nor replaced. */
    List<String> plainPaths() {
        List<String> out = new ArrayList<>();
        for (ProxyModule m : modules) {
            boolean replaced = replaces.keySet().stream().anyMatch(r -> r.path().equals(m.path()));
            if (!replaced && m.list() != null) {
                out.add(m.path());
            }
        }
        return out;
    }

    /** Reports whether the proxy lacks the go.mod file of {@code m} (a version it does not have counts too). */
    boolean goModMissing(ModuleVersion m) {
        for (ProxyModule p : modules) {
            if (p.path().equals(m.path())) {
                ProxyModule.VersionFiles f = p.versions().get(m.version());
                return f == null || f.mod() == null;
            }
        }
        return true;
    }
}
