package dev.holdfast.conformance.module;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.testing.ConformanceReport;
import dev.holdfast.testing.XmodOracle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one operation on many inputs in Holdfast and in the x/mod oracle and lists the disagreements.
 *
 * <p>Both sides render each call as one string: {@code "="} and the result, or {@code "!"} and the error
 * text (the oracle's {@code batch} op, see {@code oracle/semver.go}). Holdfast's unchecked {@link
 * IllegalArgumentException}s (the {@code Invalid*Exception}s among them) are its errors.
 */
public final class OracleDiff {

    /** A Holdfast function under comparison: string arguments in, string result out. */
    @FunctionalInterface
    public interface Fn {
        /** Applies the function; bad input throws an {@link IllegalArgumentException}. */
        String apply(List<String> args);
    }

    private static final int CHUNK = 2000;
    private static final int SHOWN = 15;

    private final Map<String, long[]> tally = new LinkedHashMap<>();

    /** Returns Holdfast's outcome for one call, rendered as the oracle renders its own. */
    public static String outcome(Fn fn, List<String> args) {
        try {
            return "=" + fn.apply(args);
        } catch (IllegalArgumentException e) {
            return "!" + e.getMessage();
        }
    }

    /** Returns the oracle's outcome for each call of {@code op}, in order. */
    public static List<String> oracle(String op, List<List<String>> calls) {
        List<String> out = new ArrayList<>(calls.size());
        for (int from = 0; from < calls.size(); from += CHUNK) {
            List<List<String>> chunk = calls.subList(from, Math.min(calls.size(), from + CHUNK));
            JsonNode result = XmodOracle.get().call("batch", op, chunk);
            result.forEach(node -> out.add(node.asText()));
        }
        if (out.size() != calls.size()) {
            throw new AssertionError("oracle answered " + out.size() + " of " + calls.size() + " calls to " + op);
        }
        return out;
    }

    /**
     * Compares {@code holdfast} with the oracle's {@code op} on every argument list in {@code calls},
     * counts the comparisons under {@code check}, and returns a description of each disagreement.
     */
    public List<String> diff(String check, String op, List<List<String>> calls, Fn holdfast) {
        List<String> want = oracle(op, calls);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            String got = outcome(holdfast, calls.get(i));
            if (!got.equals(want.get(i))) {
                mismatches.add(op + calls.get(i) + ": holdfast " + got + " | x/mod " + want.get(i));
            }
        }
        count(check, calls.size(), calls.size() - mismatches.size());
        return mismatches;
    }

    /** Adds {@code compared} inputs, of which {@code agreed} agreed, to the count for {@code check}. */
    public synchronized void count(String check, long compared, long agreed) {
        long[] c = tally.computeIfAbsent(check, k -> new long[2]);
        c[0] += compared;
        c[1] += agreed;
    }

    /** Writes the accumulated counts to the conformance report under {@code area} and resets them. */
    public synchronized void report(String area) {
        tally.forEach((check, c) -> ConformanceReport.record(area, check, c[0], c[1]));
        tally.clear();
    }

    /** Returns a failure summary of {@code mismatches} (the first few of them), for assertion messages. */
    public static String describe(List<String> mismatches) {
        StringBuilder b = new StringBuilder(mismatches.size() + " disagreements with x/mod");
        mismatches.stream().limit(SHOWN).forEach(m -> b.append("\n  ").append(m));
        return b.toString();
    }
}
