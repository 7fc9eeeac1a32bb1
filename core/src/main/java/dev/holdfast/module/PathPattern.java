package dev.holdfast.module;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The go command's {@code ...} patterns over module and package paths (cmd/internal/pkgpattern {@code
 * MatchPattern}): {@code ...} matches any string, a trailing {@code /...} also matches the path before
 * it ({@code example.com/x/...} matches {@code example.com/x}), and a wildcard never matches a {@code
 * vendor} path element other than the last, unless the pattern names it. Matching is by regular
 * expression, linear in the name, as in Go.
 */
public final class PathPattern {
    private static final String NUL = "\u0000";
    private static final String WILD = "[^\u0000]*";

    private PathPattern() {}

    /** Returns the matcher of {@code pattern}. */
    public static Predicate<String> matcher(String pattern) {
        if (pattern.contains(NUL)) {
            return name -> false;
        }
        String p = replaceVendor(pattern);
        String suffix = "";
        if (p.endsWith("/" + NUL + "/...")) {
            p = p.substring(0, p.length() - ("/" + NUL + "/...").length());
            suffix = "(/vendor|/" + NUL + "/" + WILD + ")";
        } else if (p.equals(NUL + "/...")) {
            p = "";
            suffix = "(/vendor|/" + NUL + "/" + WILD + ")";
        } else if (p.endsWith("/...")) {
            p = p.substring(0, p.length() - "/...".length());
            suffix = "(/" + WILD + ")?";
        }
        StringBuilder re = new StringBuilder();
        List<String> literals = List.of(p.split("\\.\\.\\.", -1));
        for (int i = 0; i < literals.size(); i++) {
            if (i > 0) {
                re.append(WILD);
            }
            if (!literals.get(i).isEmpty()) {
                re.append(Pattern.quote(literals.get(i)));
            }
        }
        Pattern compiled = Pattern.compile(re + suffix);
        return name ->
                !name.contains(NUL) && compiled.matcher(replaceVendor(name)).matches();
    }

    /** Replaces every {@code vendor} path element but the last with NUL (pkgpattern's replaceVendor). */
    private static String replaceVendor(String x) {
        if (!x.contains("vendor")) {
            return x;
        }
        String[] elem = x.split("/", -1);
        for (int i = 0; i < elem.length - 1; i++) {
            if (elem[i].equals("vendor")) {
                elem[i] = NUL;
            }
        }
        return String.join("/", elem);
    }
}
