package dev.holdfast.conformance.cli;

import dev.holdfast.testing.ConformanceReport;

/**
 * The count of one comparison with the go command: how many inputs were compared, how many agreed, and
 * what the others were, for the failure message. Recorded in the conformance report by {@link #record}.
 */
final class Tally {
    private final String area;
    private final String check;
    private int compared;
    private int agreed;
    private final StringBuilder differences = new StringBuilder();

    /** Starts the tally of check {@code check} in area {@code area}. */
    Tally(String area, String check) {
        this.area = area;
        this.check = check;
    }

    /** Counts input {@code input}: the go command's outcome {@code want}, Holdfast's {@code got}. */
    void compare(String input, String want, String got) {
        compared++;
        if (want.equals(got)) {
            agreed++;
        } else {
            differences
                    .append('\n')
                    .append(input)
                    .append("\n go: ")
                    .append(want)
                    .append("\n holdfast: ")
                    .append(got);
        }
    }

    /** Records the counts in the conformance report and returns the differences, empty when all agreed. */
    String record() {
        ConformanceReport.record(area, check, compared, agreed);
        return differences.toString();
    }
}
