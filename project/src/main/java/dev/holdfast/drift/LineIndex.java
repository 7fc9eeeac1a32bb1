package dev.holdfast.drift;

import dev.holdfast.module.GoStrings;
import dev.holdfast.module.ModuleVersion;
import dev.holdfast.semver.Semver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where things are in the main module's go.mod and go.sum, so that findings can point at a line: the
 * directives of go.mod by verb and arguments, and the lines of go.sum by module, version and hash.
 *
 * <p>The go.mod side is a line scanner, not a parser (the file has been parsed strictly before): it
 * strips {@code //} comments, tracks {@code verb (} ... {@code )} blocks and unquotes {@code "..."}
 * arguments, which is all a go.mod written by the go command needs. Immutable.
 */
final class LineIndex {
    static final String GO_MOD = "go.mod";
    static final String GO_SUM = "go.sum";

    /** One go.mod directive line: its 1-based number, verb and arguments. */
    private record Directive(int line, String verb, List<String> args) {}

    /**
     * One go.sum line.
     *
     * @param line its 1-based number
     * @param path the module path
     * @param version the version, with {@code /go.mod} for a go.mod hash
     * @param hash the hash
     */
    record SumLine(int line, String path, String version, String hash) {
        ModuleVersion key() {
            return new ModuleVersion(path, version);
        }
    }

    /** The go.sum order (module.Sort): path, then the version before any {@code /} by semver, then the rest. */
    static final Comparator<ModuleVersion> SUM_ORDER = (a, b) -> {
        int c = GoStrings.compare(a.path(), b.path());
        if (c != 0) {
            return c;
        }
        String[] x = splitSuffix(a.version());
        String[] y = splitSuffix(b.version());
        if (!x[0].equals(y[0])) {
            return Semver.compare(x[0], y[0]);
        }
        return GoStrings.compare(x[1], y[1]);
    };

    private final List<Directive> directives;
    private final List<SumLine> sums;
    private final int sumLineCount;

    private LineIndex(List<Directive> directives, List<SumLine> sums, int sumLineCount) {
        this.directives = List.copyOf(directives);
        this.sums = List.copyOf(sums);
        this.sumLineCount = sumLineCount;
    }

    /** Indexes go.mod content {@code goMod} and go.sum content {@code goSum} (null when there is no go.sum). */
    static LineIndex of(byte[] goMod, byte[] goSum) {
        List<Directive> directives = new ArrayList<>();
        String block = null;
        String[] modLines = new String(goMod, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < modLines.length; i++) {
            String line = modLines[i];
            int comment = line.indexOf("//");
            List<String> fields = GoStrings.fields(comment < 0 ? line : line.substring(0, comment));
            if (fields.isEmpty()) {
                continue;
            }
            if (block != null) {
                if (fields.getFirst().equals(")")) {
                    block = null;
                } else {
                    directives.add(new Directive(i + 1, block, unquote(fields)));
                }
                continue;
            }
            if (fields.size() == 2 && fields.get(1).equals("(")) {
                block = fields.getFirst();
                continue;
            }
            directives.add(new Directive(i + 1, fields.getFirst(), unquote(fields.subList(1, fields.size()))));
        }
        List<SumLine> sums = new ArrayList<>();
        int count = 0;
        if (goSum != null) {
            String[] sumLines = new String(goSum, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < sumLines.length; i++) {
                List<String> f = GoStrings.fields(sumLines[i]);
                if (f.size() == 3) {
                    sums.add(new SumLine(i + 1, f.get(0), f.get(1), f.get(2)));
                }
                if (!sumLines[i].isEmpty()) {
                    count = i + 1;
                }
            }
        }
        return new LineIndex(directives, sums, count);
    }

    /** Returns the go.sum lines in file order. */
    List<SumLine> sumLines() {
        return sums;
    }

    /** Returns the location of the module line of go.mod (line 1 if there is none). */
    Finding.Location moduleLine() {
        return at(GO_MOD, find("module", List.of()).orElse(1));
    }

    /** Returns the location of the require line for {@code path}, else go.mod as a whole (line 0). */
    Finding.Location require(String path) {
        return find("require", List.of(path)).map(l -> at(GO_MOD, l)).orElseGet(() -> at(GO_MOD, 0));
    }

    /** Returns the location of the replace line for {@code oldPath} (and {@code oldVersion} if not empty). */
    Finding.Location replace(String oldPath, String oldVersion) {
        List<String> args = oldVersion.isEmpty() ? List.of(oldPath, "=>") : List.of(oldPath, oldVersion);
        return find("replace", args).map(l -> at(GO_MOD, l)).orElseGet(this::moduleLine);
    }

    /** Returns the location of the exclude line for {@code m}. */
    Finding.Location exclude(ModuleVersion m) {
        return find("exclude", List.of(m.path(), m.version()))
                .map(l -> at(GO_MOD, l))
                .orElseGet(this::moduleLine);
    }

    /**
     * Returns the location of the go.sum line for {@code key} (version with {@code /go.mod} for a go.mod
     * hash); else the require line of its path.
     */
    Finding.Location sum(ModuleVersion key) {
        for (SumLine s : sums) {
            if (s.key().equals(key)) {
                return at(GO_SUM, s.line());
            }
        }
        return require(key.path());
    }

    /**
     * Returns where a go.sum line for {@code key} belongs: the line it would be inserted before in the
     * sorted file (the last line if it sorts after all), or the module line of go.mod when go.sum is empty.
     */
    Finding.Location sumInsertion(ModuleVersion key) {
        if (sumLineCount == 0) {
            return moduleLine();
        }
        for (SumLine s : sums) {
            if (SUM_ORDER.compare(s.key(), key) > 0) {
                return at(GO_SUM, s.line());
            }
        }
        return at(GO_SUM, sumLineCount);
    }

    private Optional<Integer> find(String verb, List<String> argsPrefix) {
        for (Directive d : directives) {
            if (d.verb().equals(verb)
                    && d.args().size() >= argsPrefix.size()
                    && d.args().subList(0, argsPrefix.size()).equals(argsPrefix)) {
                return Optional.of(d.line());
            }
        }
        return Optional.empty();
    }

    private static Finding.Location at(String file, int line) {
        return new Finding.Location(file, line);
    }

    private static List<String> unquote(List<String> fields) {
        return fields.stream()
                .map(f ->
                        f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"") ? f.substring(1, f.length() - 1) : f)
                .toList();
    }

    private static String[] splitSuffix(String version) {
        int slash = version.indexOf('/');
        return slash < 0
                ? new String[] {version, ""}
                : new String[] {version.substring(0, slash), version.substring(slash)};
    }
}
