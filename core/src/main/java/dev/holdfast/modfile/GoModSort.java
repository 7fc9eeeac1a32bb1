package dev.holdfast.modfile;

import dev.holdfast.modfile.GoModFile.Entry;
import dev.holdfast.modfile.GoModSyntax.Expr;
import dev.holdfast.modfile.GoModSyntax.Line;
import dev.holdfast.modfile.GoModSyntax.LineBlock;
import dev.holdfast.semver.Semver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Removes duplicate directives and sorts the lines inside blocks (x/mod's {@code SortBlocks}).
 *
 * <p>The sort is a port of Go's {@code slices.SortStableFunc} (insertion sort of runs of 20, then
 * SymMerge) rather than Java's TimSort: the exclude comparison is not transitive when lines of
 * different lengths are mixed, and only the same algorithm then gives the same order.
 */
final class GoModSort {
    private GoModSort() {}

    /** Lines in exclude blocks sort by semantic version from this go version on (go.dev/issue/60028). */
    private static final String SEMANTIC_EXCLUDE_SORT_FROM = "v1.21";

    static void sortBlocks(GoModFile f) {
        removeDups(f);
        boolean semanticExclude = f.go != null && Semver.compare("v" + f.go.value, SEMANTIC_EXCLUDE_SORT_FROM) >= 0;
        for (Expr stmt : f.syntax.stmts) {
            if (stmt instanceof LineBlock block) {
                Comparator<Line> cmp = GoModSort::compareLine;
                if (block.token.getFirst().equals("exclude") && semanticExclude) {
                    cmp = GoModSort::compareLineExclude;
                } else if (block.token.getFirst().equals("retract")) {
                    cmp = GoModSort::compareLineRetract;
                }
                sortStable(block.lines, cmp);
            }
        }
    }

    /**
     * Removes duplicate exclude, tool and ignore directives (the first wins) and replace directives
     * with the same old module version (the last wins), and blocks left empty. Requirements and
     * retractions are never de-duplicated.
     */
    private static void removeDups(GoModFile f) {
        Set<Line> kill = Collections.newSetFromMap(new IdentityHashMap<>());
        killLaterDuplicates(f.excludes, x -> x, kill);
        killLaterDuplicates(f.replaces.reversed(), r -> List.of(r.oldPath(), r.oldVersion()), kill);
        killLaterDuplicates(f.tools, t -> t, kill);
        killLaterDuplicates(f.ignores, t -> t, kill);
        List<Expr> stmts = new ArrayList<>();
        for (Expr stmt : f.syntax.stmts) {
            if (stmt instanceof Line l && kill.contains(l)) {
                continue;
            }
            if (stmt instanceof LineBlock b) {
                b.lines = new ArrayList<>(
                        b.lines.stream().filter(l -> !kill.contains(l)).toList());
                if (b.lines.isEmpty()) {
                    continue;
                }
            }
            stmts.add(stmt);
        }
        f.syntax.stmts = stmts;
    }

    private static <T> void killLaterDuplicates(List<Entry<T>> entries, Function<T, Object> key, Set<Line> kill) {
        Set<Object> seen = new HashSet<>();
        for (Entry<T> e : entries) {
            if (e.value != null && !seen.add(key.apply(e.value))) {
                kill.add(e.syntax);
            }
        }
        entries.removeIf(e -> e.value != null && kill.contains(e.syntax));
    }

    private static List<String> tokens(Line l) {
        return l.token == null ? List.of() : l.token;
    }

    /** Compares lines token by token in byte order, a shorter line first on a tie. */
    static int compareLine(Line li, Line lj) {
        List<String> ti = tokens(li);
        List<String> tj = tokens(lj);
        for (int k = 0; k < ti.size() && k < tj.size(); k++) {
            int c = ti.get(k).compareTo(tj.get(k)); // byte strings: char order is byte order
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return Integer.compare(ti.size(), tj.size());
    }

    /** Compares exclude lines by path, then by semantic version; other shapes as {@link #compareLine}. */
    static int compareLineExclude(Line li, Line lj) {
        List<String> ti = tokens(li);
        List<String> tj = tokens(lj);
        if (ti.size() != 2 || tj.size() != 2) {
            return compareLine(li, lj);
        }
        int c = ti.getFirst().compareTo(tj.getFirst());
        if (c != 0) {
            return Integer.signum(c);
        }
        return Semver.compare(ti.get(1), tj.get(1));
    }

    /** Compares retract lines as intervals, newest first: by low version, then by high version. */
    static int compareLineRetract(Line li, Line lj) {
        List<String> vi = interval(tokens(li));
        List<String> vj = interval(tokens(lj));
        int c = Semver.compare(vi.get(0), vj.get(0));
        if (c != 0) {
            return -c;
        }
        return -Semver.compare(vi.get(1), vj.get(1));
    }

    private static List<String> interval(List<String> t) {
        if (t.size() == 1) {
            return List.of(t.getFirst(), t.getFirst());
        }
        if (t.size() == 5
                && t.get(0).equals("[")
                && t.get(2).equals(",")
                && t.get(4).equals("]")) {
            return List.of(t.get(1), t.get(3));
        }
        return List.of("", ""); // unknown shape: an invalid version
    }

    /** Sorts {@code data} stably exactly as Go's slices.SortStableFunc does. */
    static <E> void sortStable(List<E> data, Comparator<E> cmp) {
        int n = data.size();
        int blockSize = 20;
        int a = 0;
        int b = blockSize;
        while (b <= n) {
            insertionSort(data, a, b, cmp);
            a = b;
            b += blockSize;
        }
        insertionSort(data, a, n, cmp);
        while (blockSize < n) {
            a = 0;
            b = 2 * blockSize;
            while (b <= n) {
                symMerge(data, a, a + blockSize, b, cmp);
                a = b;
                b += 2 * blockSize;
            }
            int m = a + blockSize;
            if (m < n) {
                symMerge(data, a, m, n, cmp);
            }
            blockSize *= 2;
        }
    }

    private static <E> void insertionSort(List<E> data, int a, int b, Comparator<E> cmp) {
        for (int i = a + 1; i < b; i++) {
            for (int j = i; j > a && cmp.compare(data.get(j), data.get(j - 1)) < 0; j--) {
                Collections.swap(data, j, j - 1);
            }
        }
    }

    private static <E> void symMerge(List<E> data, int a, int m, int b, Comparator<E> cmp) {
        if (m - a == 1) {
            // Insert data[a] before the first element of data[m:b] that is not less than it.
            int i = m;
            int j = b;
            while (i < j) {
                int h = (i + j) >>> 1;
                if (cmp.compare(data.get(h), data.get(a)) < 0) {
                    i = h + 1;
                } else {
                    j = h;
                }
            }
            for (int k = a; k < i - 1; k++) {
                Collections.swap(data, k, k + 1);
            }
            return;
        }
        if (b - m == 1) {
            // Insert data[m] after the last element of data[a:m] that is not greater than it.
            int i = a;
            int j = m;
            while (i < j) {
                int h = (i + j) >>> 1;
                if (!(cmp.compare(data.get(m), data.get(h)) < 0)) {
                    i = h + 1;
                } else {
                    j = h;
                }
            }
            for (int k = m; k > i; k--) {
                Collections.swap(data, k, k - 1);
            }
            return;
        }
        int mid = (a + b) >>> 1;
        int n = mid + m;
        int start;
        int r;
        if (m > mid) {
            start = n - b;
            r = mid;
        } else {
            start = a;
            r = m;
        }
        int p = n - 1;
        while (start < r) {
            int c = (start + r) >>> 1;
            if (!(cmp.compare(data.get(p - c), data.get(c)) < 0)) {
                start = c + 1;
            } else {
                r = c;
            }
        }
        int end = n - start;
        if (start < m && m < end) {
            rotate(data, start, m, end);
        }
        if (a < start && start < mid) {
            symMerge(data, a, start, mid, cmp);
        }
        if (mid < end && end < b) {
            symMerge(data, mid, end, b, cmp);
        }
    }

    private static <E> void rotate(List<E> data, int a, int m, int b) {
        int i = m - a;
        int j = b - m;
        while (i != j) {
            if (i > j) {
                swapRange(data, m - i, m, j);
                i -= j;
            } else {
                swapRange(data, m - i, m + j - i, i);
                j -= i;
            }
        }
        swapRange(data, m - i, m, i);
    }

    private static <E> void swapRange(List<E> data, int a, int b, int n) {
        for (int i = 0; i < n; i++) {
            Collections.swap(data, a + i, b + i);
        }
    }
}
