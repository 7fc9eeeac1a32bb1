package dev.holdfast.drift;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what the go command reads from a Go source file to find the packages it imports (cmd/go's
 * {@code imports.ReadImports} and {@code ShouldBuild} with {@code AnyTags}, the way {@code go mod tidy}
 * scans): the build constraints in the file's header, the package clause, and the import declarations
 * that follow it.
 *
 * <p>With {@code AnyTags} every build tag counts as both set and unset, except {@code ignore}: a file is
 * left out only when its {@code //go:build} expression (or, without one, a {@code // +build} line) can
 * be satisfied by no choice of tags in which {@code ignore} is unset, or when its constraint does not
 * parse. Limits of this reader, beyond which it may disagree with the go command: it is not a full Go
 * lexer — a file that is not valid Go up to the end of its imports is read as far as it makes sense;
 * {@code \}-escapes in import paths are not decoded (a path with one is skipped, as no valid import
 * path needs one); and {@code //go:binary-only-package} is not recognized. Stateless.
 */
final class GoFileImports {
    private GoFileImports() {}

    /**
     * Returns the import paths of Go source file {@code src} in order (duplicates kept), or empty when
     * the file's build constraints leave it out of every build ({@code //go:build ignore}).
     */
    static Optional<List<String>> read(byte[] src) {
        String text = new String(src, StandardCharsets.UTF_8);
        if (!shouldBuild(text)) {
            return Optional.empty();
        }
        return Optional.of(new Reader(text).imports());
    }

    /** Reports whether a file with {@code text} is built under AnyTags (cmd/go imports.ShouldBuild). */
    static boolean shouldBuild(String text) {
        Header header = Header.parse(text);
        if (header == null) {
            return false; // two //go:build lines
        }
        if (header.goBuild() != null) {
            return Constraint.evaluate(header.goBuild().substring("//go:build".length()), false);
        }
        for (String line : header.plusBuild()) {
            String expr = line.substring(2).strip().substring("+build".length());
            if (!Constraint.evaluate(expr, true)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The leading comments of a file: its {@code //go:build} line (anywhere before the first code) and
     * its {@code // +build} lines (only those before the last blank line that precedes the first code).
     */
    private record Header(String goBuild, List<String> plusBuild) {
        static Header parse(String text) {
            String goBuild = null;
            List<String> plus = new ArrayList<>();
            List<String> pendingPlus = new ArrayList<>();
            boolean inSlashStar = false;
            for (String raw : text.split("\n", -1)) {
                String line = raw.strip();
                if (line.isEmpty() && !inSlashStar) {
                    plus.addAll(pendingPlus); // a blank line: +build lines above it count
                    pendingPlus.clear();
                    continue;
                }
                if (!inSlashStar && isGoBuild(line)) {
                    if (goBuild != null) {
                        return null;
                    }
                    goBuild = line;
                }
                if (!inSlashStar && line.startsWith("//")) {
                    if (line.substring(2).strip().startsWith("+build")
                            && (line.substring(2).strip().length() == 6
                                    || Character.isWhitespace(
                                            line.substring(2).strip().charAt(6)))) {
                        pendingPlus.add(line);
                    }
                    continue;
                }
                // Block comments may precede the code; anything else ends the header.
                String rest = line;
                while (!rest.isEmpty()) {
                    if (inSlashStar) {
                        int end = rest.indexOf("*/");
                        if (end < 0) {
                            rest = "";
                            break;
                        }
                        inSlashStar = false;
                        rest = rest.substring(end + 2).strip();
                    } else if (rest.startsWith("//")) {
                        rest = "";
                    } else if (rest.startsWith("/*")) {
                        inSlashStar = true;
                        rest = rest.substring(2).strip();
                    } else {
                        return new Header(goBuild, plus);
                    }
                }
                pendingPlus.clear(); // after a /* comment, +build lines no longer count
            }
            return new Header(goBuild, plus);
        }

        private static boolean isGoBuild(String line) {
            return line.startsWith("//go:build") && (line.length() == 10 || Character.isWhitespace(line.charAt(10)));
        }
    }

    /**
     * A build constraint expression evaluated the AnyTags way: a tag other than {@code ignore} is
     * whatever the evaluation prefers (true, or false under a {@code !}); {@code ignore} and malformed
     * tags are false.
     */
    private static final class Constraint {
        private final String s;
        private int i;

        private Constraint(String s) {
            this.s = s;
        }

        /**
         * Evaluates {@code expr}: a {@code //go:build} expression, or with {@code plusBuild} the rest of
         * a {@code // +build} line (space-separated alternatives of comma-separated terms). A malformed
         * expression is false.
         */
        static boolean evaluate(String expr, boolean plusBuild) {
            if (plusBuild) {
                expr = String.join(" || ", expr.strip().split("\\s+")).replace(",", " && ");
                if (expr.isBlank()) {
                    return true;
                }
            }
            Constraint c = new Constraint(expr);
            try {
                Boolean result = c.or(true);
                c.skipSpace();
                return c.i == c.s.length() && result;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private Boolean or(boolean prefer) {
            boolean v = and(prefer);
            while (eat("||")) {
                v |= and(prefer);
            }
            return v;
        }

        private boolean and(boolean prefer) {
            boolean v = not(prefer);
            while (eat("&&")) {
                v &= not(prefer);
            }
            return v;
        }

        private boolean not(boolean prefer) {
            if (eat("!")) {
                return !not(!prefer);
            }
            if (eat("(")) {
                boolean v = or(prefer);
                if (!eat(")")) {
                    throw new IllegalArgumentException("missing )");
                }
                return v;
            }
            skipSpace();
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "!()&|".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String tag = s.substring(start, i);
            if (tag.isEmpty()) {
                throw new IllegalArgumentException("missing tag");
            }
            return matchTag(tag, prefer);
        }

        private static boolean matchTag(String tag, boolean prefer) {
            for (int k = 0; k < tag.length(); ) {
                int c = tag.codePointAt(k);
                if (!Character.isLetterOrDigit(c) && c != '_' && c != '.') {
                    return false;
                }
                k += Character.charCount(c);
            }
            return !tag.equals("ignore") && prefer;
        }

        private boolean eat(String token) {
            skipSpace();
            if (s.startsWith(token, i)) {
                i += token.length();
                return true;
            }
            return false;
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }

    /** A reader of the package clause and import declarations, skipping comments and whitespace. */
    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        List<String> imports() {
            List<String> out = new ArrayList<>();
            if (!word().equals("package") || word().isEmpty()) {
                return out;
            }
            while (true) {
                skip();
                if (i < s.length() && s.charAt(i) == ';') {
                    i++;
                    continue;
                }
                if (!peekWord().equals("import")) {
                    return out;
                }
                word();
                skip();
                if (i < s.length() && s.charAt(i) == '(') {
                    i++;
                    while (true) {
                        skip();
                        if (i >= s.length()) {
                            return out;
                        }
                        if (s.charAt(i) == ')') {
                            i++;
                            break;
                        }
                        if (s.charAt(i) == ';') {
                            i++;
                            continue;
                        }
                        if (!spec(out)) {
                            return out;
                        }
                    }
                } else if (!spec(out)) {
                    return out;
                }
            }
        }

        /** Reads {@code [name] "path"}; false when the text is not an import spec. */
        private boolean spec(List<String> out) {
            skip();
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
            } else if (i < s.length() && s.charAt(i) != '"' && s.charAt(i) != '`') {
                if (word().isEmpty()) {
                    return false;
                }
            }
            skip();
            if (i >= s.length()) {
                return false;
            }
            char q = s.charAt(i);
            if (q != '"' && q != '`') {
                return false;
            }
            int end = s.indexOf(q, i + 1);
            if (end < 0 || s.substring(i + 1, end).indexOf('\n') >= 0) {
                return false;
            }
            String path = s.substring(i + 1, end);
            i = end + 1;
            if (q == '`' || path.indexOf('\\') < 0) {
                out.add(path);
            }
            return true;
        }

        private String peekWord() {
            int save = i;
            String w = word();
            i = save;
            return w;
        }

        private String word() {
            skip();
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.codePointAt(i)) || s.charAt(i) == '_')) {
                i += Character.charCount(s.codePointAt(i));
            }
            return s.substring(start, i);
        }

        /** Skips whitespace and comments. */
        private void skip() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (s.startsWith("//", i)) {
                    int nl = s.indexOf('\n', i);
                    i = nl < 0 ? s.length() : nl + 1;
                } else if (s.startsWith("/*", i)) {
                    int end = s.indexOf("*/", i + 2);
                    i = end < 0 ? s.length() : end + 2;
                } else {
                    return;
                }
            }
        }
    }
}
