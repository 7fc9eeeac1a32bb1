package dev.holdfast.conformance.query;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.module.PseudoVersion;
import dev.holdfast.semver.Semver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded random module universes for the query checks: tagged releases and prereleases, {@code
 * +incompatible} versions with and without go.mod files, pseudo-versions (listed, unlisted and as
 * {@code @latest}), junk lines in {@code @v/list}, missing files, retractions (single versions,
 * intervals, self-retraction of the latest, rationales short, multi-line, long, unprintable or
 * missing) and deprecations; a main module that requires, excludes and sometimes replaces them.
 */
final class RandomModules {
    private static final List<String> V1_POOL = List.of(
            "v0.1.0",
            "v0.2.0-pre",
            "v0.9.0",
            "v1.0.0-rc.1",
            "v1.0.0",
            "v1.0.1",
            "v1.1.0-beta",
            "v1.1.0",
            "v1.2.0",
            "v1.2.1",
            "v1.10.0",
            "v2.0.0+incompatible",
            "v2.1.0+incompatible",
            "v3.0.0-pre+incompatible");
    private static final List<String> V2_POOL =
            List.of("v2.0.0-alpha", "v2.0.0", "v2.0.1", "v2.1.0-rc.1", "v2.1.0", "v2.3.0");
    private static final List<String> RATIONALES = List.of(
            "",
            "broken build",
            "security problem: see the advisory\nsecond line of the rationale",
            "  spaces around  ",
            "r\u00e9sum\u00e9 \u00fcn\u00efcode \u65e5\u672c",
            "bell \u0007 inside",
            "x".repeat(501),
            "y".repeat(499) + "\u00e9");
    private static final long EPOCH_2019 = 1_546_300_800L;

    private final Random random;
    private final String prefix;
    private final Map<String, ProxyModule> modules = new LinkedHashMap<>();
    private final Map<String, Instant> times = new HashMap<>();

    private RandomModules(Random random, String prefix) {
        this.random = random;
        this.prefix = prefix;
    }

    /** Returns universe number {@code n} drawn from {@code random}. */
    static QueryScenario scenario(Random random, int n) {
        return new RandomModules(random, "example.com/r" + n).build("random universe " + n, n % 4 == 3);
    }

    private QueryScenario build(String name, boolean withReplacements) {
        int count = 4 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String path = prefix + "/m" + i + (random.nextInt(4) == 0 ? "/v2" : "");
            modules.put(path, module(path));
        }
        String unknown = prefix + "/gone";
        modules.put(unknown, new ProxyModule(unknown, null, Map.of(), null));
        String main = prefix + "/main";
        Map<String, String> requires = new TreeMap<>();
        List<ModuleVersion> excludes = new ArrayList<>();
        Map<ModuleVersion, ModuleVersion> replaces = new HashMap<>();
        List<String> queries = new ArrayList<>(Queries.extras(main));
        List<ModuleVersion> exact = new ArrayList<>();
        for (ProxyModule m : modules.values()) {
            List<String> usable = usable(m);
            List<String> tagged = new ArrayList<>(m.versions().keySet());
            tagged.removeIf(PseudoVersion::isPseudoVersion);
            for (String v : tagged) {
                if (random.nextInt(6) == 0) {
                    excludes.add(new ModuleVersion(m.path(), v));
                }
            }
            usable.removeIf(v -> excludes.contains(new ModuleVersion(m.path(), v)));
            if (!usable.isEmpty() && random.nextInt(3) != 0) {
                requires.put(m.path(), usable.get(random.nextInt(usable.size())));
            }
            m.versions().keySet().forEach(v -> exact.add(new ModuleVersion(m.path(), v)));
            queries.addAll(
                    Queries.forModule(m.path(), new ArrayList<>(m.versions().keySet()), random));
        }
        if (withReplacements) {
            replace(requires, replaces);
        }
        return new QueryScenario(
                name,
                new ArrayList<>(modules.values()),
                main,
                requires,
                excludes,
                replaces,
                queries,
                new ArrayList<>(modules.keySet()),
                exact);
    }

    /** Adds a replacement of a missing version and a replacement of all versions, for unrequired modules. */
    private void replace(Map<String, String> requires, Map<ModuleVersion, ModuleVersion> replaces) {
        List<ProxyModule> free = new ArrayList<>();
        for (ProxyModule m : modules.values()) {
            if (!requires.containsKey(m.path())
                    && m.list() != null
                    && !usable(m).isEmpty()) {
                free.add(m);
            }
        }
        if (free.size() < 2) {
            return;
        }
        ProxyModule a = free.get(0);
        String high = a.path().endsWith("/v2") ? "v2.9.0" : "v1.9.9";
        replaces.put(
                new ModuleVersion(a.path(), high),
                new ModuleVersion(a.path(), usable(a).getFirst()));
        ProxyModule b = free.get(1);
        replaces.put(
                new ModuleVersion(b.path(), ""),
                new ModuleVersion(a.path(), usable(a).getLast()));
    }

    /** Returns the versions that have both a .info and a .mod file, in semver order. */
    private static List<String> usable(ProxyModule m) {
        List<String> out = new ArrayList<>();
        m.versions().forEach((v, f) -> {
            if (f.info() != null && f.mod() != null) {
                out.add(v);
            }
        });
        out.sort(Semver.ORDER);
        return out;
    }

    private ProxyModule module(String path) {
        boolean v2 = path.endsWith("/v2");
        List<String> pool = new ArrayList<>(v2 ? V2_POOL : V1_POOL);
        Collections.shuffle(pool, random);
        List<String> tagged = new ArrayList<>(pool.subList(0, random.nextInt(Math.min(8, pool.size()) + 1)));
        tagged.sort(Semver.ORDER);
        List<String> pseudo = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            String older = tagged.isEmpty() || random.nextBoolean() ? "" : tagged.get(random.nextInt(tagged.size()));
            String major = v2 ? "v2" : Semver.major(older).isEmpty() ? "v0" : Semver.major(older);
            if (Semver.build(older).equals("+incompatible")) {
                continue;
            }
            pseudo.add(PseudoVersion.pseudoVersion(major, older, randomTime(), hex12()));
        }
        List<String> all = new ArrayList<>(tagged);
        all.addAll(pseudo);
        all.sort(Semver.ORDER);
        Map<String, ProxyModule.VersionFiles> versions = new TreeMap<>(Semver.ORDER);
        for (String v : all) {
            versions.put(v, files(path, v, all));
        }
        String latest = null;
        if (!all.isEmpty() && (tagged.isEmpty() || random.nextBoolean())) {
            latest = tagged.isEmpty() ? pseudo.getLast() : all.get(random.nextInt(all.size()));
        }
        return new ProxyModule(path, listLines(tagged, pseudo), versions, latest);
    }

    private List<String> listLines(List<String> tagged, List<String> pseudo) {
        List<String> lines = new ArrayList<>(tagged);
        if (!pseudo.isEmpty() && random.nextInt(3) == 0) {
            String p = pseudo.get(random.nextInt(pseudo.size()));
            lines.add(p + " " + times.get(p));
        }
        switch (random.nextInt(8)) {
            case 0 -> lines.add("1.0.0");
            case 1 -> lines.add("");
            case 2 -> lines.add("  " + (tagged.isEmpty() ? "v0.0.1" : tagged.getFirst()) + "   extra fields");
            case 3 -> lines.add("v1.3.0-notfound");
            case 4 -> lines.add("not-a-version 2020-01-01T00:00:00Z");
            default -> {}
        }
        Collections.shuffle(lines, random);
        return lines;
    }

    private ProxyModule.VersionFiles files(String path, String v, List<String> all) {
        String time = times.computeIfAbsent(v, k -> PseudoVersion.isPseudoVersion(k) ? timeOf(k) : randomTime())
                .toString();
        String info = random.nextInt(25) == 0 ? null : ProxyModule.info(v, random.nextInt(10) == 0 ? null : time);
        byte[] mod = random.nextInt(25) == 0 ? null : goMod(path, v, all).getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> zip = new LinkedHashMap<>();
        if (mod != null && !new String(mod, StandardCharsets.UTF_8).equals("module " + path + "\n")) {
            zip.put("go.mod", mod);
        }
        zip.put("README", ("module " + path + " at " + v + "\n").getBytes(StandardCharsets.UTF_8));
        return new ProxyModule.VersionFiles(info, mod, zip);
    }

    private String goMod(String path, String v, List<String> all) {
        boolean legacy = v.endsWith("+incompatible") ? random.nextInt(3) != 0 : random.nextInt(6) == 0;
        if (legacy) {
            return "module " + path + "\n";
        }
        StringBuilder sb = new StringBuilder();
        if (random.nextInt(5) == 0) {
            sb.append(deprecation());
        }
        sb.append("module ").append(path).append("\n\ngo 1.16\n");
        int retracts = random.nextInt(4);
        for (int i = 0; i < retracts; i++) {
            sb.append('\n').append(retract(v, all));
        }
        return sb.toString();
    }

    private String deprecation() {
        return switch (random.nextInt(4)) {
            case 0 -> "// Deprecated: use example.com/other instead.\n";
            case 1 -> "// Some words first.\n//\n// Deprecated: gone\n// for good.\n//\n// Trailing paragraph.\n";
            case 2 -> "// Deprecated: " + "z".repeat(520) + "\n";
            default -> "// Deprecated:\n";
        };
    }

    private String retract(String self, List<String> all) {
        String rationale = RATIONALES.get(random.nextInt(RATIONALES.size()));
        String comment = rationale.isEmpty() ? "" : "// " + rationale.replace("\n", "\n// ") + "\n";
        String target;
        int kind = random.nextInt(4);
        if (kind == 0) {
            target = self;
        } else if (kind == 1 && !all.isEmpty()) {
            String a = all.get(random.nextInt(all.size()));
            String b = all.get(random.nextInt(all.size()));
            target = Semver.compare(a, b) <= 0 ? "[" + a + ", " + b + "]" : "[" + b + ", " + a + "]";
        } else if (!all.isEmpty()) {
            target = all.get(random.nextInt(all.size()));
        } else {
            target = "v0.0.1";
        }
        if (!comment.isEmpty() && random.nextBoolean() && !rationale.contains("\n")) {
            return "retract " + target + " // " + rationale + "\n";
        }
        return comment + "retract " + target + "\n";
    }

    private Instant randomTime() {
        return Instant.ofEpochSecond(EPOCH_2019 + random.nextInt(5 * 365 * 24 * 3600));
    }

    private static Instant timeOf(String pseudo) {
        return PseudoVersion.time(pseudo);
    }

    private String hex12() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            sb.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return sb.toString();
    }
}
