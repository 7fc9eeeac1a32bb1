package dev.holdfast.conformance.query;

import dev.holdfast.module.ModulePath;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.module.PseudoVersion;
import dev.holdfast.semver.Semver;
import dev.holdfast.testing.GoToolchain;
import dev.holdfast.testing.Txtar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The go command's own test proxy ({@code $GOROOT/src/cmd/go/testdata/mod/*.txt}) as a scenario,
 * served the way its {@code proxy_test.go} serves it: a version is listed when it is not a
 * pseudo-version and passes {@code module.Check}; {@code @latest} is the highest release, else
 * prerelease, else pseudo-version. Archive names that do not decode to a module path and version are
 * skipped and counted.
 *
 * @param scenario the scenario over all decodable archives
 * @param archives the number of archive files seen
 * @param skipped the names of archives skipped because their name is not path_version
 */
record GoTestdataModules(QueryScenario scenario, int archives, List<String> skipped) {

    /** Reads the archives of the running go toolchain and builds the scenario; {@code random} picks excludes. */
    static GoTestdataModules load(Random random) throws IOException {
        Path dir = GoToolchain.get().goroot().resolve("src/cmd/go/testdata/mod");
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        Map<String, Map<String, ProxyModule.VersionFiles>> byPath = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        for (Path file : files) {
            ModuleVersion mv = moduleOf(file.getFileName().toString());
            if (mv == null) {
                skipped.add(file.getFileName().toString());
                continue;
            }
            byPath.computeIfAbsent(mv.path(), p -> new TreeMap<>(Semver.ORDER))
                    .put(mv.version(), files(Txtar.read(file)));
        }
        List<ProxyModule> modules = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        List<ModuleVersion> excludes = new ArrayList<>();
        List<ModuleVersion> exact = new ArrayList<>();
        for (Map.Entry<String, Map<String, ProxyModule.VersionFiles>> e : byPath.entrySet()) {
            String path = e.getKey();
            List<String> listed = new ArrayList<>();
            for (String v : e.getValue().keySet()) {
                exact.add(new ModuleVersion(path, v));
                if (!PseudoVersion.isPseudoVersion(v) && isValid(path, v)) {
                    listed.add(v);
                }
            }
            // Exclude some versions, but never the highest: its go.mod holds the module's retractions.
            for (String v : listed.subList(0, Math.max(0, listed.size() - 1))) {
                if (random.nextInt(6) == 0) {
                    excludes.add(new ModuleVersion(path, v));
                }
            }
            modules.add(new ProxyModule(
                    path, listed, e.getValue(), latest(e.getValue().keySet())));
            queries.addAll(Queries.forModule(path, new ArrayList<>(e.getValue().keySet()), random));
        }
        String main = "example.com/testdata/main";
        queries.addAll(Queries.extras(main));
        QueryScenario scenario = new QueryScenario(
                "GOROOT testdata",
                modules,
                main,
                Map.of(),
                excludes,
                Map.of(),
                queries,
                new ArrayList<>(byPath.keySet()),
                exact);
        return new GoTestdataModules(scenario, files.size(), skipped);
    }

    /** Returns the module version an archive name stands for (proxy_test.go's readModList), or null. */
    static ModuleVersion moduleOf(String name) {
        name = name.substring(0, name.length() - ".txt".length());
        int i = name.lastIndexOf("_v");
        if (i < 0) {
            return null;
        }
        try {
            String path = ModulePath.unescape(name.substring(0, i).replace('_', '/'));
            return new ModuleVersion(path, ModulePath.unescapeVersion(name.substring(i + 1)));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isValid(String path, String version) {
        try {
            ModuleVersion.check(path, version);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ProxyModule.VersionFiles files(Txtar archive) {
        Txtar.File info = archive.file(".info");
        Txtar.File mod = archive.file(".mod");
        Map<String, byte[]> zip = new LinkedHashMap<>();
        for (Txtar.File f : archive.files()) {
            if (!f.name().equals(".info")
                    && !f.name().equals(".mod")
                    && !f.name().equals(".zip")) {
                zip.put(f.name(), f.bytes());
            }
        }
        return new ProxyModule.VersionFiles(info == null ? null : info.data(), mod == null ? null : mod.bytes(), zip);
    }

    /** The test proxy's {@code @latest}: highest release, else prerelease, else pseudo-version. */
    private static String latest(Iterable<String> versions) {
        String release = null;
        String prerelease = null;
        String pseudo = null;
        for (String v : versions) {
            if (PseudoVersion.isPseudoVersion(v)) {
                pseudo = max(pseudo, v);
            } else if (!Semver.prerelease(v).isEmpty()) {
                prerelease = max(prerelease, v);
            } else {
                release = max(release, v);
            }
        }
        return release != null ? release : prerelease != null ? prerelease : pseudo;
    }

    private static String max(String a, String b) {
        return a == null || Semver.compare(b, a) > 0 ? b : a;
    }
}
