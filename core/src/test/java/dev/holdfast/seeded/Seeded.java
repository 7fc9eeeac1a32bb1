package dev.holdfast.seeded;

import java.util.Random;

/**
 * Property checks on seeded random inputs, in plain JUnit: {@link #forAll} runs a property a number of
 * times, each try with its own {@link Random} drawn from one seed, and a failure names the property, the
 * try and the seed, so it is reproduced by running again (the seed is fixed per property unless {@code
 * -Dholdfast.seed=N} chooses another). No shrinking: the failing input is whatever the try drew, which
 * the assertion message shows. Replaces jqwik, whose author asks that it not be used here.
 */
public final class Seeded {
    private Seeded() {}

    /** A property: checks what holds for the inputs it draws from {@code random}. */
    @FunctionalInterface
    public interface Property {
        void check(Random random) throws Exception;
    }

    /** Runs {@code property} {@code tries} times; its seed is fixed by {@code name} unless overridden. */
    public static void forAll(String name, int tries, Property property) {
        long seed = Long.getLong("holdfast.seed", name.hashCode());
        for (int i = 0; i < tries; i++) {
            Random random = new Random(seed * 1_000_003L + i);
            try {
                property.check(random);
            } catch (Throwable failure) {
                throw new AssertionError(
                        name + " failed on try " + i + " of " + tries + " with seed " + seed
                                + " (run again with -Dholdfast.seed=" + seed + "): " + failure.getMessage(),
                        failure);
            }
        }
    }
}
