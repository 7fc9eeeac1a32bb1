package dev.holdfast.modedit;

import dev.holdfast.module.ModuleVersion;
import java.io.Serial;
import java.util.List;
import java.util.Objects;

/**
 * Says the versions {@code go get} was asked to select cannot all be selected: some requested version
 * (transitively) requires a higher version of a requested module, or its requirements cannot be read
 * (cmd/go's {@code modload.ConstraintError}). Bad input: the request cannot be met as stated.
 *
 * <p>The message is either the go command's {@code version constraints conflict:} list ({@link
 * #describe}) or the per-conflict lines {@code go get} prints for its command-line arguments ({@link
 * #forRequest}).
 */
public final class ConstraintException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<Conflict> conflicts;

    /**
     * One conflict: a chain of requirements from a root (or proposed root) to a version that is above a
     * requested version, or whose requirements cannot be read (cmd/go's {@code modload.Conflict}).
     *
     * @param path the chain, first the root, last the offending version; never empty
     * @param constraint the requested version the last element is above, or null when {@code err} is set
     * @param err why the requirements of the last element could not be read, or null
     */
    public record Conflict(List<ModuleVersion> path, ModuleVersion constraint, Exception err) {
        /** Copies the path; it must not be empty. */
        public Conflict {
            path = List.copyOf(path);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("a conflict needs a non-empty requirement path");
            }
        }

        /**
         * Returns the first and last module of the chain in the go command's words (Conflict.Summary):
         * {@code A is above V}, {@code A requires B, but V is requested}, {@code A indirectly requires B:
         * reason}.
         */
        public String summary() {
            ModuleVersion first = path.getFirst();
            ModuleVersion last = path.getLast();
            if (path.size() == 1) {
                return err != null ? first + ": " + reason() : first + " is above " + constraint.version();
            }
            String adverb = path.size() > 2 ? "indirectly " : "";
            if (err != null) {
                return first + " " + adverb + "requires " + last + ": " + reason();
            }
            return first + " " + adverb + "requires " + last + ", but " + constraint.version() + " is requested";
        }

        /**
         * Returns why loading failed, without the {@code path@version: } prefix naming the last module of
         * the chain (Conflict.UnwrapModuleError).
         */
        public String reason() {
            String message = Objects.requireNonNullElse(err.getMessage(), err.toString());
            String prefix = path.getLast() + ": ";
            return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        }

        /** Returns the whole chain, one requirement per line (Conflict.String). */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(path.getFirst().toString());
            if (path.size() == 1) {
                b.append(" found");
            } else {
                for (ModuleVersion r : path.subList(1, path.size())) {
                    b.append(" requires\n\t").append(r);
                }
            }
            if (constraint != null) {
                b.append(", but ").append(constraint.version()).append(" is requested");
            }
            if (err != null) {
                b.append(": ").append(reason());
            }
            return b.toString();
        }
    }

    private ConstraintException(String message, List<Conflict> conflicts) {
        super(message);
        this.conflicts = List.copyOf(conflicts);
    }

    /** Returns the exception for {@code conflicts} with the go command's ConstraintError message. */
    static ConstraintException describe(List<Conflict> conflicts) {
        StringBuilder b = new StringBuilder("version constraints conflict:");
        for (Conflict c : conflicts) {
            b.append("\n\t").append(c.summary());
        }
        return new ConstraintException(b.toString(), conflicts);
    }

    /**
     * Returns the exception for {@code conflicts} as {@code go get} reports them when its only argument
     * {@code query} (such as {@code example.com/m@v1.2.0}) resolved to {@code requested}: one line per
     * conflict, {@code <arg> requires <m>, not <arg>} or {@code <arg> requires <m>: reason} (modget's
     * updateBuildList), without the {@code go: } prefix.
     */
    static ConstraintException forRequest(List<Conflict> conflicts, String query, ModuleVersion requested) {
        StringBuilder b = new StringBuilder();
        for (Conflict c : conflicts) {
            if (!b.isEmpty()) {
                b.append("\ngo: ");
            }
            String adverb = c.path().size() > 2 ? "indirectly " : "";
            b.append(reason(c.path().getFirst(), query, requested))
                    .append(' ')
                    .append(adverb)
                    .append("requires ")
                    .append(c.path().getLast());
            if (c.err() != null) {
                b.append(": ").append(c.reason());
            } else {
                b.append(", not ").append(reason(c.constraint(), query, requested));
            }
        }
        return new ConstraintException(b.toString(), conflicts);
    }

    /**
     * Returns how go get names the argument that fixed the version of {@code m}'s path: the argument
     * with the version it resolved to (query.ResolvedString), or an internal error for a path no
     * argument named.
     */
    private static String reason(ModuleVersion m, String query, ModuleVersion requested) {
        if (!m.path().equals(requested.path())) {
            return "(INTERNAL ERROR: no reason found for " + m + ")";
        }
        String version = query.substring(query.indexOf('@') + 1);
        if (!requested.version().equals(version)) {
            return requested.path() + "@" + version + " (" + requested.version() + ")";
        }
        return query;
    }

    /** Returns the conflicts, at least one. */
    public List<Conflict> conflicts() {
        return conflicts;
    }
}
