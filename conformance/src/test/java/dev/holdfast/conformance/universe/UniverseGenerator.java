package dev.holdfast.conformance.universe;

import dev.holdfast.modload.GoVersion;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.semver.Semver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Makes random module universes from a seed: tens of modules {@code example.com/mNN} (some at major
 * version 2, {@code example.com/mNN/v2}), several versions each, go.mod files with and without go lines
 * (go 1.16 rules, pruned 1.17+ and 1.21+ files with their implicit go requirement), requirement cycles,
 * retractions, a rare unlisted pseudo-version, and a main module with excludes and replacements (by
 * another module's version, or by a directory written next to it). The same seed and settings always
 * give the same universe.
 */
public final class UniverseGenerator {

    /** The main module's path. */
    public static final String MAIN = "example.com/main";

    private static final String[] DEP_GO = {
        null, null, "1.16", "1.17", "1.18", "1.20", "1.21", "1.21.0", "1.22.3", "1.23.0"
    };
    private static final String[] MAIN_GO = {null, "1.16", "1.17", "1.19", "1.21", "1.22", "1.23"};
    private static final String[] MINOR_PATCH = {".0.0", ".0.1", ".1.0", ".2.0-pre.1", ".2.0", ".3.0", ".10.0"};

    /**
     * The knobs of a universe.
     *
     * @param minModules fewest module paths
     * @param maxModules most module paths
     * @param maxVersions most versions per path (at least 2)
     * @param maxRequires most requirements per module version
     * @param maxRootRequires most requirements of the main module (at least 1)
     * @param maxExcludes most exclude directives
     * @param maxReplaces most replace directives
     */
    public record Settings(
            int minModules,
            int maxModules,
            int maxVersions,
            int maxRequires,
            int maxRootRequires,
            int maxExcludes,
            int maxReplaces) {
        /** Returns the settings the conformance tests use: 10 to 30 paths, up to 5 versions each. */
        public static Settings defaults() {
            return new Settings(10, 30, 5, 4, 6, 2, 3);
        }
    }

    private final Random random;
    private final Settings settings;

    private UniverseGenerator(long seed, Settings settings) {
        this.random = new Random(seed);
        this.settings = settings;
    }

    /** Returns the universe of {@code seed} with {@link Settings#defaults()}. */
    public static Universe generate(long seed) {
        return generate(seed, Settings.defaults());
    }

    /** Returns the universe of {@code seed} with {@code settings}. */
    public static Universe generate(long seed, Settings settings) {
        return new UniverseGenerator(seed, settings).universe(seed);
    }

    private Universe universe(long seed) {
        int n = settings.minModules() + random.nextInt(settings.maxModules() - settings.minModules() + 1);
        Map<String, List<String>> versions = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            boolean v2 = random.nextInt(5) == 0;
            String path = String.format("example.com/m%02d", i) + (v2 ? "/v2" : "");
            versions.put(path, versionsFor(v2 ? "v2" : random.nextInt(4) == 0 ? "v0" : "v1"));
        }
        List<ModuleVersion> all = new ArrayList<>();
        versions.forEach((path, vs) -> vs.forEach(v -> all.add(new ModuleVersion(path, v))));
        List<ModuleSpec> modules = new ArrayList<>();
        for (ModuleVersion m : all) {
            List<String> vs = versions.get(m.path());
            boolean latest = vs.getLast().equals(m.version());
            modules.add(new ModuleSpec(
                    m.path(),
                    m.version(),
                    m.path(),
                    pick(DEP_GO),
                    requirements(all, m.path(), settings.maxRequires()),
                    latest ? retractions(vs) : List.of(),
                    !m.version().contains("-2024")));
        }
        MainSpec main = main(all);
        return new Universe(seed, main, modules, Set.of());
    }

    /** Returns 2 to maxVersions sorted versions of major {@code major}, and rarely an unlisted pseudo-version. */
    private List<String> versionsFor(String major) {
        Set<String> chosen = new HashSet<>();
        int k = 2 + random.nextInt(settings.maxVersions() - 1);
        while (chosen.size() < k) {
            chosen.add(major + MINOR_PATCH[random.nextInt(MINOR_PATCH.length)]);
        }
        if (random.nextInt(10) == 0) {
            chosen.add(major + ".0.0-20240102030405-abcdefabcdef"); // not in @v/list, like a real pseudo-version
        }
        return Semver.sort(chosen);
    }

    /** Returns up to {@code max} requirements on versions of paths other than {@code self}, one per path. */
    private List<ModuleVersion> requirements(List<ModuleVersion> all, String self, int max) {
        Map<String, ModuleVersion> byPath = new LinkedHashMap<>();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            ModuleVersion r = all.get(random.nextInt(all.size()));
            if (!r.path().equals(self)) {
                byPath.putIfAbsent(r.path(), r);
            }
        }
        return List.copyOf(byPath.values());
    }

    /** Returns the retract directives of a path's latest version: sometimes one version, a range or itself. */
    private List<String> retractions(List<String> vs) {
        return switch (random.nextInt(6)) {
            case 0 -> List.of(vs.get(random.nextInt(vs.size() - 1)));
            case 1 -> List.of("[" + vs.getFirst() + ", " + vs.get(vs.size() - 2) + "]");
            case 2 -> List.of(vs.getLast());
            default -> List.of();
        };
    }

    private MainSpec main(List<ModuleVersion> all) {
        String go = pick(MAIN_GO);
        String toolchain = go != null && GoVersion.compare(go, GoVersion.STRICT) >= 0 && random.nextInt(4) == 0
                ? "go1.23.4"
                : null;
        List<MainSpec.Require> requires = new ArrayList<>();
        for (ModuleVersion r : requirements(all, MAIN, Math.max(1, settings.maxRootRequires()))) {
            requires.add(new MainSpec.Require(r, random.nextInt(3) == 0));
        }
        if (requires.isEmpty()) {
            requires.add(new MainSpec.Require(all.get(random.nextInt(all.size())), false));
        }
        if (random.nextInt(20) == 0) { // a redundant second requirement on a path, which go rewrites
            ModuleVersion first = requires.getFirst().module();
            all.stream()
                    .filter(m -> m.path().equals(first.path()) && !m.equals(first))
                    .findFirst()
                    .ifPresent(m -> requires.add(new MainSpec.Require(m, true)));
        }
        List<ModuleVersion> excludes = new ArrayList<>();
        int nx = random.nextInt(settings.maxExcludes() + 1);
        for (int i = 0; i < nx; i++) {
            ModuleVersion x = all.get(random.nextInt(all.size()));
            if (!excludes.contains(x)) {
                excludes.add(x);
            }
        }
        Map<String, ModuleSpec> directories = new HashMap<>();
        List<MainSpec.Replace> replaces = replacements(all, directories);
        return new MainSpec(MAIN, go, toolchain, requires, excludes, replaces, directories);
    }

    /** Returns replacements by other modules' versions and by directories (whose modules go into {@code dirs}). */
    private List<MainSpec.Replace> replacements(List<ModuleVersion> all, Map<String, ModuleSpec> dirs) {
        List<MainSpec.Replace> replaces = new ArrayList<>();
        Set<String> oldKeys = new HashSet<>();
        int n = random.nextInt(settings.maxReplaces() + 1);
        for (int i = 0; i < n; i++) {
            ModuleVersion old = all.get(random.nextInt(all.size()));
            String oldVersion = random.nextBoolean() ? old.version() : "";
            if (!oldKeys.add(old.path() + "@" + oldVersion)) {
                continue; // one replacement per old module version, or the go command refuses the go.mod
            }
            if (random.nextInt(3) == 0) {
                String dir = "./local/" + old.path().replace('/', '_') + (oldVersion.isEmpty() ? "" : "_" + i);
                dirs.put(
                        dir,
                        new ModuleSpec(
                                old.path(),
                                "",
                                old.path(),
                                pick(DEP_GO),
                                requirements(all, old.path(), settings.maxRequires()),
                                List.of(),
                                false));
                replaces.add(new MainSpec.Replace(old.path(), oldVersion, dir, ""));
            } else {
                ModuleVersion target = all.get(random.nextInt(all.size()));
                if (target.path().equals(old.path())) {
                    continue;
                }
                replaces.add(new MainSpec.Replace(old.path(), oldVersion, target.path(), target.version()));
            }
        }
        return replaces;
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
