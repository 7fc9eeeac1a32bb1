package dev.holdfast.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.seeded.Gen;
import dev.holdfast.seeded.Seeded;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link GoSort}. Where the comparator decides, any correct sort must agree with Java's; the
 * tie behaviour follows from Go's algorithm (and is compared with x/mod's module.Sort in conformance).
 */
class GoSortTest {
    /** Any int, small ones (where ties happen) more often. */
    private static final Gen<Integer> ANY = Gen.weighted(3, Gen.ints(-20, 20), 1, Random::nextInt);

    @Test
    void sort_agreesWithJavaForTotalOrders() {
        Seeded.forAll(
                "sort_agreesWithJavaForTotalOrders",
                500,
                r -> sort_agreesWithJavaForTotalOrdersHolds(ANY.list(0, 300).next(r)));
    }

    private static void sort_agreesWithJavaForTotalOrdersHolds(List<Integer> items) {
        List<Integer> want = new ArrayList<>(items);
        want.sort(Comparator.naturalOrder());
        assertThat(GoSort.sort(items, Comparator.<Integer>naturalOrder())).isEqualTo(want);
    }

    @Test
    void sort_smallListsAreStable() {
        Seeded.forAll(
                "sort_smallListsAreStable",
                300,
                r -> sort_smallListsAreStableHolds(ANY.list(0, 12).next(r)));
    }

    private static void sort_smallListsAreStableHolds(List<Integer> items) {
        // Up to 12 elements Go uses insertion sort, which never moves an element past an equal one.
        Comparator<Integer> byTens = Comparator.comparingInt(i -> Math.floorDiv(i, 10));
        List<Integer> want = new ArrayList<>(items);
        want.sort(byTens); // List.sort is stable
        assertThat(GoSort.sort(items, byTens)).isEqualTo(want);
    }

    @Test
    void sort_isAPermutationForAnyComparator() {
        Seeded.forAll(
                "sort_isAPermutationForAnyComparator",
                300,
                r -> sort_isAPermutationForAnyComparatorHolds(ANY.list(0, 200).next(r)));
    }

    private static void sort_isAPermutationForAnyComparatorHolds(List<Integer> items) {
        Comparator<Integer> coarse = Comparator.comparingInt(i -> Math.floorMod(i, 3));
        assertThat(GoSort.sort(items, coarse)).containsExactlyInAnyOrderElementsOf(items);
        assertThat(GoSort.sort(items, coarse)).isSortedAccordingTo(coarse);
    }

    @Test
    void sort_leavesAllEqualElementsInPlace() {
        Seeded.forAll(
                "sort_leavesAllEqualElementsInPlace",
                50,
                r -> sort_leavesAllEqualElementsInPlaceHolds(ANY.list(0, 500).next(r)));
    }

    private static void sort_leavesAllEqualElementsInPlaceHolds(List<Integer> items) {
        // No comparison reports "less", so no pass of pdqsort ever swaps.
        assertThat(GoSort.sort(items, (a, b) -> 0)).isEqualTo(items);
    }

    @Test
    void sort_handlesAdversarialShapes() {
        Seeded.forAll(
                "sort_handlesAdversarialShapes",
                20,
                r -> sort_handlesAdversarialShapesHolds(ANY.list(13, 2000).next(r)));
    }

    private static void sort_handlesAdversarialShapesHolds(List<Integer> items) {
        List<Integer> want = new ArrayList<>(items);
        want.sort(Comparator.naturalOrder());
        List<Integer> descending = want.reversed();
        List<Integer> organPipe = new ArrayList<>(want.subList(0, want.size() / 2));
        organPipe.addAll(descending.subList(0, want.size() - want.size() / 2));
        for (List<Integer> shape : List.of(want, descending, organPipe)) {
            assertThat(GoSort.sort(shape, Comparator.<Integer>naturalOrder())).isEqualTo(sorted(shape));
        }
    }

    private static List<Integer> sorted(List<Integer> l) {
        List<Integer> s = new ArrayList<>(l);
        s.sort(Comparator.naturalOrder());
        return s;
    }

    @Test
    void sort_sortsLargeReversedInput() {
        List<Integer> reversed =
                IntStream.range(0, 10_000).map(i -> 10_000 - i).boxed().toList();
        assertThat(GoSort.sort(reversed, Comparator.<Integer>naturalOrder())).isSorted();
    }
}
