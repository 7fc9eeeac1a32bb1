package dev.holdfast.server;

/**
 * A request the server refuses because of what it asks, not because of the world: a malformed module
 * path or version, a path that tries to leave the store, an over-long URL or an unknown endpoint. It
 * carries the 4xx status to answer with and a plain-text reason.
 */
public final class BadRequestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The status for a request that is malformed. */
    static final int BAD_REQUEST = 400;
    /** The status for a path that names no endpoint of the protocol. */
    static final int NOT_FOUND = 404;
    /** The status for a URL longer than {@link ProxyRequest#MAX_URL_BYTES}. */
    static final int URI_TOO_LONG = 414;

    private final int status;

    /** Returns an exception answered with {@code status} (4xx) and {@code reason}. */
    BadRequestException(int status, String reason) {
        super(reason);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("not a client error status: " + status);
        }
        this.status = status;
    }

    /** Returns an exception for a malformed request (400). */
    static BadRequestException malformed(String reason) {
        return new BadRequestException(BAD_REQUEST, reason);
    }

    /** Returns the 4xx status to answer with. */
    public int status() {
        return status;
    }
}
