package dev.holdfast.sum;

/**
 * Reports a go.sum file that the go command would refuse, with its message ({@code malformed
 * go.sum:\n<file>:<line>: wrong number of fields <n>}), or one too large to be a real go.sum.
 */
public final class MalformedGoSumException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the complete message. */
    public MalformedGoSumException(String message) {
        super(message);
    }
}
