package dev.holdfast.module;

/**
 * Thrown when a version string is unusable: not semantic, the wrong major version for its module path,
 * or a malformed pseudo-version. The message follows the go command.
 *
 * <p>Without a module path the message is x/mod's {@code InvalidVersionError}: {@code version "V"
 * invalid: reason} (or {@code pseudo-version "V" invalid: ...}). With a path it is the {@code
 * ModuleError} that wraps it: {@code P@V: invalid version: reason} (or {@code invalid pseudo-version}).
 * {@link #withPath} turns the first into the second, as Go's {@code module.VersionError} does.
 */
public final class InvalidVersionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String version;
    private final boolean pseudo;
    private final String reason;

    /**
     * Creates the exception for {@code version} (of module {@code path}, or {@code ""} when the path is
     * unknown) failing for {@code reason}; {@code pseudo} says whether it was read as a pseudo-version.
     */
    public InvalidVersionException(String path, String version, boolean pseudo, String reason) {
        this(path, version, pseudo, reason, message(path, version, pseudo, reason));
    }

    private InvalidVersionException(String path, String version, boolean pseudo, String reason, String message) {
        super(message);
        this.path = path;
        this.version = version;
        this.pseudo = pseudo;
        this.reason = reason;
    }

    private static String message(String path, String version, boolean pseudo, String reason) {
        String noun = pseudo ? "pseudo-version" : "version";
        if (path.isEmpty()) {
            return noun + " " + GoStrings.quote(version) + " invalid: " + reason;
        }
        return path + "@" + version + ": invalid " + noun + ": " + reason;
    }

    /**
     * Returns an exception for {@code version} whose whole message is {@code message}: for the few x/mod
     * errors about a version that are plain text rather than an {@code InvalidVersionError}.
     */
    static InvalidVersionException withMessage(String version, String reason, String message) {
        return new InvalidVersionException("", version, false, reason, message);
    }

    /** Returns the same error attributed to module {@code path}: {@code path@version: invalid version: ...}. */
    public InvalidVersionException withPath(String path) {
        InvalidVersionException e = new InvalidVersionException(path, version, pseudo, reason);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** Returns the module path, or {@code ""} when the error is about a bare version. */
    public String path() {
        return path;
    }

    /** Returns the offending version string, never null. */
    public String version() {
        return version;
    }

    /** Reports whether the version was read as a pseudo-version. */
    public boolean pseudo() {
        return pseudo;
    }

    /** Returns why the version is invalid, without the version (for example {@code "should be v2, not v1"}). */
    public String reason() {
        return reason;
    }
}
