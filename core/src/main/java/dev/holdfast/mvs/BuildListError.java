package dev.holdfast.mvs;

import dev.holdfast.module.InvalidVersionException;
import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Says the requirements of some module in a build could not be read, and shows the chain of
 * requirements that leads to it from the targets (Go's {@code mvs.BuildListError}). The message has the
 * go command's shape:
 *
 * <pre>
 * example.com/a@v1.0.0 requires
 * 	example.com/b@v1.1.0 updating to
 * 	example.com/c@v1.2.0: reason
 * </pre>
 *
 * <p>Leading modules with version {@code ""} (the main module) are left out of the message. The cause
 * is the failure at the last module of the chain.
 */
public final class BuildListError extends IOException {

    private static final long serialVersionUID = 1L;

    /** The chain, first (a target) to last (where the failure happened); never empty. */
    private final transient List<ModuleVersion> path;

    /**
     * Creates the error for {@code cause}, which happened at the last module of {@code path}, a non-empty
     * requirement chain starting at a target. {@code isVersionChange} reports whether a step from one
     * module to the next is an explicit upgrade or downgrade (shown as {@code updating to}) rather than a
     * requirement (shown as {@code requires}); it may be null when no step is.
     *
     * @throws IllegalArgumentException if {@code path} is empty
     */
    public BuildListError(
            Exception cause, List<ModuleVersion> path, BiPredicate<ModuleVersion, ModuleVersion> isVersionChange) {
        super(message(cause, path, isVersionChange), cause);
        this.path = List.copyOf(path);
    }

    /** Returns the module where the failure happened: the last of {@link #path()}. */
    public ModuleVersion module() {
        return path.getLast();
    }

    /** Returns the requirement chain from a target to {@link #module()}; never empty. */
    public List<ModuleVersion> path() {
        return path;
    }

    private static String message(
            Exception cause, List<ModuleVersion> path, BiPredicate<ModuleVersion, ModuleVersion> isVersionChange) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("BuildListError needs a non-empty requirement path");
        }
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i + 1 < path.size(); i++) {
            boolean change = isVersionChange != null && isVersionChange.test(path.get(i), path.get(i + 1));
            reasons.add(change ? "updating to" : "requires");
        }
        int start = 0;
        while (start < path.size() && path.get(start).version().isEmpty()) {
            start++; // the main module or a synthetic target: not worth printing
        }
        if (start == path.size()) {
            return text(cause);
        }
        StringBuilder b = new StringBuilder();
        for (int i = start; i + 1 < path.size(); i++) {
            b.append(path.get(i)).append(' ').append(reasons.get(i)).append("\n\t");
        }
        return b.append(describe(path.getLast(), cause)).toString();
    }

    /**
     * Returns the failure at {@code m} as {@code m: reason}, without repeating a prefix the cause already
     * carries (Go's {@code module.VersionError} does not wrap twice).
     */
    private static String describe(ModuleVersion m, Exception cause) {
        if (cause instanceof InvalidVersionException iv && !iv.path().isEmpty()) {
            // Go's ModuleError around an InvalidVersionError: name the replacement if it differs.
            ModuleVersion actual = new ModuleVersion(iv.path(), iv.version());
            if (actual.equals(m)) {
                return text(cause);
            }
            String bare = new InvalidVersionException("", iv.version(), iv.pseudo(), iv.reason()).getMessage();
            return m + " (replaced by " + actual + "): " + bare;
        }
        String prefix = m.version().isEmpty() ? "module " + m.path() + ": " : m + ": ";
        String text = text(cause);
        // A cause that already names m, possibly with its replacement (as the module loader words it).
        boolean named = text.startsWith(prefix) || text.startsWith(m + " (replaced by ");
        return named ? text : prefix + text;
    }

    private static String text(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
