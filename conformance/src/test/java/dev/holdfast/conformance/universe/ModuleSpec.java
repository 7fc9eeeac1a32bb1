package dev.holdfast.conformance.universe;

import dev.holdfast.module.ModuleVersion;
import java.util.List;
import java.util.Objects;

/**
 * One module version of a universe, as its go.mod file states it.
 *
 * @param path the module path, such as {@code example.com/m07/v2}
 * @param version its canonical version
 * @param declaredPath the path its module line declares (normally {@code path}; another one makes the
 *     go command refuse it)
 * @param goVersion the go line's version, or null for a go.mod without one (go 1.16 rules)
 * @param requires its requirements, in go.mod order
 * @param retracts the arguments of its retract directives, such as {@code v1.0.1} or {@code [v1.0.0, v1.1.0]}
 * @param listed whether the proxy's {@code @v/list} names it
 */
public record ModuleSpec(
        String path,
        String version,
        String declaredPath,
        String goVersion,
        List<ModuleVersion> requires,
        List<String> retracts,
        boolean listed) {

    /** Copies the lists; only {@code goVersion} may be null. */
    public ModuleSpec {
        Objects.requireNonNull(path);
        Objects.requireNonNull(version);
        Objects.requireNonNull(declaredPath);
        requires = List.copyOf(requires);
        retracts = List.copyOf(retracts);
    }

    /** Returns the module version. */
    public ModuleVersion id() {
        return new ModuleVersion(path, version);
    }

    /** Returns the go.mod file's text. */
    public String goMod() {
        return goModText(declaredPath, goVersion, requires, retracts);
    }

    /** Returns a go.mod text declaring {@code module}, with a go line unless null, requirements and retractions. */
    static String goModText(String module, String goVersion, List<ModuleVersion> requires, List<String> retracts) {
        StringBuilder b = new StringBuilder("module ").append(module).append('\n');
        if (goVersion != null) {
            b.append("\ngo ").append(goVersion).append('\n');
        }
        if (!requires.isEmpty()) {
            b.append("\nrequire (\n");
            for (ModuleVersion r : requires) {
                b.append('\t').append(r.path()).append(' ').append(r.version()).append('\n');
            }
            b.append(")\n");
        }
        for (String r : retracts) {
            b.append("\nretract ").append(r).append(" // generated retraction\n");
        }
        return b.toString();
    }

    /** Returns the package name of the module's one Go file: its last path element that is not a major version. */
    public String packageName() {
        String[] parts = path.split("/");
        String last = parts[parts.length - 1];
        return last.matches("v[0-9]+") && parts.length > 1 ? parts[parts.length - 2] : last;
    }
}
