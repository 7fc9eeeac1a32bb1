package dev.holdfast.modload;

import dev.holdfast.modfile.GoModFile;
import dev.holdfast.module.ModuleVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * What module loading needs from a dependency's go.mod file (cmd/go modFileSummary): its module path,
 * go version, pruning, requirements, retractions and deprecation.
 *
 * <p>For a go ≥ 1.21 file the requirements end with the implicit {@code go@V}, as the go command adds
 * it; the {@code go} pseudo-module at 1.21 or later requires {@code toolchain@goV}.
 *
 * @param module the path its module line declares, or {@code ""} when it has none
 * @param goVersion the go line's version, or {@code ""} when it has none
 * @param toolchain the toolchain line's name, or {@code ""}
 * @param pruning {@link Pruning#PRUNED} for go ≥ 1.17 files, {@link Pruning#UNPRUNED} for older ones
 *     and files without a go line
 * @param requires the requirements, in file order
 * @param retracts the retractions, in file order
 * @param deprecated the deprecation message of the module line, or {@code ""}
 */
public record GoModSummary(
        String module,
        String goVersion,
        String toolchain,
        Pruning pruning,
        List<ModuleVersion> requires,
        List<GoModFile.Retract> retracts,
        String deprecated) {

    /** Copies the lists. */
    public GoModSummary {
        requires = List.copyOf(requires);
        retracts = List.copyOf(retracts);
    }

    /** Returns the summary of a parsed go.mod file (cmd/go summaryFromModFile). */
    public static GoModSummary of(GoModFile f) {
        String goVersion = f.go().orElse("");
        List<ModuleVersion> requires = new ArrayList<>();
        for (GoModFile.Require r : f.requires()) {
            requires.add(r.module());
        }
        if (!goVersion.isEmpty() && GoVersion.compare(goVersion, GoVersion.STRICT) >= 0) {
            requires.add(new ModuleVersion("go", goVersion));
        }
        return new GoModSummary(
                f.module().map(GoModFile.Module::path).orElse(""),
                goVersion,
                f.toolchain().orElse(""),
                goVersion.isEmpty() ? Pruning.UNPRUNED : Pruning.forGoVersion(goVersion),
                requires,
                f.retracts(),
                f.module().map(GoModFile.Module::deprecated).orElse(""));
    }

    /**
     * Returns the summary of pseudo-module {@code go} or {@code toolchain} at {@code version}: {@code
     * go@V} for V ≥ 1.21 requires {@code toolchain@goV}, so that lowering one lowers the other; nothing
     * else requires anything. Their pruning is {@link Pruning#PRUNED}, as in the go command.
     */
    public static GoModSummary ofToolchain(ModuleVersion m) {
        List<ModuleVersion> requires = List.of();
        if (m.path().equals("go") && GoVersion.compare(m.version(), GoVersion.STRICT) >= 0) {
            requires = List.of(new ModuleVersion("toolchain", "go" + m.version()));
        }
        return new GoModSummary(m.path(), "", "", Pruning.PRUNED, requires, List.of(), "");
    }

    /** Returns a copy with requirements {@code requires}. */
    public GoModSummary withRequires(List<ModuleVersion> requires) {
        return new GoModSummary(module, goVersion, toolchain, pruning, requires, retracts, deprecated);
    }
}
