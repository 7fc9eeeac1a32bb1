package dev.holdfast.mvs;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.List;

/**
 * The requirement graph that minimal version selection runs on: what each module version requires,
 * and which of two versions of a module is higher (Go's {@code mvs.Reqs}).
 *
 * <p>Versions are opaque to MVS except for {@code "none"}; all ordering comes from {@link #max}.
 * Implementations must be safe for concurrent use: the build list reads requirements from several
 * threads at once.
 */
public interface Reqs {

    /**
     * Returns the module versions that {@code m} itself requires; never null. MVS does not modify the
     * list.
     *
     * @throws IOException if the requirements cannot be read, for whatever reason (a missing module, a
     *     network failure, a go.mod file that does not parse: all come from the world); MVS reports it
     *     with the chain of requirements that led to {@code m}
     */
    List<ModuleVersion> required(ModuleVersion m) throws IOException;

    /**
     * Returns the higher of versions {@code v1} and {@code v2} of module {@code path}: always one of the
     * two, {@code v1} when they are equal. For every version {@code v}, {@code max(p, v, "none")} must be
     * {@code v}, and the target of an MVS function must be the maximum against any other version of its
     * path. Thus {@code v1 < v2} is {@code !max(p, v1, v2).equals(v1)}.
     */
    String max(String path, String v1, String v2);

    /**
     * Compares versions {@code v1} and {@code v2} of module {@code path} using only {@link #max}, and
     * returns -1, 0 or +1.
     */
    default int compare(String path, String v1, String v2) {
        if (!max(path, v1, v2).equals(v1)) {
            return -1;
        }
        if (!max(path, v2, v1).equals(v2)) {
            return 1;
        }
        return 0;
    }
}
