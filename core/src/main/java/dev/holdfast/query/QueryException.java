package dev.holdfast.query;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.repo.UnknownModuleException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Says a version query found the module but no version it may use: nothing matched ({@link
 * NoMatchingVersion}), or the one version it pointed at is refused ({@link Disallowed}). Messages are
 * the go command's, word for word.
 *
 * <p>Neither is a "not found" failure of the source (that is {@code UnknownModuleException}): the
 * source answered, and a fallback to another source would not change the answer.
 */
public abstract sealed class QueryException extends IOException {
    private static final long serialVersionUID = 1L;

    private QueryException(String message) {
        super(message);
    }

    /**
     * Reports whether {@code e} or one of its causes says the source does not have the module or
     * version ({@link UnknownModuleException}): Go's {@code errors.Is(err, fs.ErrNotExist)}. The go
     * command treats such failures as "nothing there" in several places, for example when stepping
     * down through versions or reporting retractions.
     */
    public static boolean isNotExist(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownModuleException) {
                return true;
            }
        }
        return false;
    }

    /**
     * No version satisfies the query and the allowed predicate (Go's {@code NoMatchingVersionError}):
     * {@code no matching versions for query "Q"}, plus {@code  (current version is V)} for {@code
     * upgrade} and {@code patch}. The go command reports it as {@code module P: <message>}.
     */
    public static final class NoMatchingVersion extends QueryException {
        private static final long serialVersionUID = 1L;
        private final String query;
        private final String current;

        /** Returns the error for {@code query} with the currently selected version {@code current}. */
        public NoMatchingVersion(String query, String current) {
            super(message(query, current));
            this.query = query;
            this.current = current;
        }

        private static String message(String query, String current) {
            String suffix = "";
            if ((query.equals("upgrade") || query.equals("patch")) && !current.isEmpty() && !current.equals("none")) {
                suffix = " (current version is " + current + ")";
            }
            return "no matching versions for query \"" + query + "\"" + suffix;
        }

        /** Returns the query that matched nothing. */
        public String query() {
            return query;
        }

        /** Returns the current version the query started from ({@code ""} or {@code "none"} if none). */
        public String current() {
            return current;
        }
    }

    /**
     * A version the main module excludes or its author retracted (Go's {@code ErrDisallowed} errors):
     * {@code P@V: excluded by go.mod}, or {@code P@V: retracted by module author} followed by {@code :
     * <first rationale, shortened>} when the author gave one.
     */
    public static final class Disallowed extends QueryException {
        private static final long serialVersionUID = 1L;
        private final transient ModuleVersion module;
        private final transient List<String> rationale;
        private final boolean excluded;

        private Disallowed(ModuleVersion module, boolean excluded, List<String> rationale, String reason) {
            super(module + ": " + reason);
            this.module = module;
            this.excluded = excluded;
            this.rationale = List.copyOf(rationale);
        }

        /** Returns the error for a version an {@code exclude} directive of the main module names. */
        public static Disallowed excluded(ModuleVersion module) {
            return new Disallowed(module, true, List.of(), "excluded by go.mod");
        }

        /**
         * Returns the error for a version its author retracted; {@code rationale} holds the comments of
         * every retraction that covers it, empty ones left out.
         */
        public static Disallowed retracted(ModuleVersion module, List<String> rationale) {
            String reason = "retracted by module author";
            if (!rationale.isEmpty()) {
                // Go prints only the first rationale: the message is meant for one terminal line.
                reason += ": " + AuthorNotices.shortMessage(rationale.getFirst(), reason);
            }
            return new Disallowed(Objects.requireNonNull(module, "module"), false, rationale, reason);
        }

        /** Returns the refused module version. */
        public ModuleVersion module() {
            return module;
        }

        /** Reports whether the version is excluded by the main module (otherwise it is retracted). */
        public boolean excluded() {
            return excluded;
        }

        /** Returns the retraction rationales, unshortened; empty when excluded or when none was given. */
        public List<String> rationale() {
            return rationale;
        }
    }
}
