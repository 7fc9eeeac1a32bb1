package dev.holdfast.module;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Sorts exactly as Go's {@code slices.SortFunc} (pattern-defeating quicksort, insertion sort for up to
 * 12 elements), so that lists come out in the go command's order even where the comparator does not
 * decide: elements that compare equal, or comparators that are not a strict weak order. x/mod's {@code
 * module.Sort} is such a comparator: {@code v1.2.0} sorts before {@code v1.2.0/go.mod}, yet both tie
 * with {@code v1.2.0+meta}. For consistent comparators without ties any sort gives the same result.
 *
 * <p>Stateless and thread-safe; the comparator must not be null.
 */
public final class GoSort {

    private static final int MAX_INSERTION = 12;

    private GoSort() {}

    /** Returns a new unmodifiable list of {@code items} in the order Go's {@code slices.SortFunc} leaves them. */
    public static <T> List<T> sort(Collection<? extends T> items, Comparator<? super T> cmp) {
        List<T> data = new ArrayList<>(items);
        new Sorter<>(data, cmp).pdqsort(0, data.size(), bitLength(data.size()));
        return Collections.unmodifiableList(data);
    }

    private static int bitLength(int n) {
        return 32 - Integer.numberOfLeadingZeros(n);
    }

    /** A line-by-line port of Go's {@code zsortanyfunc.go}; method names follow Go's. */
    private record Sorter<T>(List<T> data, Comparator<? super T> cmp) {

        private enum Hint {
            UNKNOWN,
            INCREASING,
            DECREASING
        }

        private boolean less(int i, int j) {
            return cmp.compare(data.get(i), data.get(j)) < 0;
        }

        private void swap(int i, int j) {
            Collections.swap(data, i, j);
        }

        void pdqsort(int a, int b, int limit) {
            boolean wasBalanced = true;
            boolean wasPartitioned = true;
            while (true) {
                int length = b - a;
                if (length <= MAX_INSERTION) {
                    insertionSort(a, b);
                    return;
                }
                if (limit == 0) {
                    heapSort(a, b);
                    return;
                }
                if (!wasBalanced) {
                    breakPatterns(a, b);
                    limit--;
                }
                int[] swaps = {0};
                int pivot = choosePivot(a, b, swaps);
                Hint hint = swaps[0] == 0 ? Hint.INCREASING : swaps[0] == 12 ? Hint.DECREASING : Hint.UNKNOWN;
                if (hint == Hint.DECREASING) {
                    reverseRange(a, b);
                    pivot = (b - 1) - (pivot - a);
                    hint = Hint.INCREASING;
                }
                if (wasBalanced && wasPartitioned && hint == Hint.INCREASING && partialInsertionSort(a, b)) {
                    return;
                }
                if (a > 0 && !less(a - 1, pivot)) { // many duplicates: split off those equal to the pivot
                    a = partitionEqual(a, b, pivot);
                    continue;
                }
                int[] result = partition(a, b, pivot);
                int mid = result[0];
                wasPartitioned = result[1] == 1;
                int leftLen = mid - a;
                int rightLen = b - mid;
                int balanceThreshold = length / 8;
                if (leftLen < rightLen) {
                    wasBalanced = leftLen >= balanceThreshold;
                    pdqsort(a, mid, limit);
                    a = mid + 1;
                } else {
                    wasBalanced = rightLen >= balanceThreshold;
                    pdqsort(mid + 1, b, limit);
                    b = mid;
                }
            }
        }

        private void insertionSort(int a, int b) {
            for (int i = a + 1; i < b; i++) {
                for (int j = i; j > a && less(j, j - 1); j--) {
                    swap(j, j - 1);
                }
            }
        }

        private void siftDown(int lo, int hi, int first) {
            int root = lo;
            while (true) {
                int child = 2 * root + 1;
                if (child >= hi) {
                    return;
                }
                if (child + 1 < hi && less(first + child, first + child + 1)) {
                    child++;
                }
                if (!less(first + root, first + child)) {
                    return;
                }
                swap(first + root, first + child);
                root = child;
            }
        }

        private void heapSort(int a, int b) {
            int hi = b - a;
            for (int i = (hi - 1) / 2; i >= 0; i--) {
                siftDown(i, hi, a);
            }
            for (int i = hi - 1; i >= 0; i--) {
                swap(a, a + i);
                siftDown(0, i, a);
            }
        }

        /** Returns {newPivot, alreadyPartitioned ? 1 : 0}. */
        private int[] partition(int a, int b, int pivot) {
            swap(a, pivot);
            int i = a + 1;
            int j = b - 1;
            while (i <= j && less(i, a)) {
                i++;
            }
            while (i <= j && !less(j, a)) {
                j--;
            }
            if (i > j) {
                swap(j, a);
                return new int[] {j, 1};
            }
            swap(i, j);
            i++;
            j--;
            while (true) {
                while (i <= j && less(i, a)) {
                    i++;
                }
                while (i <= j && !less(j, a)) {
                    j--;
                }
                if (i > j) {
                    break;
                }
                swap(i, j);
                i++;
                j--;
            }
            swap(j, a);
            return new int[] {j, 0};
        }

        private int partitionEqual(int a, int b, int pivot) {
            swap(a, pivot);
            int i = a + 1;
            int j = b - 1;
            while (true) {
                while (i <= j && !less(a, i)) {
                    i++;
                }
                while (i <= j && less(a, j)) {
                    j--;
                }
                if (i > j) {
                    return i;
                }
                swap(i, j);
                i++;
                j--;
            }
        }

        private boolean partialInsertionSort(int a, int b) {
            int maxSteps = 5;
            int shortestShifting = 50;
            int i = a + 1;
            for (int step = 0; step < maxSteps; step++) {
                while (i < b && !less(i, i - 1)) {
                    i++;
                }
                if (i == b) {
                    return true;
                }
                if (b - a < shortestShifting) {
                    return false;
                }
                swap(i, i - 1);
                if (i - a >= 2) { // shift the smaller one to the left
                    for (int j = i - 1; j >= 1 && less(j, j - 1); j--) {
                        swap(j, j - 1);
                    }
                }
                if (b - i >= 2) { // shift the greater one to the right
                    for (int j = i + 1; j < b && less(j, j - 1); j++) {
                        swap(j, j - 1);
                    }
                }
            }
            return false;
        }

        private void breakPatterns(int a, int b) {
            int length = b - a;
            if (length < 8) {
                return;
            }
            long random = length; // Go's xorshift, seeded with the length: deterministic
            int modulus = 1 << bitLength(length);
            for (int idx = a + (length / 4) * 2 - 1; idx <= a + (length / 4) * 2 + 1; idx++) {
                random ^= random << 13;
                random ^= random >>> 7;
                random ^= random << 17;
                int other = (int) (random & (modulus - 1));
                if (other >= length) {
                    other -= length;
                }
                swap(idx, a + other);
            }
        }

        private int choosePivot(int a, int b, int[] swaps) {
            int l = b - a;
            int i = a + l / 4;
            int j = a + l / 4 * 2;
            int k = a + l / 4 * 3;
            if (l >= 8) {
                if (l >= 50) { // Tukey's ninther
                    i = median(i - 1, i, i + 1, swaps);
                    j = median(j - 1, j, j + 1, swaps);
                    k = median(k - 1, k, k + 1, swaps);
                }
                j = median(i, j, k, swaps);
            }
            return j;
        }

        private int median(int a, int b, int c, int[] swaps) {
            if (less(b, a)) {
                swaps[0]++;
                int t = a;
                a = b;
                b = t;
            }
            if (less(c, b)) {
                swaps[0]++;
                b = c;
            }
            if (less(b, a)) {
                swaps[0]++;
                b = a;
            }
            return b;
        }

        private void reverseRange(int a, int b) {
            for (int i = a, j = b - 1; i < j; i++, j--) {
                swap(i, j);
            }
        }
    }
}
