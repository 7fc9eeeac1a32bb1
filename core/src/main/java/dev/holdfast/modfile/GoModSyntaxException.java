package dev.holdfast.modfile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a go.mod file cannot be parsed or interpreted; holds every problem found, in order.
 *
 * <p>The message is that of x/mod's {@code ErrorList}: one {@code file:line:col: verb path: msg}
 * line per problem, joined with {@code \n}.
 */
public final class GoModSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The problems, in the order they were found; never empty. */
    private final transient List<Problem> problems;

    /** Creates the exception for {@code problems}, which must not be empty. */
    public GoModSyntaxException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        this.problems = List.copyOf(problems);
    }

    /** Returns the problems, in the order they were found; never empty. */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * One problem at a position of a go.mod file.
     *
     * @param file the file name given to the parser
     * @param line the 1-based line, or 0 if unknown
     * @param column the 1-based column in runes, or 0 if unknown
     * @param verb the directive the problem is about, or "" (printed only with a path, or alone)
     * @param modulePath the module path the problem is about, or ""
     * @param message what is wrong
     */
    public record Problem(String file, int line, int column, String verb, String modulePath, String message) {
        /** Returns the problem in the go command's words, as x/mod's {@code Error.Error}. */
        @Override
        public String toString() {
            String pos;
            if (column > 1) {
                pos = file + ":" + line + ":" + column + ": ";
            } else if (line > 0) {
                pos = file + ":" + line + ": ";
            } else if (!file.isEmpty()) {
                pos = file + ": ";
            } else {
                pos = "";
            }
            String directive;
            if (!modulePath.isEmpty()) {
                directive = verb + " " + modulePath + ": ";
            } else if (!verb.isEmpty()) {
                directive = verb + ": ";
            } else {
                directive = "";
            }
            return pos + directive + message;
        }
    }
}
