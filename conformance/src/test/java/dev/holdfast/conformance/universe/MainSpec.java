package dev.holdfast.conformance.universe;

import dev.holdfast.module.ModuleVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The main module of a universe: its go.mod and the directories its directory replacements point to.
 *
 * @param path the main module's path
 * @param goVersion the go line's version, or null for none
 * @param toolchain the toolchain line's name, or null for none
 * @param requires the require lines, in order (a path may repeat)
 * @param excludes the excluded module versions
 * @param replaces the replace directives, in order
 * @param directories the modules written to disk for directory replacements, by the replacement's
 *     directory path as written in go.mod (relative to the main module, like {@code ./local/m03})
 */
public record MainSpec(
        String path,
        String goVersion,
        String toolchain,
        List<Require> requires,
        List<ModuleVersion> excludes,
        List<Replace> replaces,
        Map<String, ModuleSpec> directories) {

    /** Copies the collections; only {@code goVersion} and {@code toolchain} may be null. */
    public MainSpec {
        Objects.requireNonNull(path);
        requires = List.copyOf(requires);
        excludes = List.copyOf(excludes);
        replaces = List.copyOf(replaces);
        directories = Map.copyOf(directories);
    }

    /** One require line; {@code indirect} adds a {@code // indirect} comment. */
    public record Require(ModuleVersion module, boolean indirect) {}

    /**
     * One replace directive: {@code oldPath [oldVersion] => newPath [newVersion]}; an empty old version
     * replaces all versions, an empty new version makes {@code newPath} a directory.
     */
    public record Replace(String oldPath, String oldVersion, String newPath, String newVersion) {
        /** Returns the directive's arguments as go.mod writes them. */
        public String format() {
            String old = oldVersion.isEmpty() ? oldPath : oldPath + " " + oldVersion;
            String target = newVersion.isEmpty() ? newPath : newPath + " " + newVersion;
            return old + " => " + target;
        }

        /** Reports whether the target is a directory. */
        public boolean toDirectory() {
            return newVersion.isEmpty();
        }
    }

    /** Returns a copy with {@code requires} instead. */
    public MainSpec withRequires(List<Require> requires) {
        return new MainSpec(path, goVersion, toolchain, requires, excludes, replaces, directories);
    }

    /** Returns a copy with {@code replaces} and {@code directories} instead. */
    public MainSpec withReplaces(List<Replace> replaces, Map<String, ModuleSpec> directories) {
        return new MainSpec(path, goVersion, toolchain, requires, excludes, replaces, directories);
    }

    /** Returns the go.mod file's text. */
    public String goMod() {
        StringBuilder b = new StringBuilder("module ").append(path).append('\n');
        if (goVersion != null) {
            b.append("\ngo ").append(goVersion).append('\n');
        }
        if (toolchain != null) {
            b.append("\ntoolchain ").append(toolchain).append('\n');
        }
        if (!requires.isEmpty()) {
            b.append("\nrequire (\n");
            for (Require r : requires) {
                b.append('\t')
                        .append(r.module().path())
                        .append(' ')
                        .append(r.module().version());
                b.append(r.indirect() ? " // indirect\n" : "\n");
            }
            b.append(")\n");
        }
        List<String> lines = new ArrayList<>();
        excludes.forEach(x -> lines.add("exclude " + x.path() + " " + x.version()));
        replaces.forEach(r -> lines.add("replace " + r.format()));
        for (String line : lines) {
            b.append('\n').append(line).append('\n');
        }
        return b.toString();
    }
}
