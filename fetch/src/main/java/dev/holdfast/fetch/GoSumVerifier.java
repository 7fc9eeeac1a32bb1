package dev.holdfast.fetch;

import dev.holdfast.module.ModuleVersion;
import dev.holdfast.sum.GoSum;
import java.util.Objects;

/**
 * A {@link Verifier} over the hashes of a go.sum file, with the go command's rule ({@code
 * haveModSumLocked}): the recorded hashes of the module version are read in file order; the
 * downloaded hash is accepted at the first equal one, and the first different {@code h1:} hash before
 * it is a checksum mismatch. Hashes of other algorithms neither match nor conflict. Immutable and
 * thread-safe.
 */
public final class GoSumVerifier implements Verifier {
    /** The go command's explanation after a go.sum mismatch (modfetch/fetch.go goSumMismatch). */
    static final String GO_SUM_MISMATCH = """


            SECURITY ERROR
            This download does NOT match an earlier download recorded in go.sum.
            The bits may have been replaced on the origin server, or an attacker may
            have intercepted the download attempt.

            For more information, see 'go help module-auth'.""";

    private final GoSum sums;
    private final String fileName;

    /**
     * Returns a verifier over {@code sums}, read from a file named {@code fileName} ({@code go.sum}
     * or {@code go.work.sum}; the name appears in mismatch messages).
     */
    public GoSumVerifier(GoSum sums, String fileName) {
        this.sums = Objects.requireNonNull(sums, "sums");
        this.fileName = Objects.requireNonNull(fileName, "fileName");
    }

    /** Returns a verifier over the hashes of a go.sum file. */
    public static GoSumVerifier of(GoSum sums) {
        return new GoSumVerifier(sums, "go.sum");
    }

    @Override
    public Verdict checkHash(ModuleVersion mv, String hash) throws ChecksumMismatchException {
        for (String recorded : sums.lookup(mv)) {
            if (recorded.equals(hash)) {
                return Verdict.MATCHED;
            }
            if (recorded.startsWith("h1:")) {
                throw new ChecksumMismatchException(mismatch(mv, hash, fileName, recorded));
            }
        }
        return Verdict.UNKNOWN;
    }

    /**
     * Returns the go command's message for a download whose hash differs from the one recorded in a
     * go.sum file, without the final newline the go command prints after it.
     */
    static String mismatch(ModuleVersion mv, String downloaded, String fileName, String recorded) {
        return String.format(
                        "verifying %s@%s: checksum mismatch\n\tdownloaded: %s\n\t%s:     %s",
                        mv.path(), mv.version(), downloaded, fileName, recorded)
                + GO_SUM_MISMATCH;
    }
}
