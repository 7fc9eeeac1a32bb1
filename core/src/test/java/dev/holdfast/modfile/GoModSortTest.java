package dev.holdfast.modfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.seeded.Gen;
import dev.holdfast.seeded.Seeded;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoModSortTest {
    /** A stable sort is unique for a consistent comparator, so the Go port must agree with List.sort. */
    @Test
    void sortStable_consistentComparator_equalsListSort() {
        Seeded.forAll(
                "sortStable",
                1000,
                r -> sortStableAgrees(Gen.ints(0, 30).list(0, 200).next(r)));
    }

    private static void sortStableAgrees(List<Integer> keys) {
        List<int[]> items = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            items.add(new int[] {keys.get(i), i});
        }
        Comparator<int[]> byKey = Comparator.comparingInt(a -> a[0]);
        List<int[]> want = new ArrayList<>(items);
        want.sort(byKey);
        List<int[]> got = new ArrayList<>(items);
        GoModSort.sortStable(got, byKey);
        assertThat(got).containsExactlyElementsOf(want);
    }

    @Test
    void sortBlocks_retract_newestFirst() {
        // Order as x/mod's compareLineRetract documents: descending by low, then by high.
        GoModFile f = GoModFile.parse(
                "go.mod",
                "module m\nretract (\n\tv1.0.0\n\t[v1.0.0, v1.2.0]\n\tv1.1.0\n\tbad\n)\n"
                        .getBytes(StandardCharsets.UTF_8),
                null);
        f.sortBlocks();
        assertThat(new String(f.format(), StandardCharsets.UTF_8))
                .isEqualTo("module m\n\nretract (\n\tv1.1.0\n\t[v1.0.0, v1.2.0]\n\tv1.0.0\n\tbad\n)\n");
    }
}
