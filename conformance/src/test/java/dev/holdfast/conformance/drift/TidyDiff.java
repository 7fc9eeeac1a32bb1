package dev.holdfast.conformance.drift;

import dev.holdfast.testing.GoToolchain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code go mod tidy -diff} says it would change: the lines it would add to and drop from go.mod
 * and go.sum (from its unified diffs, {@code current/FILE} against {@code tidy/FILE}).
 *
 * @param exitCode the go command's exit code (1 when there is a difference)
 * @param goModAdded lines tidy would add to go.mod
 * @param goModRemoved lines tidy would drop from go.mod
 * @param goSumAdded go.sum keys ({@code path version[/go.mod]}) tidy would add
 * @param goSumRemoved go.sum keys tidy would drop
 */
record TidyDiff(
        int exitCode,
        List<String> goModAdded,
        List<String> goModRemoved,
        Set<String> goSumAdded,
        Set<String> goSumRemoved) {

    static TidyDiff of(GoToolchain.Run run) {
        List<String> modAdded = new ArrayList<>();
        List<String> modRemoved = new ArrayList<>();
        Set<String> sumAdded = new TreeSet<>();
        Set<String> sumRemoved = new TreeSet<>();
        String file = "";
        for (String line : run.stdout().split("\n")) {
            if (line.startsWith("diff ")) {
                file = line.contains("go.sum") ? "go.sum" : "go.mod";
            } else if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("@@")) {
                continue;
            } else if (line.startsWith("+") || line.startsWith("-")) {
                String text = line.substring(1);
                boolean added = line.startsWith("+");
                if (file.equals("go.sum")) {
                    (added ? sumAdded : sumRemoved).add(key(text));
                } else {
                    (added ? modAdded : modRemoved).add(text.strip());
                }
            }
        }
        return new TidyDiff(run.exitCode(), modAdded, modRemoved, sumAdded, sumRemoved);
    }

    /** Returns {@code path version} of a go.sum line. */
    static String key(String sumLine) {
        String[] f = sumLine.strip().split("\\s+");
        return f[0] + " " + f[1];
    }

    private static final Pattern LACKS =
            Pattern.compile("go\\.sum lacks the (go\\.mod|module zip) hash of (\\S+) ([^\\s:]+).*");
    private static final Pattern EXTRA = Pattern.compile("go\\.sum line (\\S+) (\\S+) is not needed by the build");

    /** Returns the go.sum keys of holdfast's go-sum-missing finding messages. */
    static Set<String> missing(List<String> messages) {
        Set<String> out = new TreeSet<>();
        for (String m : messages) {
            Matcher x = LACKS.matcher(m);
            if (!x.matches()) {
                throw new AssertionError("unexpected message: " + m);
            }
            out.add(x.group(2) + " " + x.group(3) + (x.group(1).equals("go.mod") ? "/go.mod" : ""));
        }
        return out;
    }

    /** Returns the go.sum keys of holdfast's go-sum-extra finding messages. */
    static Set<String> extra(List<String> messages) {
        Set<String> out = new TreeSet<>();
        for (String m : messages) {
            Matcher x = EXTRA.matcher(m);
            if (!x.matches()) {
                throw new AssertionError("unexpected message: " + m);
            }
            out.add(x.group(1) + " " + x.group(2));
        }
        return out;
    }
}
