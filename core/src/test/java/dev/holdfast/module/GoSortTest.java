package dev.holdfast.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Tests for {@link GoSort}. Where the comparator decides, any correct sort must agree with Java's; the
 * tie behaviour follows from Go's algorithm (and is compared with x/mod's module.Sort in conformance).
 */
class GoSortTest {

    @Property(tries = 500)
    void sort_agreesWithJavaForTotalOrders(@ForAll @Size(max = 300) List<Integer> items) {
        List<Integer> want = new ArrayList<>(items);
        want.sort(Comparator.naturalOrder());
        assertThat(GoSort.sort(items, Comparator.<Integer>naturalOrder())).isEqualTo(want);
    }

    @Property(tries = 300)
    void sort_smallListsAreStable(@ForAll @Size(max = 12) List<Integer> items) {
        // Up to 12 elements Go uses insertion sort, which never moves an element past an equal one.
        Comparator<Integer> byTens = Comparator.comparingInt(i -> Math.floorDiv(i, 10));
        List<Integer> want = new ArrayList<>(items);
        want.sort(byTens); // List.sort is stable
        assertThat(GoSort.sort(items, byTens)).isEqualTo(want);
    }

    @Property(tries = 300)
    void sort_isAPermutationForAnyComparator(@ForAll @Size(max = 200) List<Integer> items) {
        Comparator<Integer> coarse = Comparator.comparingInt(i -> Math.floorMod(i, 3));
        assertThat(GoSort.sort(items, coarse)).containsExactlyInAnyOrderElementsOf(items);
        assertThat(GoSort.sort(items, coarse)).isSortedAccordingTo(coarse);
    }

    @Property(tries = 50)
    void sort_leavesAllEqualElementsInPlace(@ForAll @Size(max = 500) List<Integer> items) {
        // No comparison reports "less", so no pass of pdqsort ever swaps.
        assertThat(GoSort.sort(items, (a, b) -> 0)).isEqualTo(items);
    }

    @Property(tries = 20)
    void sort_handlesAdversarialShapes(@ForAll @Size(min = 13, max = 2000) List<Integer> items) {
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

    @org.junit.jupiter.api.Test
    void sort_sortsLargeReversedInput() {
        List<Integer> reversed =
                IntStream.range(0, 10_000).map(i -> 10_000 - i).boxed().toList();
        assertThat(GoSort.sort(reversed, Comparator.<Integer>naturalOrder())).isSorted();
    }
}
