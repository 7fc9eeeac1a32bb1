package dev.holdfast.fetch;

import java.io.IOException;

/**
 * How a {@link ProxySource} gets files from its base URL: over HTTP(S) or from a {@code file://} tree.
 * Failures are an {@link HttpError} for an answer other than 200 (a missing file counts as 404, an
 * unreadable one as 403, as in the go command), or an {@link IOException} for the transfer itself.
 */
interface ProxyTransport {
    /** Returns the body of the file at {@code url}, at most {@code limit} bytes. */
    byte[] get(GoUrl url, long limit) throws IOException;

    /**
     * Writes the file at {@code url} into {@code target}, resuming after what it already holds when the
     * transport can; fails with {@link ZipTooLargeException} once the file would exceed {@code limit}
     * bytes (the target is then emptied).
     */
    void download(GoUrl url, ZipTarget target, long limit) throws IOException;

    /** Says a download went over its size limit. Permanent. */
    final class ZipTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        ZipTooLargeException() {
            super("downloaded zip file too large");
        }
    }
}
