package dev.holdfast.module;

/**
 * Thrown when a module, import or file path breaks the go command's naming rules; the message is Go's
 * {@code malformed module path "P": reason} (or {@code import} / {@code file}).
 *
 * <p>Corresponds to x/mod's {@code InvalidPathError}. Unescaping a proxy or cache path reports through
 * this type too, with Go's own wording for that case ({@code invalid escaped module path "E"...}).
 */
public final class InvalidPathException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String path;
    private final String reason;

    /**
     * Creates the exception for {@code path} of the given {@code kind} ({@code "module"}, {@code "import"}
     * or {@code "file"}) failing for {@code reason} (for example {@code "missing dot in first path element"}).
     */
    public InvalidPathException(String kind, String path, String reason) {
        this(kind, path, reason, "malformed " + kind + " path " + GoStrings.quote(path) + ": " + reason);
    }

    private InvalidPathException(String kind, String path, String reason, String message) {
        super(message);
        this.kind = kind;
        this.path = path;
        this.reason = reason;
    }

    /**
     * Returns the error for an escaped module path that does not unescape ({@code cause} null) or whose
     * unescaped form is not a valid module path, worded as Go's {@code module.UnescapePath}.
     */
    static InvalidPathException escaped(String escaped, InvalidPathException cause) {
        String message = "invalid escaped module path " + GoStrings.quote(escaped);
        if (cause == null) {
            return new InvalidPathException("module", escaped, "invalid escape", message);
        }
        InvalidPathException e =
                new InvalidPathException("module", escaped, cause.getMessage(), message + ": " + cause.getMessage());
        e.initCause(cause);
        return e;
    }

    /** Returns which rules were broken: {@code "module"}, {@code "import"} or {@code "file"}. */
    public String kind() {
        return kind;
    }

    /** Returns the offending path, never null. */
    public String path() {
        return path;
    }

    /** Returns why the path is invalid, without the path (for example {@code "double slash"}). */
    public String reason() {
        return reason;
    }
}
