package dev.holdfast.degraded;

import dev.holdfast.fetch.FetchErrors;
import dev.holdfast.mvs.BuildListError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;

/**
 * Tells an outage from a real answer: degraded mode substitutes only for a module version that could
 * not be had because the sources were unreachable (timeouts, refused or reset connections, 5xx, 429,
 * an open circuit breaker), never for one a source said does not exist, nor for content that failed
 * verification, nor for a go.mod that does not parse.
 */
public final class Outages {
    private Outages() {}

    /** Reports whether {@code failure}, seen through its wrappers, is an outage. */
    public static boolean isOutage(Throwable failure) {
        Throwable t = cause(failure);
        return t instanceof IOException && !(t instanceof InterruptedIOException) && FetchErrors.isTransient(t);
    }

    /**
     * Returns the failure that decides, below the requirement chain and the plain wrappers module loading
     * puts around it ({@link BuildListError}, {@link IOException} and {@link UncheckedIOException} of no
     * more specific kind).
     */
    public static Throwable cause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null
                && (t instanceof BuildListError
                        || t.getClass() == IOException.class
                        || t.getClass() == UncheckedIOException.class)) {
            t = t.getCause();
        }
        return t;
    }
}
