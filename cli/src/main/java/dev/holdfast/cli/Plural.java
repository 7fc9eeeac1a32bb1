package dev.holdfast.cli;

/** Counts in the summary lines people read: "1 finding", "2 findings", "0 go.sum lines". */
final class Plural {
    private Plural() {}

    /** Returns {@code n} and {@code noun}, with an "s" unless {@code n} is 1 (every noun used here is regular). */
    static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
