package dev.holdfast.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * What a failed fetch says about the upstream, the one classification behind retries, circuit breakers,
 * GOPROXY fall-back and the server's statuses (docs/resilience.md):
 *
 * <ul>
 *   <li>{@link #NOT_FOUND}, {@link #SECURITY} and {@link #REFUSED}: the upstream answered, and asking
 *       again would get the same answer. Never retried; the upstream is alive.
 *   <li>{@link #UNREACHABLE}: no answer at all: the connection was refused, the name did not resolve,
 *       connecting or waiting for the response headers timed out. Retried; enough of them in a row open
 *       the breaker at once (a dead upstream).
 *   <li>{@link #LOSSY}: an answer that broke or was not meant: a reset after connecting, a body cut short
 *       or stalled, 429 or 5xx. Retried; only a high share opens the breaker (a failing upstream).
 *   <li>{@link #LOCAL}: Holdfast's own failure (a full disk). Never blamed on the upstream, never retried.
 *   <li>{@link #UNAVAILABLE}: not attempted, the breaker is open. Retried only within a young outage.
 *   <li>{@link #INTERRUPTED}: the caller gave up. Never retried, never counted.
 * </ul>
 */
public enum FailureKind {
    /** The module or version does not exist there (404, 410, a missing file, a disabled lookup). */
    NOT_FOUND,
    /** Content failed verification. */
    SECURITY,
    /** A permanent answer: a 4xx other than 404, 410 and 429, or invalid module data. */
    REFUSED,
    /** No answer: refused connection, failed name lookup, connect or header time-out. */
    UNREACHABLE,
    /** A broken or unwelcome answer: reset, truncated or stalled body, 429, 5xx. */
    LOSSY,
    /** Holdfast's own failure. */
    LOCAL,
    /** Not attempted: the upstream's circuit breaker is open. */
    UNAVAILABLE,
    /** The caller was interrupted. */
    INTERRUPTED;

    /** Returns the kind of {@code failure}; anything that is not an I/O failure counts as {@link #REFUSED}. */
    public static FailureKind of(Throwable failure) {
        return switch (failure) {
            case ModuleNotFoundException e -> NOT_FOUND;
            case ChecksumMismatchException e -> SECURITY;
            case LocalFailureException e -> LOCAL;
            case UpstreamUnavailableException e -> UNAVAILABLE;
            case UpstreamException e -> e.isTransient() ? LOSSY : REFUSED;
            case StalledTransferException e -> LOSSY;
            case HttpConnectTimeoutException e -> UNREACHABLE;
            case HttpTimeoutException e -> UNREACHABLE; // no response headers in time: nobody answered
            case SocketTimeoutException e -> String.valueOf(e.getMessage()).contains("connect") ? UNREACHABLE : LOSSY;
            case InterruptedIOException e -> INTERRUPTED;
            case IOException e -> unreachable(e) ? UNREACHABLE : LOSSY;
            default -> REFUSED;
        };
    }

    /** Reports whether a failure of this kind may go away if the same request is made again. */
    public boolean isTransient() {
        return this == UNREACHABLE || this == LOSSY || this == UNAVAILABLE;
    }

    /** Reports whether a failure of this kind says something about the upstream's health. */
    boolean blamesUpstream() {
        return this == UNREACHABLE || this == LOSSY;
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }
}
