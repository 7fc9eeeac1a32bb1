package dev.holdfast.mvs;

import dev.holdfast.module.ModuleVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and runs the scenario language of the go command's {@code mvs_test.go}, exactly as its {@code
 * Test} function does. A one-letter name followed by a version stands for a module ({@code B1} is
 * {@code B@1}, a bare {@code A} is {@code A} at version {@code ""}, {@code Cnone} is {@code C@none}).
 *
 * <pre>
 * name: blog            starts a scenario with an empty graph
 * A: B1 C2              A requires B1 and C2 (and B1, C2 exist)
 * build A: A B1 C2      commands: build, upgrade*, upgrade, upgradereq, downgrade, req;
 *                       the value is the expected list
 * </pre>
 *
 * Commands run against the scenario's whole graph, including lines that follow them, because Go runs
 * them only when the next {@code name:} line (or the end) is reached.
 */
public final class MvsScript {

    /** A scenario: its name, its graph, and its commands in order. */
    public record Scenario(String name, MapReqs reqs, List<Command> commands) {}

    /** A command line: its key words ({@code upgrade A C4}) and the expected list as written. */
    public record Command(List<String> key, String want) {
        @Override
        public String toString() {
            return String.join(" ", key) + ": " + want;
        }
    }

    private MvsScript() {}

    /** Returns {@code s} as a module: its first character is the path, the rest the version. */
    public static ModuleVersion module(String s) {
        return new ModuleVersion(s.substring(0, 1), s.substring(1));
    }

    /** Returns each whitespace-separated field of {@code s} as a module. */
    public static List<ModuleVersion> modules(List<String> fields) {
        return fields.stream().map(MvsScript::module).toList();
    }

    /**
     * Parses a script into its scenarios.
     *
     * @throws IllegalArgumentException for a line {@code mvs_test.go} rejects, with its message
     */
    public static List<Scenario> parse(String script) {
        List<Scenario> scenarios = new ArrayList<>();
        Scenario current = null;
        for (String raw : script.split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            int i = line.indexOf(':');
            if (i < 0) {
                throw new IllegalArgumentException("missing colon: " + line);
            }
            String key = line.substring(0, i).strip();
            String val = line.substring(i + 1).strip();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("missing key: " + line);
            }
            List<String> kf = fields(key);
            if (kf.getFirst().equals("name")) {
                if (kf.size() != 1) {
                    throw new IllegalArgumentException("name takes no arguments: " + line);
                }
                current = new Scenario(val, new MapReqs(), new ArrayList<>());
                scenarios.add(current);
            } else if (isCommand(kf.getFirst())) {
                checkArity(kf, line);
                requireScenario(current, line).commands().add(new Command(kf, val));
            } else if (kf.size() == 1 && key.charAt(0) >= 'A' && key.charAt(0) <= 'Z') {
                addRequirements(requireScenario(current, line).reqs(), key, val);
            } else {
                throw new IllegalArgumentException("bad line: " + line);
            }
        }
        return scenarios;
    }

    private static boolean isCommand(String word) {
        return List.of("build", "upgrade*", "upgradereq", "upgrade", "downgrade", "req")
                .contains(word);
    }

    private static void checkArity(List<String> kf, String line) {
        boolean exactlyOne = kf.getFirst().equals("build") || kf.getFirst().equals("upgrade*");
        if (exactlyOne ? kf.size() != 2 : kf.size() < 2) {
            throw new IllegalArgumentException(kf.getFirst() + " takes the wrong number of arguments: " + line);
        }
    }

    private static Scenario requireScenario(Scenario current, String line) {
        if (current == null) {
            // Go would collect the line into an unnamed scenario that is never run; refuse it instead.
            throw new IllegalArgumentException("line before the first name: " + line);
        }
        return current;
    }

    /** As Go: every module mentioned exists (with no requirements unless it has its own line). */
    private static void addRequirements(MapReqs reqs, String key, String val) {
        List<ModuleVersion> required = modules(fields(val));
        for (ModuleVersion r : required) {
            if (!reqs.contains(r)) {
                reqs.put(r, List.of());
            }
        }
        reqs.put(module(key), required);
    }

    /**
     * Runs {@code command} against {@code scenario}'s graph and returns the list it produces.
     *
     * @throws IOException whatever the MVS function throws
     */
    public static List<ModuleVersion> run(Scenario scenario, Command command) throws IOException {
        List<String> kf = command.key();
        MapReqs reqs = scenario.reqs();
        ModuleVersion target = module(kf.get(1));
        ModuleVersion[] rest = modules(kf.subList(2, kf.size())).toArray(ModuleVersion[]::new);
        return switch (kf.getFirst()) {
            case "build" -> Mvs.buildList(List.of(target), reqs);
            case "upgrade*" -> Mvs.upgradeAll(target, reqs);
            case "upgrade" -> Mvs.upgrade(target, reqs, rest);
            case "upgradereq" -> {
                // The requirements the upgrade would write: Req over the graph with the target's
                // requirements replaced by the upgraded build list.
                List<ModuleVersion> list = Mvs.upgrade(target, reqs, rest);
                MapReqs upgraded = reqs.copy();
                upgraded.put(target, list);
                yield Mvs.req(target, List.of(), upgraded);
            }
            // Go passes the target itself among the downgrades: kf[1:], not kf[2:].
            case "downgrade" ->
                Mvs.downgrade(target, reqs, modules(kf.subList(1, kf.size())).toArray(ModuleVersion[]::new));
            case "req" -> Mvs.req(target, kf.subList(2, kf.size()), reqs);
            default -> throw new IllegalArgumentException("unknown command: " + command);
        };
    }

    /** Returns the list the command expects. */
    public static List<ModuleVersion> want(Command command) {
        return modules(fields(command.want()));
    }

    private static List<String> fields(String s) {
        return Arrays.stream(s.strip().split("\\s+")).filter(f -> !f.isEmpty()).toList();
    }
}
