package dev.holdfast.mvs;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;

/** A {@link Reqs} that can also name the version a module upgrades to (Go's {@code mvs.UpgradeReqs}). */
public interface UpgradeReqs extends Reqs {

    /**
     * Returns the version {@code m} upgrades to in {@link Mvs#upgradeAll}, or {@code m} itself to keep it;
     * never null. {@code m.version()} is {@code "none"} when the module is not yet in the build.
     *
     * @throws IOException if no version of the module is available, or the lookup fails
     */
    ModuleVersion upgrade(ModuleVersion m) throws IOException;
}
