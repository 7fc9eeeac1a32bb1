package dev.holdfast.degraded;

import dev.holdfast.modload.MainModule;
import dev.holdfast.modload.ModuleGraph;
import dev.holdfast.modload.ModuleLoader;
import dev.holdfast.module.ModuleVersion;
import java.util.List;

/**
 * What {@link SubstitutingResolver} found: the graph a build can use and the zips it needs, the
 * substitutions that made it possible, and what could not be had.
 *
 * @param main the main module the graph was loaded for: the project's own, or its overlay when there
 *     are substitutions
 * @param loader the loader that read the graph
 * @param graph the module graph; when something could not be had, the graph as far as it could be read
 * @param zips the module versions whose zips the build needs (after replacement, substitutes included)
 * @param substitutions the substitutions in use, by module path and wanted version
 * @param unavailable the module versions that could not be had and have no substitute
 * @param failures module versions whose zip failed for another reason than an outage (a checksum
 *     mismatch, a version that does not exist): the go command's per-module errors
 */
public record Resolution(
        MainModule main,
        ModuleLoader loader,
        ModuleGraph graph,
        List<ModuleVersion> zips,
        List<Substitution> substitutions,
        List<Unavailable> unavailable,
        List<Failure> failures) {

    /**
     * A module version whose zip could not be fetched for a reason other than an outage.
     *
     * @param module the module version
     * @param failure why
     */
    public record Failure(ModuleVersion module, Exception failure) {}

    /** Copies the lists. */
    public Resolution {
        zips = List.copyOf(zips);
        substitutions = List.copyOf(substitutions);
        unavailable = List.copyOf(unavailable);
        failures = List.copyOf(failures);
    }

    /** Reports whether the build has everything it needs (exact versions or substitutes). */
    public boolean complete() {
        return unavailable.isEmpty() && failures.isEmpty();
    }

    /** Reports whether any version is substituted. */
    public boolean degraded() {
        return !substitutions.isEmpty();
    }
}
