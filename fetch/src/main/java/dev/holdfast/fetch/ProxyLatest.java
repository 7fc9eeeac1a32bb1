package dev.holdfast.fetch;

import dev.holdfast.module.GoStrings;
import dev.holdfast.module.PseudoVersion;
import dev.holdfast.semver.Semver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the go command makes of a proxy's {@code @v/list} (spec section 8.2): the versions it keeps, and
 * the version it takes as latest when the proxy has no {@code @latest} endpoint.
 */
final class ProxyLatest {
    private ProxyLatest() {}

    /** Returns the valid, non-pseudo versions of {@code raw} that start with {@code prefix}, semver-sorted. */
    static List<String> filter(List<String> raw, String prefix) {
        List<String> kept = new ArrayList<>();
        for (String v : raw) {
            if (Semver.isValid(v) && v.startsWith(prefix) && !PseudoVersion.isPseudoVersion(v)) {
                kept.add(v);
            }
        }
        return Semver.sort(kept);
    }

    /**
     * Returns the version of {@code lines} (the list's lines) with the latest time, or null if none has
     * one: the time is the line's second field when present (RFC 3339), else the time inside a
     * pseudo-version; tagged versions without a time are skipped, and ties keep the first.
     */
    static String fromList(List<String> lines) {
        Instant bestTime = PseudoVersion.ZERO_TIME;
        String best = null;
        for (String line : lines) {
            List<String> f = GoStrings.fields(line);
            if (f.isEmpty() || !Semver.isValid(f.getFirst())) {
                continue;
            }
            Instant t;
            if (f.size() >= 2) {
                t = timeOrZero(f.get(1));
            } else if (PseudoVersion.isPseudoVersion(f.getFirst())) {
                t = pseudoTimeOrZero(f.getFirst());
            } else {
                continue;
            }
            if (bestTime.isBefore(t)) {
                bestTime = t;
                best = f.getFirst();
            }
        }
        return best;
    }

    private static Instant timeOrZero(String s) {
        try {
            return RevInfoJson.parseTime(s);
        } catch (IllegalArgumentException e) {
            return PseudoVersion.ZERO_TIME;
        }
    }

    private static Instant pseudoTimeOrZero(String v) {
        try {
            return PseudoVersion.time(v);
        } catch (IllegalArgumentException e) {
            return PseudoVersion.ZERO_TIME;
        }
    }
}
