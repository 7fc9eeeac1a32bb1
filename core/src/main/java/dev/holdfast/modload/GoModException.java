package dev.holdfast.modload;

/**
 * Says a go.mod file the module graph depends on is missing, does not parse, or contradicts how it is
 * used: the main module's (not found, {@code errors parsing go.mod}, conflicting replacements) or a
 * dependency's ({@code parsing go.mod}, a module path other than the one required, a replacement
 * directory without a go.mod), or — under {@code -mod=readonly} — a go.mod the go command would have to
 * update, or a dependency's go.mod whose hash go.sum lacks. The message is the go command's, without its
 * {@code go: } prefix.
 *
 * <p>It is bad input, not a failure of the world: fixing a go.mod (or go.sum) file is the only cure.
 */
public final class GoModException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the go command's message. */
    public GoModException(String message) {
        super(message);
    }

    /** Creates the exception with the go command's message and the failure behind it. */
    public GoModException(String message, Throwable cause) {
        super(message, cause);
    }
}
