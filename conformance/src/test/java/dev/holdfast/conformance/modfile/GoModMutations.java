package dev.holdfast.conformance.modfile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded random edits of go.mod text that stress the lexer, parser, comment attachment and
 * printer: comments and blank lines in odd places, blocks split and merged, quoting, CRLF, stray
 * punctuation, non-ASCII and invalid UTF-8. Works on byte strings (ISO-8859-1, one char per byte).
 */
final class GoModMutations {
    private GoModMutations() {}

    private static final String[] COMMENTS = {
        "// note", "//", "//tight", "// indirect", "// indirect; why", "// Deprecated: use example.com/other",
        "// café ✓", "// 中文", "// \u00a0nbsp\u00a0", "// line\u2028sep", "// emoji 😀", "// tab\there"
    };
    private static final String[] NOISE = {
        "(", ")", "()", "[", "]", "{", "}", ",", "\"", "`", "'", "=>", "/*", "//", "\\", " ", "\t", "\r", "\u000b",
        "\u00a0", "\ufeff", "é", "x", "v1.0.0", "\n"
    };
    private static final Pattern BLOCK = Pattern.compile("(?m)^([a-z]+) \\(\\n((?:.*\\n)*?)\\)\\n");
    private static final Pattern LINE = Pattern.compile("(?m)^(require|exclude|replace|retract|godebug|tool) (.*)\\n");
    private static final Pattern PATH_TOKEN =
            Pattern.compile("(?m)^(\\s*(?:require |module |exclude |replace )?)(\\S+\\.\\S+)");

    private static final List<BiFunction<String, Random, String>> MUTATIONS = List.of(
            GoModMutations::wholeLineComment,
            GoModMutations::suffixComment,
            GoModMutations::blankLines,
            GoModMutations::splitBlock,
            GoModMutations::mergeLines,
            GoModMutations::quotePath,
            (s, r) -> s.replace("\n", "\r\n"),
            GoModMutations::trailingSpace,
            GoModMutations::emptyBlock,
            GoModMutations::noise,
            (s, r) -> s.endsWith("\n") ? s.substring(0, s.length() - 1) : s + "\n\n\n",
            GoModMutations::duplicateLine,
            GoModMutations::oddGoVersion,
            GoModMutations::retract,
            GoModMutations::deprecation,
            GoModMutations::invalidUtf8);

    /** Returns {@code input} after one to four random mutations. */
    static byte[] mutate(byte[] input, Random random) {
        String s = new String(input, StandardCharsets.ISO_8859_1);
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            s = MUTATIONS.get(random.nextInt(MUTATIONS.size())).apply(s, random);
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Returns the offsets just after each newline, plus 0. */
    private static List<Integer> lineStarts(String s) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) {
            starts.add(i + 1);
        }
        return starts;
    }

    private static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    private static <T> T pick(T[] array, Random r) {
        return array[r.nextInt(array.length)];
    }

    private static String insert(String s, int at, String text) {
        return s.substring(0, at) + text + s.substring(at);
    }

    private static String wholeLineComment(String s, Random r) {
        String indent = pick(new String[] {"", "\t", "  ", "\t\t"}, r);
        return insert(s, pick(lineStarts(s), r), indent + utf8(pick(COMMENTS, r)) + "\n");
    }

    private static String suffixComment(String s, Random r) {
        List<Integer> ends = new ArrayList<>();
        for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) {
            ends.add(i);
        }
        if (ends.isEmpty()) {
            return s + " " + utf8(pick(COMMENTS, r));
        }
        return insert(s, pick(ends, r), pick(new String[] {" ", "", "\t"}, r) + utf8(pick(COMMENTS, r)));
    }

    private static String blankLines(String s, Random r) {
        return insert(s, pick(lineStarts(s), r), "\n".repeat(1 + r.nextInt(3)));
    }

    private static String splitBlock(String s, Random r) {
        Matcher m = BLOCK.matcher(s);
        List<int[]> blocks = new ArrayList<>();
        List<String> replacements = new ArrayList<>();
        while (m.find()) {
            StringBuilder lines = new StringBuilder();
            for (String line : m.group(2).split("\n")) {
                String t = line.strip();
                lines.append(t.isEmpty() || t.startsWith("//") ? t : m.group(1) + " " + t)
                        .append('\n');
            }
            blocks.add(new int[] {m.start(), m.end()});
            replacements.add(lines.toString());
        }
        if (blocks.isEmpty()) {
            return s;
        }
        int i = r.nextInt(blocks.size());
        return s.substring(0, blocks.get(i)[0]) + replacements.get(i) + s.substring(blocks.get(i)[1]);
    }

    private static String mergeLines(String s, Random r) {
        Matcher m = LINE.matcher(s);
        List<MatchResult> found = new ArrayList<>();
        while (m.find()) {
            found.add(new MatchResult(m.start(), m.end(), m.group(1), m.group(2)));
        }
        if (found.isEmpty()) {
            return s;
        }
        MatchResult first = pick(found, r);
        StringBuilder block = new StringBuilder(first.verb() + " (\n\t" + first.rest() + "\n");
        // Pull in a following line of the same verb, if any, to make a two-line block.
        for (MatchResult other : found) {
            if (other.start() > first.start() && other.verb().equals(first.verb())) {
                block.append("\t").append(other.rest()).append("\n)\n");
                String without = s.substring(0, other.start()) + s.substring(other.end());
                return without.substring(0, first.start()) + block + without.substring(first.end());
            }
        }
        return s.substring(0, first.start()) + block.append(")\n") + s.substring(first.end());
    }

    private record MatchResult(int start, int end, String verb, String rest) {}

    private static String quotePath(String s, Random r) {
        Matcher m = PATH_TOKEN.matcher(s);
        List<int[]> tokens = new ArrayList<>();
        while (m.find()) {
            tokens.add(new int[] {m.start(2), m.end(2)});
        }
        if (tokens.isEmpty()) {
            return s;
        }
        int[] t = pick(tokens, r);
        String q = pick(new String[] {"\"", "\"", "`", "'"}, r);
        return s.substring(0, t[0]) + q + s.substring(t[0], t[1]) + q + s.substring(t[1]);
    }

    private static String trailingSpace(String s, Random r) {
        return s.replace("\n", pick(new String[] {" \n", "\t\n", " \t \n"}, r))
                .replaceFirst("(?m)^(\\S)", pick(new String[] {" ", "\t", "  "}, r) + "$1");
    }

    private static String emptyBlock(String s, Random r) {
        String block = pick(
                new String[] {
                    "require ()\n",
                    "exclude (\n)\n",
                    "replace (\n\n)\n",
                    "retract ( // c\n)\n",
                    "require (\n\t// only a comment\n)\n",
                    "require () // c\n"
                },
                r);
        return insert(s, pick(lineStarts(s), r), block);
    }

    private static String noise(String s, Random r) {
        int at = r.nextInt(s.length() + 1);
        return insert(s, at, utf8(pick(NOISE, r)));
    }

    private static String duplicateLine(String s, Random r) {
        List<Integer> starts = lineStarts(s);
        int i = r.nextInt(starts.size());
        int end = i + 1 < starts.size() ? starts.get(i + 1) : s.length();
        String line = s.substring(starts.get(i), end);
        return insert(s, end, line.endsWith("\n") ? line : "\n" + line);
    }

    private static String oddGoVersion(String s, Random r) {
        String v = pick(
                new String[] {"1.21.x", "v1.21rc1", "1.21rc1", "1.2.3.4", "1.21-pre", "01.2", "1.21 extra", "1.22"}, r);
        String replaced = s.replaceFirst("(?m)^go \\S+", "go " + v);
        return replaced.equals(s) ? insert(s, 0, "go " + v + "\n") : replaced;
    }

    private static String retract(String s, Random r) {
        String line = pick(
                new String[] {
                    "retract [v1.0.0, v1.0.1] // why\n",
                    "retract [ v1.0.0 ,v1.0.1 ]\n",
                    "retract v0.1.0\n",
                    "retract (\n\t// Rationale.\n\tv1.2.0\n\t[v1.3.0, v1.4.0]\n)\n",
                    "retract [v1.0.0\n",
                    "retract v1.0.0 extra\n",
                    "retract \"v1.0.0\"\n",
                    "retract (v1.0.0)\n"
                },
                r);
        return insert(s, pick(lineStarts(s), r), line);
    }

    private static String deprecation(String s, Random r) {
        String c = pick(
                new String[] {
                    "// Deprecated: use example.com/new instead.\n",
                    "// Some text.\n//\n// Deprecated: gone\n// for good.\n",
                    "// Deprecated:\n"
                },
                r);
        String replaced = s.replaceFirst("(?m)^module ", c + "module ");
        return replaced.equals(s) ? s : replaced;
    }

    private static String invalidUtf8(String s, Random r) {
        String bad = pick(new String[] {"\u00ff", "\u00c3", "\u00e2\u0082", "\u00ed\u00a0\u0080", "\u00c0\u00af"}, r);
        return insert(s, r.nextInt(s.length() + 1), bad);
    }
}
