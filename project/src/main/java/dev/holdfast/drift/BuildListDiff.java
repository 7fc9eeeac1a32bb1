package dev.holdfast.drift;

import dev.holdfast.fetch.ProcessRun;
import dev.holdfast.modload.GoVersion;
import dev.holdfast.module.GoStrings;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.semver.Semver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Two build lists side by side ({@code holdfast drift --against}): the modules this build has and the
 * other lacks (added), the other's modules this one lacks (removed), and those whose selected version is
 * higher (raised) or lower (lowered) here. The main module and the {@code go} and {@code toolchain}
 * entries are left out. Also reads a go.mod from a git revision, by running {@code git show} (git must be
 * on the PATH of the environment given). Stateless.
 */
final class BuildListDiff {
    private BuildListDiff() {}

    /**
     * Returns the differences of build list {@code current} (main module {@code mainPath}) from build list
     * {@code other}, named {@code otherName} in messages, one finding per module, in module path order.
     */
    static List<Finding> compare(
            String mainPath,
            List<ModuleVersion> current,
            List<ModuleVersion> other,
            String otherName,
            LineIndex lines) {
        Map<String, String> now = versions(mainPath, current);
        Map<String, String> then = versions(mainPath, other);
        TreeSet<String> paths = new TreeSet<>(GoStrings.ORDER);
        paths.addAll(now.keySet());
        paths.addAll(then.keySet());
        List<Finding> out = new ArrayList<>();
        for (String p : paths) {
            String v = now.get(p);
            String w = then.get(p);
            if (w == null) {
                out.add(Finding.of(
                        Finding.Kind.BUILD_LIST_ADDED,
                        p + " " + v + " is in the build list but not in " + otherName + "'s",
                        "if unintended, find what requires it: holdfast why " + p,
                        lines.require(p)));
            } else if (v == null) {
                out.add(Finding.of(
                        Finding.Kind.BUILD_LIST_REMOVED,
                        p + " " + w + " of " + otherName + "'s build list is no longer in the build list",
                        "if unintended, go get " + p + "@" + w,
                        lines.moduleLine()));
            } else if (Semver.compare(v, w) > 0) {
                out.add(Finding.of(
                        Finding.Kind.BUILD_LIST_RAISED,
                        p + " is " + v + ", " + otherName + " has " + w,
                        "if unintended, go get " + p + "@" + w,
                        lines.require(p)));
            } else if (Semver.compare(v, w) < 0) {
                out.add(Finding.of(
                        Finding.Kind.BUILD_LIST_LOWERED,
                        p + " is " + v + ", lower than " + w + " in " + otherName,
                        "if unintended, go get " + p + "@" + w,
                        lines.require(p)));
            }
        }
        return out;
    }

    private static Map<String, String> versions(String mainPath, List<ModuleVersion> buildList) {
        Map<String, String> out = new TreeMap<>(GoStrings.ORDER);
        for (ModuleVersion m : buildList) {
            if (!m.path().equals(mainPath) && !GoVersion.isToolchain(m.path())) {
                out.put(m.path(), m.version());
            }
        }
        return out;
    }

    /**
     * Returns the content of file {@code name} of directory {@code dir} at git revision {@code rev}
     * ({@code git show REV:./NAME} run in {@code dir}), with process environment {@code environment}.
     *
     * @throws IllegalArgumentException when git reports the revision or the file does not exist, with
     *     git's message
     * @throws IOException when git cannot be run
     */
    static byte[] gitShow(Path dir, String rev, String name, Map<String, String> environment) throws IOException {
        if (rev.startsWith("-")) {
            throw new IllegalArgumentException("invalid git revision \"" + rev + "\"");
        }
        ProcessRun run = ProcessRun.of(List.of("git", "show", rev + ":./" + name), dir, environment);
        if (run.status() != 0) {
            throw new IllegalArgumentException("git show " + rev + ":./" + name + ": " + run.err());
        }
        return run.out();
    }
}
