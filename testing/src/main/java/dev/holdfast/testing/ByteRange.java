package dev.holdfast.testing;

import java.util.Optional;

/**
 * One byte range of a file, {@code start} to {@code end} inclusive as in an HTTP {@code Range} header
 * (RFC 9110 section 14); {@code start > end} marks a range that cannot be satisfied.
 */
record ByteRange(long start, long end) {
    private static final ByteRange UNSATISFIABLE = new ByteRange(1, 0);

    /** Reports whether the range lies inside the file (otherwise the answer is 416). */
    boolean satisfiable() {
        return start <= end;
    }

    /** Returns the number of bytes in the range. */
    long length() {
        return end - start + 1;
    }

    /**
     * Returns the range a GET should answer for a file of {@code length} bytes with entity tag {@code
     * etag}, or empty when the whole file should be sent (200).
     *
     * <p>As RFC 9110 allows, a header this class does not understand (several ranges, a unit other than
     * bytes, bad syntax) is ignored, and so is a range whose {@code If-Range} is not the current entity
     * tag: the file changed, so the client must start again.
     */
    static Optional<ByteRange> select(String range, String ifRange, String etag, long length) {
        if (range == null || (ifRange != null && !ifRange.equals(etag))) {
            return Optional.empty();
        }
        String spec = range.strip();
        if (!spec.startsWith("bytes=") || spec.contains(",")) {
            return Optional.empty();
        }
        spec = spec.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(resolve(
                    spec.substring(0, dash).strip(), spec.substring(dash + 1).strip(), length));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ByteRange resolve(String first, String last, long length) {
        if (first.isEmpty()) { // suffix range: the last N bytes
            long n = parseDigits(last);
            return n == 0 || length == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, length - n), length - 1);
        }
        long start = parseDigits(first);
        long end = last.isEmpty() ? length - 1 : Math.min(parseDigits(last), length - 1);
        if (!last.isEmpty() && parseDigits(last) < start) {
            throw new NumberFormatException("range ends before it starts"); // invalid: ignored
        }
        return start >= length ? UNSATISFIABLE : new ByteRange(start, end);
    }

    private static long parseDigits(String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(s);
        }
        return Long.parseLong(s);
    }
}
