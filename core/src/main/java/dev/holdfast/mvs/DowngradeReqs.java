package dev.holdfast.mvs;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;

/** A {@link Reqs} that can also step to an earlier version (Go's {@code mvs.DowngradeReqs}). */
public interface DowngradeReqs extends Reqs {

    /**
     * Returns the version of {@code m.path()} immediately before {@code m.version()} among the versions
     * the implementation lists, or {@code path@none} when there is none; never null.
     *
     * @throws IOException if the versions cannot be listed
     */
    ModuleVersion previous(ModuleVersion m) throws IOException;
}
