package dev.holdfast.modload;

import dev.holdfast.module.ModuleVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The modules being built and the rules their go.mod (and go.work) files lay down for the whole module
 * graph (cmd/go MainModuleSet): one {@link MainModule}, or the modules of a {@link Workspace}. Module
 * loading asks only this: which versions are main modules, what replaces a module, which versions are
 * excluded, and how to name a file in a message.
 */
public sealed interface MainModules permits MainModule, Workspace {

    /** Returns the main modules as module versions (version {@code ""}), in the order they are declared. */
    List<ModuleVersion> versions();

    /** Reports whether {@code m} is one of the main modules: its path with version {@code ""}. */
    default boolean isMain(ModuleVersion m) {
        return m.version().isEmpty() && versions().contains(m);
    }

    /**
     * Returns what replaces {@code m}, if anything; a replacement with version {@code ""} is a directory,
     * see {@link #replacementDir}. A main module itself is never replaced.
     */
    Optional<ModuleVersion> replacement(ModuleVersion m);

    /**
     * Returns every replacement in force, old module version to new (cmd/go's replace map): an old version
     * {@code ""} replaces all versions, a new version {@code ""} is a directory named as {@link
     * #replacement} names it.
     */
    Map<ModuleVersion, ModuleVersion> replacements();

    /** Returns the excluded module versions. */
    Set<ModuleVersion> excludes();

    /** Returns the directory a directory replacement {@code target} names. */
    Path replacementDir(ModuleVersion target);

    /** Reports whether a go.mod of the main modules excludes {@code m}. */
    boolean isExcluded(ModuleVersion m);

    /** Reports whether any main module excludes anything. */
    boolean hasExcludes();

    /** Returns {@code file} as the go command names it in messages: relative to the working directory if shorter. */
    String shortPath(Path file);
}
