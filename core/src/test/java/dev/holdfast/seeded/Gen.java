package dev.holdfast.seeded;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A generator of test inputs from a {@link Random}: a handful of combinators (choose, weigh, repeat,
 * join, map) from which the seeded property tests build the inputs they need.
 *
 * @param <T> what it generates
 */
@FunctionalInterface
public interface Gen<T> {
    /** Returns a value drawn from {@code random}. */
    T next(Random random);

    /** Returns a generator of {@code f} applied to this one's values. */
    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return r -> f.apply(next(r));
    }

    /** Returns a generator of lists of {@code min} to {@code max} (inclusive) of this one's values. */
    default Gen<List<T>> list(int min, int max) {
        return r -> {
            int n = min + r.nextInt(max - min + 1);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(next(r));
            }
            return out;
        };
    }

    /** Returns a generator of strings joining {@code min} to {@code max} of this one's values with {@code sep}. */
    default Gen<String> joined(int min, int max, String sep) {
        return list(min, max)
                .map(l -> String.join(sep, l.stream().map(String::valueOf).toList()));
    }

    /** Returns a generator of one of {@code values}, each as likely. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    /** Returns a generator of one of {@code values}, each as likely. */
    static <T> Gen<T> of(List<T> values) {
        return r -> values.get(r.nextInt(values.size()));
    }

    /** Returns a generator that asks one of {@code gens}, each as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return r -> gens[r.nextInt(gens.length)].next(r);
    }

    /** Returns a generator that asks {@code a} {@code wa} times out of {@code wa + wb}, else {@code b}. */
    static <T> Gen<T> weighted(int wa, Gen<? extends T> a, int wb, Gen<? extends T> b) {
        return r -> r.nextInt(wa + wb) < wa ? a.next(r) : b.next(r);
    }

    /** Returns a generator of whole numbers from {@code lo} to {@code hi}, inclusive. */
    static Gen<Integer> ints(int lo, int hi) {
        return r -> lo + r.nextInt(hi - lo + 1);
    }

    /** Returns a generator of strings of {@code min} to {@code max} characters taken from {@code chars}. */
    static Gen<String> strings(String chars, int min, int max) {
        int[] cps = chars.codePoints().toArray();
        return r -> {
            int n = min + r.nextInt(max - min + 1);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.appendCodePoint(cps[r.nextInt(cps.length)]);
            }
            return b.toString();
        };
    }

    /**
     * Returns a generator of well-formed Unicode strings of up to {@code max} code points: mostly ASCII,
     * then other BMP characters and characters beyond it (never a lone surrogate).
     */
    static Gen<String> unicode(int max) {
        return r -> {
            int n = r.nextInt(max + 1);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(10);
                int cp = kind < 6
                        ? r.nextInt(0x80)
                        : kind < 9 ? 0x80 + r.nextInt(Character.MIN_SURROGATE - 0x80) : 0x10000 + r.nextInt(0x100000);
                b.appendCodePoint(cp);
            }
            return b.toString();
        };
    }
}
