package dev.holdfast.fetch;

/**
 * Says an upstream's answer went past the size bound of its kind while it was being read (no {@code
 * .info}, {@code .mod}, list or checksum-database answer is anywhere near its bound in real data), so it
 * was abandoned and nothing of it kept. Permanent: asking again would bring the same flood.
 */
public final class ResponseTooLargeException extends UpstreamException {
    private static final long serialVersionUID = 1L;

    /** Returns an exception with {@code message}, which names the bound. */
    public ResponseTooLargeException(String message) {
        super(message, 200, false);
    }
}
