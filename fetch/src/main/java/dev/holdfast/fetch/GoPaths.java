package dev.holdfast.fetch;

/**
 * Slash-separated path arithmetic exactly as Go's {@code path.Clean} and {@code path.Join} (the same as
 * {@code filepath} on Unix), which the go command uses to build proxy URLs and default directories.
 * {@link java.nio.file.Path#normalize()} differs in corners (an empty path, {@code ..} at the root).
 */
final class GoPaths {
    private GoPaths() {}

    /**
     * Returns the shortest path equivalent to {@code path}: repeated slashes, {@code .} elements and
     * {@code ..} elements with a parent are removed, {@code ..} at the root is dropped, and the empty
     * result is {@code "."}.
     */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        StringBuilder out = new StringBuilder(path.length());
        int dotdotFloor = 0; // elements before this index in out are ".." that cannot be removed
        if (rooted) {
            out.append('/');
            dotdotFloor = 1;
        }
        int n = path.length();
        for (int r = 0; r < n; ) {
            if (path.charAt(r) == '/') {
                r++;
            } else if (path.charAt(r) == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
                r++;
            } else if (path.startsWith("..", r) && (r + 2 == n || path.charAt(r + 2) == '/')) {
                r += 2;
                if (out.length() > dotdotFloor) {
                    int w = out.length() - 1;
                    while (w > dotdotFloor && out.charAt(w) != '/') {
                        w--;
                    }
                    out.setLength(w);
                } else if (!rooted) {
                    if (out.length() > 0) {
                        out.append('/');
                    }
                    out.append("..");
                    dotdotFloor = out.length();
                }
            } else {
                if (rooted && out.length() != 1 || !rooted && out.length() != 0) {
                    out.append('/');
                }
                while (r < n && path.charAt(r) != '/') {
                    out.append(path.charAt(r++));
                }
            }
        }
        return out.isEmpty() ? "." : out.toString();
    }

    /** Returns the non-empty {@code elems} joined with slashes and cleaned; {@code ""} if all are empty. */
    static String join(String... elems) {
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
