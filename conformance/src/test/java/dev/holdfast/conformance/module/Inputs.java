package dev.holdfast.conformance.module;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** Helpers that turn input strings into oracle argument lists. */
public final class Inputs {

    private Inputs() {}

    /**
     * Reports whether {@code s} can travel to the oracle unchanged: JSON carries an unpaired surrogate
     * to Go as U+FFFD, so such strings can only be tested on the Java side.
     */
    public static boolean transportable(String s) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(s); // false exactly for unpaired surrogates
    }

    /** Returns one single-argument call per distinct transportable string. */
    public static List<List<String>> singles(Collection<String> strings) {
        List<List<String>> calls = new ArrayList<>();
        for (String s : new LinkedHashSet<>(strings)) {
            if (transportable(s)) {
                calls.add(List.of(s));
            }
        }
        return calls;
    }

    /** Returns two-argument calls pairing {@code firsts.get(i)} with {@code seconds.get(i)}. */
    public static List<List<String>> zip(List<String> firsts, List<String> seconds) {
        List<List<String>> calls = new ArrayList<>();
        for (int i = 0; i < Math.min(firsts.size(), seconds.size()); i++) {
            if (transportable(firsts.get(i)) && transportable(seconds.get(i))) {
                calls.add(List.of(firsts.get(i), seconds.get(i)));
            }
        }
        return calls;
    }

    /** Returns the two-argument calls of every ordered pair from {@code strings}. */
    public static List<List<String>> cross(List<String> strings) {
        List<String> ok =
                strings.stream().distinct().filter(Inputs::transportable).toList();
        List<List<String>> calls = new ArrayList<>();
        for (String a : ok) {
            for (String b : ok) {
                calls.add(List.of(a, b));
            }
        }
        return calls;
    }
}
