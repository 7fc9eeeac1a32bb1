package dev.holdfast.module;

/**
 * Slash-separated path arithmetic exactly as Go's {@code path} package does it ({@code Clean}, {@code
 * Dir}, {@code Join}; the same as {@code filepath} on Unix): the zip rules check file names with it and
 * the go command builds proxy URLs and default directories with it. {@link java.nio.file.Path#normalize()}
 * differs in corners (an empty path, {@code ..} at the root).
 */
public final class GoPath {
    private GoPath() {}

    /**
     * Returns path.Clean(p): the shortest path equivalent to {@code p}, with repeated slashes, {@code .}
     * elements and {@code ..} elements that have a parent removed, {@code ..} at the root dropped, and
     * {@code "."} for an empty result.
     */
    public static String clean(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        boolean rooted = p.charAt(0) == '/';
        int n = p.length();
        StringBuilder out = new StringBuilder(n);
        int r = 0;
        int dotdotFloor = 0; // what stands before this index of out is ".." that cannot be removed
        if (rooted) {
            out.append('/');
            r = 1;
            dotdotFloor = 1;
        }
        while (r < n) {
            char c = p.charAt(r);
            if (c == '/') {
                r++;
            } else if (c == '.' && (r + 1 == n || p.charAt(r + 1) == '/')) {
                r++;
            } else if (c == '.' && p.charAt(r + 1) == '.' && (r + 2 == n || p.charAt(r + 2) == '/')) {
                r += 2;
                if (out.length() > dotdotFloor) {
                    int w = out.length() - 1;
                    while (w > dotdotFloor && out.charAt(w) != '/') {
                        w--;
                    }
                    out.setLength(w);
                } else if (!rooted) {
                    if (!out.isEmpty()) {
                        out.append('/');
                    }
                    out.append("..");
                    dotdotFloor = out.length();
                }
            } else {
                if (rooted && out.length() != 1 || !rooted && !out.isEmpty()) {
                    out.append('/');
                }
                for (; r < n && p.charAt(r) != '/'; r++) {
                    out.append(p.charAt(r));
                }
            }
        }
        return out.isEmpty() ? "." : out.toString();
    }

    /** Returns path.Dir(p): all but the last element, cleaned. */
    public static String dir(String p) {
        int slash = p.lastIndexOf('/');
        return clean(p.substring(0, slash + 1));
    }

    /** Returns path.Join: the non-empty {@code elems} joined with slashes and cleaned; {@code ""} if all are empty. */
    public static String join(String... elems) {
        StringBuilder b = new StringBuilder();
        for (String e : elems) {
            if (e.isEmpty()) {
                continue;
            }
            if (!b.isEmpty()) {
                b.append('/');
            }
            b.append(e);
        }
        return b.isEmpty() ? "" : clean(b.toString());
    }
}
