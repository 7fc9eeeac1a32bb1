package dev.holdfast.fetch;

/**
 * The largest answer of each kind Holdfast reads from an upstream, checked while reading (issue 12): an
 * answer that goes past its bound is abandoned at that byte with {@link ResponseTooLargeException}, and
 * nothing of it is kept. Real data stays far below each bound; an endless or enormous answer is an
 * attack or a broken upstream.
 */
public final class AnswerLimits {
    private AnswerLimits() {}

    /** A go.mod file: the go command's own limit ({@code codehost.MaxGoMod}, 16 MiB). */
    public static final long MOD_BYTES = 16L << 20;

    /**
     * A version list: 4 MiB. The go command reads lists whole, without a limit; the longest real lists
     * (thousands of versions) are tens of KiB.
     */
    public static final long LIST_BYTES = 4L << 20;

    /** An {@code .info} or {@code @latest} answer: 64 KiB. A real one, Origin included, is under 2 KiB. */
    public static final long INFO_BYTES = 64L << 10;

    /**
     * A checksum-database answer ({@code latest}, a lookup, a tile): 1 MiB. A hash tile is at most 8 KiB
     * (256 hashes of 32 bytes); a data tile or a lookup with its signed note, a few tens of KiB.
     */
    public static final long SUMDB_BYTES = 1L << 20;

    /** A module zip: the go command's {@code codehost.MaxZipFile}, 500 MiB; written to disk, never held. */
    public static final long ZIP_BYTES = 500L << 20;
}
