package dev.holdfast.conformance.query;

import dev.holdfast.query.VersionQuery;
import dev.holdfast.testing.GoToolchain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** How many answers of one check were compared and agreed, with a description of each disagreement. */
final class Tally {
    /** The most disagreements kept for the failure message. */
    private static final int KEEP = 40;

    long compared;
    long agreed;
    final List<String> problems = new ArrayList<>();

    /** Counts one comparison of {@code what}. */
    void compare(String what, Object holdfast, Object go) {
        compared++;
        if (holdfast.equals(go)) {
            agreed++;
        } else if (problems.size() < KEEP) {
            problems.add(what + "\n  holdfast: " + holdfast + "\n  go:       " + go);
        }
    }

    /** Adds {@code other}'s counts and problems to this one. */
    synchronized void add(Tally other) {
        compared += other.compared;
        agreed += other.agreed;
        for (String p : other.problems) {
            if (problems.size() < KEEP) {
                problems.add(p);
            }
        }
    }

    /**
     * Writes {@code s} under {@code dir}, runs every {@link GoListChecks} with the go command and with
     * Holdfast, and returns the tallies.
     */
    static Map<GoListChecks, Tally> goList(QueryScenario s, GoToolchain.Sandbox sandbox, Path dir) throws IOException {
        Path proxy = dir.resolve("proxy");
        Path work = dir.resolve("work");
        s.write(proxy, work);
        String url = proxy.toUri().toString();
        VersionQuery vq = s.holdfast(url);
        Map<GoListChecks, Tally> tallies = new EnumMap<>(GoListChecks.class);
        for (GoListChecks check : GoListChecks.values()) {
            List<String> args = check.arguments(s);
            List<Answer> go = check.go(s, sandbox, work, url);
            Tally t = new Tally();
            for (int i = 0; i < args.size(); i++) {
                t.compare(
                        s.name() + ": " + check.name() + " " + args.get(i),
                        check.holdfast(s, vq, args.get(i)),
                        check.compared(go.get(i)));
            }
            tallies.put(check, t);
        }
        return tallies;
    }
}
