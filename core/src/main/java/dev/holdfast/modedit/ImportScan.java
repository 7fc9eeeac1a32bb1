package dev.holdfast.modedit;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the imports of Go source files that come from other modules: a lexical scan of the import
 * declarations, enough to tell whether loading a package makes the go command load other modules'
 * packages too (which {@link GoGet} does not model). Stateless and thread-safe.
 */
public final class ImportScan {
    /** An import declaration: a parenthesized group, or one spec on its line. */
    private static final Pattern IMPORT_DECL = Pattern.compile("(?m)^\\s*import\\s*(?:\\(([^)]*)\\)|([^\\n]*))");

    /** A Go string literal in an import spec. */
    private static final Pattern QUOTED = Pattern.compile("[\"`]([^\"`]*)[\"`]");

    private ImportScan() {}

    /**
     * Returns the import paths of Go source file {@code source} outside the standard library (paths whose
     * first element has a dot, as the go command's IsStandardImportPath tells them apart), sorted.
     */
    public static List<String> scan(String source) {
        TreeSet<String> found = new TreeSet<>();
        addTo(found, source);
        return List.copyOf(found);
    }

    /** Returns the union of {@link #scan} over several files, sorted. */
    public static List<String> scan(Collection<String> sources) {
        TreeSet<String> found = new TreeSet<>();
        sources.forEach(s -> addTo(found, s));
        return List.copyOf(found);
    }

    private static void addTo(TreeSet<String> found, String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", "");
        Matcher decl = IMPORT_DECL.matcher(code);
        while (decl.find()) {
            String body = decl.group(1) != null ? decl.group(1) : decl.group(2);
            Matcher path = QUOTED.matcher(body);
            while (path.find()) {
                String p = path.group(1);
                String first = p.contains("/") ? p.substring(0, p.indexOf('/')) : p;
                if (first.contains(".")) {
                    found.add(p);
                }
            }
        }
    }
}
