package dev.holdfast.modedit;

import dev.holdfast.dirhash.DirHash;
import dev.holdfast.modfile.GoModFile;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.modload.Requirements;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.repo.ModuleRepo;
import dev.holdfast.sum.GoSum;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The main module's go.mod and go.sum as {@code go get} writes them back: go.mod rewritten from the
 * edited requirements only when its meaning changed (modload's UpdateGoModFromReqs, modFileIsDirty and
 * commitRequirements), and go.sum keeping every line it had plus the hashes checked during the run that
 * the new module graph needs (modload's keepSums, modfetch's WriteGoSum and tidyGoSum).
 *
 * <p>Every go.mod read through {@link #recording} and every zip hash given to {@link #checkedZip} is a
 * "checked" hash, as the go command marks a hash used when it verifies a download. Thread-safe for
 * recording; the go.mod methods are for one thread.
 */
final class ProjectFiles {

    /** The meaning of a go.mod file, as the go command indexes it to tell whether it must be rewritten. */
    private record Index(
            String go,
            String toolchain,
            Map<ModuleVersion, Boolean> requires,
            Map<ModuleVersion, ModuleVersion> replaces,
            Set<ModuleVersion> excludes) {
        static Index of(GoModFile f) {
            Map<ModuleVersion, Boolean> requires = new HashMap<>();
            f.requires().forEach(r -> requires.put(r.module(), r.indirect()));
            Map<ModuleVersion, ModuleVersion> replaces = new HashMap<>();
            f.replaces()
                    .forEach(r -> replaces.put(
                            new ModuleVersion(r.oldPath(), r.oldVersion()),
                            new ModuleVersion(r.newPath(), r.newVersion())));
            Set<ModuleVersion> excludes = new HashSet<>();
            f.excludes().forEach(x -> excludes.add(new ModuleVersion(x.path(), x.version())));
            return new Index(f.go().orElse(""), f.toolchain().orElse(""), requires, replaces, excludes);
        }

        /** Reports whether {@code f} says something else than the indexed file (modFileIsDirty). */
        boolean isDirty(GoModFile f) {
            if (!f.go().orElse("").equals(go)
                    || !f.toolchain().orElse("").equals(toolchain)
                    || f.requires().size() != requires.size()
                    || f.replaces().size() != replaces.size()
                    || f.excludes().size() != excludes.size()) {
                return true;
            }
            for (GoModFile.Require r : f.requires()) {
                Boolean indirect = requires.get(r.module());
                if (indirect == null || indirect != r.indirect()) {
                    return true;
                }
            }
            for (GoModFile.Replace r : f.replaces()) {
                ModuleVersion target = replaces.get(new ModuleVersion(r.oldPath(), r.oldVersion()));
                if (!new ModuleVersion(r.newPath(), r.newVersion()).equals(target)) {
                    return true;
                }
            }
            return f.excludes().stream().anyMatch(x -> !excludes.contains(new ModuleVersion(x.path(), x.version())));
        }
    }

    private final byte[] goModBefore;
    private final GoModFile goMod;
    private final Index index;
    private final boolean needsFix;
    private final byte[] goSumBefore;
    private final GoSum goSum;
    private final Map<ModuleVersion, String> checked = new ConcurrentHashMap<>();

    private ProjectFiles(byte[] goModBefore, GoModFile goMod, boolean needsFix, byte[] goSumBefore, GoSum goSum) {
        this.goModBefore = goModBefore.clone();
        this.goMod = goMod;
        this.index = Index.of(goMod);
        this.needsFix = needsFix;
        this.goSumBefore = goSumBefore == null ? null : goSumBefore.clone();
        this.goSum = goSum;
    }

    /**
     * Parses the files: go.mod with {@code fix} (a version it had to canonicalize makes the file dirty),
     * go.sum strictly ({@code null} when there is none).
     *
     * @throws dev.holdfast.modfile.GoModSyntaxException if go.mod does not parse
     * @throws dev.holdfast.sum.MalformedGoSumException if go.sum does not parse
     */
    static ProjectFiles parse(byte[] goMod, byte[] goSum, GoModFile.VersionFixer fix) {
        boolean[] fixed = {false};
        GoModFile.VersionFixer tracking = fix == null
                ? null
                : (path, version) -> {
                    String v = fix.fix(path, version);
                    fixed[0] |= !v.equals(version);
                    return v;
                };
        GoModFile file = GoModFile.parse("go.mod", goMod, tracking);
        GoSum sums = goSum == null ? GoSum.empty() : GoSum.parse("go.sum", goSum);
        return new ProjectFiles(goMod, file, fixed[0], goSum, sums);
    }

    /** Returns the go.mod being edited; the go command adds a missing go line to it before loading. */
    GoModFile goModFile() {
        return goMod;
    }

    /** Returns the go.mod bytes as read. */
    byte[] goModBefore() {
        return goModBefore.clone();
    }

    /** Returns the go.sum bytes as read, or null when there was no go.sum. */
    byte[] goSumBefore() {
        return goSumBefore == null ? null : goSumBefore.clone();
    }

    /** Returns {@code repo} with every go.mod it serves recorded as checked (version {@code /go.mod}). */
    ModuleRepo recording(ModuleRepo repo) {
        return repo.withGoMod(mv -> {
            byte[] data = repo.goMod(mv);
            if (!mv.version().isEmpty()) {
                check(new ModuleVersion(mv.path(), mv.version() + "/go.mod"), DirHash.hashGoMod(data));
            }
            return data;
        });
    }

    /** Records the zip hash of {@code mv} as checked. */
    void checkedZip(ModuleVersion mv, String hash) throws IOException {
        check(mv, hash);
    }

    /** Reports whether go.sum had a zip hash for {@code mv} before the run (modfetch HaveSum). */
    boolean hadZipSum(ModuleVersion mv) {
        return goSum.lookup(mv).stream().anyMatch(h -> h.startsWith("h1:"));
    }

    private void check(ModuleVersion key, String hash) throws IOException {
        for (String h : goSum.lookup(key)) {
            if (!h.equals(hash) && h.startsWith("h1:") && !goSum.lookup(key).contains(hash)) {
                throw new IOException("verifying " + key.path() + "@" + key.version() + ": checksum mismatch\n\t"
                        + "downloaded: " + hash + "\n\tgo.sum:     " + h + "\n\nSECURITY ERROR\n"
                        + "This download does NOT match an earlier download recorded in go.sum.");
            }
        }
        checked.put(key, hash);
    }

    /**
     * Applies {@code rs} to go.mod and returns the bytes go get leaves: the rewritten file when its meaning
     * changed (or versions had to be canonicalized), else the file as read.
     *
     * @throws IllegalArgumentException if the requirements raise the go version above the one {@code
     *     localGo} gives
     */
    byte[] goModAfter(Requirements rs, Supplier<String> localGo) {
        String goVersion = rs.goVersion();
        if (GoVersion.compare(goVersion, goMod.go().orElse(index.go())) > 0) {
            String local = localGo.get();
            if (!local.isEmpty() && GoVersion.compare(goVersion, local) > 0) {
                throw new IllegalArgumentException("updating go.mod requires go >= " + goVersion + " (running go "
                        + local + "; GOTOOLCHAIN=local)");
            }
        }
        List<GoModFile.Require> list = new ArrayList<>();
        String toolchain = "";
        for (ModuleVersion m : rs.roots()) {
            switch (m.path()) {
                case "go" -> {}
                case "toolchain" -> toolchain = m.version();
                default -> list.add(new GoModFile.Require(m.path(), m.version(), !rs.isDirect(m.path())));
            }
        }
        if (goMod.go().isEmpty() || !goMod.go().get().equals(goVersion)) {
            goMod.addGoStmt(goVersion); // go get always updates the go line
        }
        if (toolchain.isEmpty()) {
            toolchain = "go" + goVersion;
        }
        if (toolchain.equals("go" + goVersion)
                || GoVersion.compare(GoVersion.fromToolchain(toolchain), GoVersion.STRICT) < 0) {
            goMod.dropToolchainStmt(); // implied by the go line, or too old to mean anything
        } else {
            goMod.addToolchainStmt(toolchain);
        }
        if (GoVersion.compare(goVersion, GoVersion.PRUNING) < 0) {
            goMod.setRequire(list);
        } else {
            goMod.setRequireSeparateIndirect(list);
        }
        goMod.cleanup();
        return needsFix || index.isDirty(goMod) ? goMod.format() : goModBefore.clone();
    }

    /**
     * Returns the go.sum go get leaves: unchanged (null if there was none) unless a hash checked during
     * the run is new and {@code keep} needs it; then every old line plus the new needed ones, sorted.
     */
    byte[] goSumAfter(Set<ModuleVersion> keep) {
        Map<ModuleVersion, String> added = new TreeMap<>(ModuleVersion.ORDER.thenComparing(ModuleVersion::version));
        checked.forEach((key, hash) -> {
            if (keep.contains(key) && !goSum.lookup(key).contains(hash)) {
                added.put(key, hash);
            }
        });
        if (added.isEmpty()) {
            return goSumBefore();
        }
        GoSum sums = goSum;
        for (Map.Entry<ModuleVersion, String> e : added.entrySet()) {
            sums = sums.add(e.getKey(), e.getValue());
        }
        return sums.format();
    }

    /** Reports whether {@code after} differs from {@code before} (both may be null: no file). */
    static boolean changed(byte[] before, byte[] after) {
        return !Arrays.equals(before, after);
    }
}
